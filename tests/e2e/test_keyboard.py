"""Three flows done with real key presses only, counting the Tab presses to each target and
asserting where the focus lands: a citizen filters the projects and opens one; a member saves
a 後援 draft with a wrong date and reaches the field from the error summary; staff return a
proposal without a reason, reach the reason box from the summary, and return it with one.

The counts are ceilings: a change that makes a flow longer by keyboard fails here.
"""

import datetime

import pytest
from django.utils import timezone

from tests import factories

from .waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "test-password-123"
# The most Tab presses each step may take (measured; lower them when a change shortens one).
# Measured ceilings. The 後援 draft took 39 + 77 before the list of activity fields folded
# into one stop and the times became one box each; the project list's filters gained their
# disclosure's summary (one stop, so that on a phone the first result is on the first screen);
# the staff file puts its content first, with a link at the top to the decisions; the main
# menu gained イベント and ボランティア募集 (a stop each before everything below the header),
# the editor its two 「行を追加する」 buttons; the list its folded 「新着をフィードで受け取る」
# (one stop before the results); the main menu then gained サイト内検索 (one stop more before
# everything below the header, the results included).
# A 後援 asks its date and place once, in its own part (no period, place or event rows of
# its own): 22 + 73 to the save button became 28 + 48 (29 with サイト内検索). The staff
# desk's menu gained 書き出し (one stop more before the staff file's content).
CEILINGS = {
    "projects: to the filters": 12,
    "projects: to the form filter": 2,
    "projects: filter to its button": 5,
    "projects: results page to the first result": 22,
    "patronage: top to the event date": 29,
    "patronage: event date to save": 48,
    "staff: top to the decisions": 24,
    "staff: top to return": 4,
    "staff: reason to return": 1,
}
MEASURED = {}


def active(page):
    return page.evaluate(
        "() => { const e = document.activeElement; return e ? "
        "{tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'), "
        "text: (e.innerText || e.value || '').trim().slice(0, 60), "
        "href: e.getAttribute('href'), cls: e.className} : null }"
    )


def tab_until(page, matches, what, limit=400):
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if matches(active(page)):
            MEASURED[what] = count
            assert count <= CEILINGS[what], (
                f"{what}: {count} Tab presses (at most {CEILINGS[what]})"
            )
            return count
    raise AssertionError(f"{what}: not reached in {limit} Tab presses")


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").first.fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_citizen_filters_and_opens_a_project_by_keyboard(live_server, page):
    factories.make_project(title="防災の補助事業", form="subsidy")
    factories.make_project(title="共催のまつり", form="cohosting")
    page.goto(f"{live_server.url}/projects/")
    # On a phone the filters are folded: their summary opens them.
    tab_until(page, lambda e: e["tag"] == "summary", "projects: to the filters")
    if page.locator("details.filter-disclosure").get_attribute("open") is None:
        page.keyboard.press("Enter")
    tab_until(page, lambda e: e["id"] == "id_form", "projects: to the form filter")
    page.keyboard.press("ArrowDown")  # the first form after 「すべて」
    chosen = page.evaluate("document.getElementById('id_form').value")
    assert chosen
    tab_until(
        page,
        lambda e: e["tag"] == "button" and e["text"] == "絞り込む",
        "projects: filter to its button",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"form={chosen}" in url)
    tab_until(
        page,
        lambda e: (
            e["tag"] == "a"
            and (e["href"] or "").startswith("/projects/")
            and e["href"].rstrip("/").split("/")[-1].isdigit()
        ),
        "projects: results page to the first result",
    )
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    assert page.locator("h1").inner_text() in ("防災の補助事業", "共催のまつり")


def test_a_member_saves_a_patronage_draft_and_reaches_the_error_by_keyboard(
    live_server, page, member, organization
):
    sign_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/projects/new/?form=patronage")
    # From the top of the page to the event's date (a 後援 asks its date once, in its own
    # part), a wrong date typed (13月), then on to the save button.
    tab_until(
        page, lambda e: e["id"] == "id_detail-event_date_0", "patronage: top to the event date"
    )
    page.keyboard.type("2027")
    page.keyboard.press("Tab")
    page.keyboard.type("13")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    tab_until(
        page,
        lambda e: e["tag"] == "button" and e["text"] == "下書きを保存する",
        "patronage: event date to save",
    )
    page.keyboard.press("Enter")
    wait_until(
        page, "() => document.activeElement && document.activeElement.id === 'error-summary'"
    )
    page.keyboard.press("Tab")
    link = active(page)
    assert link["tag"] == "a" and link["href"] == "#id_detail-event_date_0", link
    page.keyboard.press("Enter")
    assert active(page)["id"] == "id_detail-event_date_0"
    # The date's legend is on the screen with its 年 box (to the pixel: layout is fractional).
    assert page.evaluate(
        "() => { const r = document.getElementById('id_detail-event_date_fieldset')"
        ".getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight; }"
    )


def test_staff_return_a_proposal_by_keyboard(live_server, page, coordinating_staff, organization):
    project = factories.make_project(
        lead_organization=organization,
        status="submitted",
        submitted_at=timezone.now() - datetime.timedelta(days=1),
    )
    sign_in(page, live_server.url, coordinating_staff.email)
    page.goto(f"{live_server.url}/staff/projects/{project.pk}/")
    # The content comes first; the link at the top leads to the decisions.
    tab_until(page, lambda e: e["href"] == "#actions-title", "staff: top to the decisions")
    page.keyboard.press("Enter")
    tab_until(
        page, lambda e: e["tag"] == "button" and e["text"] == "差し戻し", "staff: top to return"
    )
    page.keyboard.press("Enter")
    wait_until(
        page, "() => document.activeElement && document.activeElement.id === 'error-summary'"
    )
    page.keyboard.press("Tab")
    assert active(page)["href"] == "#comment-return"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "comment-return"
    assert page.locator("#comment-return").get_attribute("aria-invalid") == "true"
    page.keyboard.type("収支予算書を添付してください。")
    tab_until(
        page, lambda e: e["tag"] == "button" and e["text"] == "差し戻し", "staff: reason to return"
    )
    page.keyboard.press("Enter")
    page.get_by_text("」の「差し戻し」を行いました。").wait_for()
    project.refresh_from_db()
    assert project.status == "returned"


def test_a_scroll_box_is_a_stop_only_when_it_scrolls(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/opendata/")
    boxes = page.locator(".table-scroll")
    assert boxes.count() >= 3
    for box in boxes.all():
        scrolls = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
        assert (box.get_attribute("tabindex") == "0") == scrolls
    page.set_viewport_size({"width": 360, "height": 740})
    wait_until(
        page,
        "() => Array.from(document.querySelectorAll('.table-scroll'))"
        ".every(b => (b.scrollWidth > b.clientWidth + 1) === b.hasAttribute('tabindex'))",
    )


def test_zz_report(capsys):
    with capsys.disabled():
        print("\nTab presses:", MEASURED)
