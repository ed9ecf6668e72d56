// Progressive enhancements; every page works without them.
(function () {
  "use strict";

  // A form is sent once: a second click (or Enter) while the page is on its way is ignored.
  // The server makes a repeated post harmless in any case (portal/once.py).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") {
      return;
    }
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "true";
    form.setAttribute("aria-busy", "true");
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit], button:not([type])"), function (button) {
      button.setAttribute("aria-disabled", "true");
    });
    // A page restored from the browser's cache (Back) may be sent again.
    window.addEventListener("pageshow", function () {
      delete form.dataset.submitting;
      form.removeAttribute("aria-busy");
    }, { once: true });
  });
})();
