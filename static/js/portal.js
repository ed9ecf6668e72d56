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

// After a failed submit, the error summary takes the focus, so that a screen reader reads it
// and one Tab reaches its first link. A link of the summary moves the focus to its field and
// scrolls the field's legend or label into view with it (a date's 年 box keeps its legend).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return;
    }
    var input = target.matches("input, select, textarea, button") ? target : target.querySelector("input, select, textarea");
    var folded = target.closest("details");
    if (folded) {
      folded.open = true;
    }
    var context = target.closest("fieldset") || target.closest(".form-field") || target;
    event.preventDefault();
    context.scrollIntoView({ block: "start" });
    (input || target).focus({ preventScroll: true });
  });
})();

// A scroll box is a keyboard stop only while it has something to scroll (without this script
// every box stays one, so that a wide table can always be scrolled by keyboard).
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".table-scroll[tabindex]");
  if (!boxes.length) {
    return;
  }
  var hintText = document.body.getAttribute("data-scroll-hint");
  function update() {
    Array.prototype.forEach.call(boxes, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      var hasHint = hint && hint.classList.contains("scroll-hint");
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        if (!hasHint && hintText) {
          hint = document.createElement("p");
          hint.className = "scroll-hint";
          hint.textContent = hintText;
          box.parentNode.insertBefore(hint, box);
        }
      } else {
        box.removeAttribute("tabindex");
        if (hasHint) {
          hint.remove();
        }
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();

// On a wide screen the filters of a list start open (on a phone they stay folded, so that the
// first result is on the first screen).
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll("details.filter-disclosure"), function (details) {
    details.open = true;
  });
})();

// 「行を追加する」 adds an empty row on the page itself, from the row template the page holds
// (without this script the button saves the draft and the page comes back with the row).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-add-row]");
    if (!button) {
      return;
    }
    var prefix = button.getAttribute("data-add-row");
    var template = document.getElementById("empty-" + prefix);
    var rows = document.getElementById("rows-" + prefix);
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var most = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !rows || !total) {
      return;
    }
    var count = parseInt(total.value, 10);
    if (most && count >= parseInt(most.value, 10)) {
      return;
    }
    event.preventDefault();
    var html = template.innerHTML.replace(/__prefix__/g, String(count)).replace(/__num__/g, String(count + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(count + 1);
    var first = rows.lastElementChild && rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
  });
})();

// 「リンクをコピーする」 copies the page's address and says so in the live region beside it;
// without this script (or the clipboard) it stays a plain link to the page.
(function () {
  "use strict";
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-copy-link]");
    if (!link) {
      return;
    }
    var block = link.closest(".share");
    var status = block && block.querySelector("[data-copy-status]");
    event.preventDefault();
    function say(text) {
      if (status) {
        status.textContent = "";
        window.setTimeout(function () { status.textContent = text; }, 50);
      }
    }
    navigator.clipboard.writeText(link.href).then(function () {
      say(link.getAttribute("data-copied"));
    }, function () {
      say(link.getAttribute("data-copy-failed"));
    });
  });
})();
