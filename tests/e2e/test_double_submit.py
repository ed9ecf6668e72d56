"""A form is sent once in the browser: a second submit while the first is on its way is held
back (static/js/portal.js), and the button says it is busy; the server makes a repeated post
harmless anyway (portal/once.py, tests/portal/test_once.py)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Record what the portal's own script decided for each submit, then stop the navigation so
# that the page stays to be looked at.
WATCH = """() => {
  window.submits = [];
  window.addEventListener("submit", (event) => {
    window.submits.push(event.defaultPrevented);
    event.preventDefault();
  });
}"""


def test_a_second_submit_of_a_form_on_its_way_is_held_back(
    page, live_server, login, coordinating_staff
):
    login(coordinating_staff.email)
    page.goto(f"{live_server.url}/staff/projects/new/")
    page.evaluate(WATCH)
    form = page.locator("main form.staff-form")
    form.evaluate("form => form.requestSubmit()")
    form.evaluate("form => form.requestSubmit()")
    assert page.evaluate("window.submits") == [False, True]
    assert form.get_attribute("aria-busy") == "true"
    assert form.locator("button[type=submit]").first.get_attribute("aria-disabled") == "true"
