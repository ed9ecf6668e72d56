"""The Content-Security-Policy holds on the real pages: the browser reports no violation
(no inline script or style, nothing from another origin) on the key pages, public and
signed in, and it does report one when something breaks the policy."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from events.selectors import accepting_signups
from projects.models import Project

from .public_site import approved_organization, evaluated_project, published_project
from .waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO_PASSWORD = "kyodo-demo-2026"

# Installed before any of the page's own scripts run: every violation the browser reports.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def violations(page):
    """The violations the page reported and the console's complaints about the policy."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if message.type in {"error", "warning"}
            and ("Content Security Policy" in message.text or "Permissions-Policy" in message.text)
            else None
        ),
    )
    page.add_init_script(LISTEN)

    def seen():
        return page.evaluate("window.__violations") + console

    return seen


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_public_pages_report_no_policy_violation(demo, live_server, page, violations):
    event = accepting_signups(timezone.localdate())[0]
    paths = [
        "/",
        "/projects/?form=committee",
        published_project().get_absolute_url(),
        evaluated_project().get_absolute_url(),
        approved_organization().get_absolute_url(),
        "/events/",
        f"/events/{event.pk}/",
        "/opendata/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    for path in paths:
        visit(page, live_server.url + path)
        assert violations() == [], path


def test_signed_in_pages_report_no_policy_violation(demo, live_server, page, violations):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("メールアドレス").fill("member@example.jp")
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/mypage/")
    draft = Project.objects.filter(
        status=Project.Status.DRAFT,
        lead_organization__memberships__user__email="member@example.jp",
    ).first()
    for path in ["/mypage/", "/projects/new/", f"/projects/{draft.pk}/edit/"]:
        visit(page, live_server.url + path)
        assert violations() == [], path
    # The proposal form's script adds rows from a <template>: still within the policy.
    page.get_by_role("button", name="協働の相手の行を追加する").click()
    assert violations() == []


def test_a_violation_is_reported_when_a_page_breaks_the_policy(demo, live_server, page, violations):
    """The check above sees violations: an inline style and a foreign image are refused."""
    visit(page, live_server.url + "/")
    page.evaluate(
        """() => document.body.insertAdjacentHTML('beforeend',
            '<p style="color: red">x</p><img alt="" src="https://third-party.example/a.png">')"""
    )
    wait_until(page, "() => window.__violations.length >= 2")
    seen = violations()
    assert any(item.startswith("style-src") for item in seen), seen
    assert any(item.startswith("img-src") for item in seen), seen


def test_pages_served_from_the_cache_hold_the_policy_and_their_forms_work(
    demo, live_server, page, violations, public_cache_on
):
    """A page served from the public cache (portal/caching.py) comes with the same policy and
    reports no violation; its language switch (a form with the visitor's own CSRF token, put
    in on every hit) still works."""
    event = accepting_signups(timezone.localdate())[0]
    paths = ["/", "/projects/", published_project().get_absolute_url(), f"/events/{event.pk}/"]
    for path in paths:
        page.context.clear_cookies()
        visit(page, live_server.url + path)  # drawn and kept
        page.context.clear_cookies()  # another visitor
        response = page.goto(live_server.url + path)
        assert response.headers.get("x-public-cache") == "hit", path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert violations() == [], path
    page.get_by_label("表示言語").select_option("en")
    page.get_by_role("button", name="切り替え").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations() == []


def test_a_browser_test_waits_for_a_later_condition_without_eval(live_server, page):
    """The policy refuses ``eval`` outside DevTools' own calls, so a condition that becomes
    true only later is waited for from Python (tests/e2e/waiting.py). The page's policy is the
    production one: Playwright's own wait, which evaluates its predicate from the page's
    animation frames, is refused on it."""
    visit(page, live_server.url + "/")
    page.evaluate("() => { setTimeout(() => { document.body.dataset.ready = 'yes'; }, 300); }")
    assert wait_until(page, "() => document.body.dataset.ready") == "yes"
    page.evaluate("() => { setTimeout(() => { document.body.dataset.later = 'yes'; }, 300); }")
    with pytest.raises(PlaywrightError, match="unsafe-eval"):
        page.wait_for_function("document.body.dataset.later")


def test_no_browser_test_uses_playwrights_wait_for_function():
    """Its predicate is evaluated with ``eval``, which the policy refuses: the wait fails or
    passes by timing alone."""
    folder = Path(__file__).parent
    found = [
        path.name
        for path in folder.glob("*.py")
        if path.name not in {"waiting.py", Path(__file__).name}
        and ".wait_for_function(" in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_no_browser_test_asserts_visibility_without_waiting():
    """``locator.is_visible()`` answers at once: asserted right after a click it passes or
    fails by timing. ``expect(locator).to_be_visible()`` waits for the page."""
    folder = Path(__file__).parent
    found = [
        f"{path.name}:{number}"
        for path in folder.glob("*.py")
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip().startswith("assert ") and ".is_visible()" in line
    ]
    assert found == []
