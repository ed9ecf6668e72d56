"""The event pages in a real browser, on the demo's data, at a 360 px phone width and at
desktop width: a citizen goes from the top page to /events/, filters by month, opens an event
and finds its date with the day of the week and its own calendar file. axe-core finds nothing
on /events/, its past tab and an event's page, and nothing is wider than the phone."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 360, "height": 740}
LECTURE = "市民大学ふじみ野 第17回講座「地域の防災を考える」"


def _open_filters(page):
    filters = page.locator("details.filter-disclosure")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()


def _check(page, assert_accessible, what, size):
    assert_accessible(f"{what} ({size['width']}px)")
    if size == NARROW_PHONE:
        assert horizontal_overflow(page) == 0, f"{what} is wider than a phone"


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_a_citizen_finds_an_event_and_its_calendar_file(
    demo, size, live_server, page, assert_accessible, screenshot
):
    base = live_server.url
    page.set_viewport_size(size)

    # From the top page, whose events come before the explanation of 協働.
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="参加できるイベント")).to_be_visible()
    page.get_by_role("link", name="イベントをすべて見る").click()
    page.wait_for_url(f"{base}/events/")
    expect(page.get_by_role("heading", name="イベント", level=1)).to_be_visible()
    _check(page, assert_accessible, "/events/", size)
    screenshot(f"events-{size['width']}")

    # Filtered by month through the form (folded on a phone: its summary opens it).
    _open_filters(page)
    page.get_by_label("年月(例: 2026-12)").fill("2027-01")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url(lambda url: "month=2027-01" in url)
    expect(page.get_by_role("heading", name="令和9年1月")).to_be_visible()
    expect(page.get_by_role("link", name="親子で楽しむ科学あそび教室").first).to_be_visible()
    assert page.get_by_role("link", name="スポーツカレッジ 修了式").count() == 0

    # An invalid month is explained, not a failure.
    _open_filters(page)
    page.get_by_label("年月(例: 2026-12)").fill("2027-13")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_text("「2027-13」は年月として読めません。")).to_be_visible()
    _check(page, assert_accessible, "/events/ with an invalid month", size)

    # The event's own page: its weekday date and its calendar file.
    page.goto(f"{base}/events/?month=2027-01")
    page.get_by_role("link", name=LECTURE).click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    expect(page.get_by_role("heading", name=LECTURE, level=1)).to_be_visible()
    expect(page.get_by_text("令和9年1月16日(土)").first).to_be_visible()
    calendar_link = page.get_by_role("link", name="このイベントのカレンダーファイル(.ics)")
    assert calendar_link.get_attribute("href").endswith("/calendar.ics")
    response = page.request.get(base + calendar_link.get_attribute("href"))
    assert response.ok and "BEGIN:VEVENT" in response.text()
    _check(page, assert_accessible, "an event page", size)
    screenshot(f"event-{size['width']}")

    # The past events, on their own tab (a plain link).
    page.goto(f"{base}/events/")
    page.get_by_role("link", name="終わったイベント").click()
    page.wait_for_url(f"{base}/events/?when=past")
    assert page.locator(".event-list li").count() > 0
    _check(page, assert_accessible, "/events/?when=past", size)
