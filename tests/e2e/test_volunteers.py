"""Volunteer requests in a real browser, on the demo's data, at a 360 px phone width and at
desktop width: a citizen finds a request from the top page and applies; the organisation's
member accepts; both mails are in the outbox (the live server shares this process's). axe-core
finds nothing on any volunteer page, and nothing is wider than the phone."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import DESKTOP
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 360, "height": 740}
ROLE = "科学あそび教室の実験補助"  # asked by member@example.jp's organisation
APPLICANT = "reviewer@example.jp"
PASSWORD = "kyodo-demo-2026"


def _check(page, assert_accessible, what, size):
    assert_accessible(f"{what} ({size['width']}px)")
    if size == NARROW_PHONE:
        assert horizontal_overflow(page) == 0, f"{what} is wider than a phone"


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_a_citizen_applies_and_the_member_accepts(
    demo, size, live_server, page, assert_accessible, login
):
    base = live_server.url
    page.set_viewport_size(size)
    mail.outbox.clear()

    # The list, with its filters (folded on a phone).
    page.goto(f"{base}/volunteers/")
    summary = page.locator("details.filter-disclosure > summary")
    if not page.locator("details.filter-disclosure[open]").count():
        summary.click()
    expect(page.get_by_label("キーワード")).to_be_visible()
    _check(page, assert_accessible, "the volunteer requests", size)

    # From the top page to the request; the anonymous are asked to log in.
    page.goto(f"{base}/")
    page.get_by_role("link", name=ROLE).first.click()
    page.wait_for_url(lambda url: "/volunteers/" in url)
    request_url = page.url
    expect(page.get_by_role("link", name="ログインして応募する")).to_be_visible()
    _check(page, assert_accessible, "a volunteer request", size)

    login(APPLICANT, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(request_url)
    page.get_by_label("メッセージ").fill("週末なら参加できます。ブラウザ 次郎")
    _check(page, assert_accessible, "a volunteer request with its form", size)
    page.get_by_role("button", name="応募する").click()
    expect(page.get_by_text("応募しました。")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["member@example.jp"]]

    # The organisation's member answers from the list of applications.
    page.context.clear_cookies()
    login("member@example.jp", PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(request_url)
    page.get_by_role("link", name="応募者の一覧").click()
    _check(page, assert_accessible, "the applications of a request", size)
    section = page.locator("section").filter(has_text="ブラウザ 次郎")
    section.get_by_label("受入").check()
    section.get_by_label("応募者へのメッセージ(任意)").fill("当日お待ちしています。")
    section.get_by_role("button").click()
    expect(page.get_by_text("回答しました。")).to_be_visible()
    assert mail.outbox[-1].to == [APPLICANT]
    assert "当日お待ちしています。" in mail.outbox[-1].body

    # The form to post a request.
    page.goto(f"{base}/mypage/")
    page.get_by_role("link", name="ボランティアを募集する").first.click()
    _check(page, assert_accessible, "the form to post a request", size)
