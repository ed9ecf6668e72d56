"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def static_files_from_finders(settings):
    """The live test server answers /static/ from the finders, which know the plain names
    only; with DEBUG off (CI, production) templates would ask for the hashed names of the
    manifest storage, and the browser would get no CSS. Unit tests keep the manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def site_url(settings, live_server):
    """Links in mails lead to the live test server, as they lead to SITE_URL in production."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The portal's public is Japanese: the browser asks for Japanese like theirs does.
    return {**browser_context_args, "locale": "ja-JP", "timezone_id": "Asia/Tokyo"}


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-results/screenshots/ (kept as a CI artifact)."""

    def take(name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def run_axe_report(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return its whole report
    (violations in full, the other results by rule only)."""
    if not AXE_SCRIPT.exists():
        raise RuntimeError("axe-core is missing: run `make setup` (npm ci) first.")
    # Evaluated through the browser's debugging protocol rather than added as a <script>: the
    # portal's Content-Security-Policy refuses inline scripts, as it should.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;true")
    return page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )


def run_axe(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return its violations."""
    return run_axe_report(page)["violations"]


# The runs of the accessibility tests that name their page (assert_accessible(page=…)):
# with AXE_RESULTS=1, a session that passes writes them into pages/accessibility-results.json,
# the results /accessibility/ publishes (docs/accessibility.md).
AXE_RUNS = []


def _rules(results):
    return [{"id": rule["id"], "tags": rule["tags"]} for rule in results]


def pytest_sessionfinish(session, exitstatus):
    if not os.environ.get("AXE_RESULTS") or not AXE_RUNS:
        return
    if exitstatus != 0:
        print("\nAXE_RESULTS: tests failed, pages/accessibility-results.json not written")
        return
    import datetime
    import json

    from pages import accessibility

    version = json.loads((AXE_SCRIPT.parent / "package.json").read_text())["version"]
    results = accessibility.summarize(
        AXE_RUNS,
        tested_on=datetime.date.today().isoformat(),
        tool=f"axe-core {version}",
        browser=AXE_RUNS[0]["browser"],
    )
    accessibility.write(results)
    print(f"\nAXE_RESULTS: {len(results['pages'])} pages written to {accessibility.RESULTS_FILE}")


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(page):
    """Check the page with axe-core. A test that names the page it checks (`page_name`, with
    the `width` and `language` it is shown at) adds the run to the published results."""

    def check(url_for_message="", *, page_name=None, width=None, language=None):
        report = run_axe_report(page)
        violations = report["violations"]
        if page_name is not None:
            path = page.evaluate("() => location.pathname + location.search")
            AXE_RUNS.append(
                {
                    "name": page_name,
                    "path": path,
                    "width": width,
                    "language": language,
                    "browser": f"Chromium {page.context.browser.version}",
                    **{
                        kind: _rules(report[kind])
                        for kind in ("violations", "passes", "inapplicable", "incomplete")
                    },
                }
            )
        assert violations == [], f"axe-core violations on {url_for_message or page.url}:\n" + (
            format_violations(violations)
        )

    return check


LANGUAGES = ("ja", "en")


@pytest.fixture
def show_in(page, live_server):
    """Switch the interface language of the browser's pages (the footer's choice, a cookie)."""

    def switch(language):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )

    return switch


@pytest.fixture
def login(page, live_server):
    """Sign a user in through the real login form."""

    def sign_in(email, password="test-password-123"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("メールアドレス").fill(email)
        page.get_by_label("パスワード").first.fill(password)
        page.get_by_role("button", name="ログイン").click()

    return sign_in


@pytest.fixture
def demo(transactional_db):
    """The portal's demo data (`load_demo`), committed so that the live server sees it.

    Mark the test `django_db(transaction=True, serialized_rollback=True)`: the flush after a
    transactional test would otherwise also remove the master data the migrations loaded.
    """
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def _connection_before_playwright(django_db_setup, django_db_blocker):
    from django.db import connections

    return connections["default"]


@pytest.fixture(scope="session")
def playwright(_connection_before_playwright, playwright):
    """Keep serialized rollback working once Playwright has started.

    Starting Playwright's sync API leaves the test code in another context, where Django
    opens a new connection object to the (shared in-memory) test database. That object lacks
    the database contents serialized at setup, so `serialized_rollback` would silently
    restore nothing and the master data (areas, fields, principles) would be gone after the
    first transactional test. Hand the serialized contents over to the new object.
    """
    from django.db import connections

    current = connections["default"]
    serialized = getattr(_connection_before_playwright, "_test_serialized_contents", None)
    if serialized is not None and not hasattr(current, "_test_serialized_contents"):
        current._test_serialized_contents = serialized
    return playwright
