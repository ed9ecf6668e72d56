"""Sign-ups in a real browser, on the demo's data, at a 360 px phone width and at desktop
width: a citizen finds an event from the top page, signs up without an account, confirms
from the mail (the live server shares this process's outbox) and later cancels; the
organiser sees the list change. axe-core finds nothing on any sign-up page, and nothing is
wider than the phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import DESKTOP
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 360, "height": 740}
CLASS = "親子で楽しむ科学あそび教室"  # organised by member@example.jp's organisation
FULL = "学生と考えるまちづくりワークショップ(第2回)"
PASSWORD = "kyodo-demo-2026"


def _check(page, assert_accessible, what, size):
    assert_accessible(f"{what} ({size['width']}px)")
    if size == NARROW_PHONE:
        assert horizontal_overflow(page) == 0, f"{what} is wider than a phone"


def _link_in_mail(pattern):
    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if found:
            return found[0]
    raise AssertionError(f"no mail with {pattern}: {[m.subject for m in mail.outbox]}")


def _path(url):
    return "/" + url.split("/", 3)[3]


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_a_citizen_signs_up_confirms_and_cancels_and_the_organiser_sees_it(
    demo, size, live_server, page, assert_accessible, login
):
    base = live_server.url
    page.set_viewport_size(size)
    mail.outbox.clear()

    # From the top page to the events, and to the event that takes sign-ups.
    page.goto(f"{base}/")
    page.get_by_role("link", name="イベントをすべて見る").click()
    page.wait_for_url(f"{base}/events/")
    page.get_by_role("link", name=CLASS).first.click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    event_url = page.url
    expect(page.get_by_role("heading", name="参加申込")).to_be_visible()

    # A sign-up sent without a name is explained beside the field.
    page.get_by_label("メールアドレス").fill("citizen.e2e@example.jp")
    page.get_by_role("button", name="参加を申し込む").click()
    expect(page.get_by_text("このフィールドは必須です。").first).to_be_visible()
    _check(page, assert_accessible, "an event page with its sign-up form and an error", size)

    # Without an account: pending until the mailed link is followed.
    page.get_by_label("お名前").fill("ブラウザ 太郎")
    page.get_by_label("参加人数(申込者を含む)").fill("2")
    page.get_by_role("button", name="参加を申し込む").click()
    expect(page.get_by_text("申込はまだ確定していません。")).to_be_visible()
    _check(page, assert_accessible, "an event page after a sign-up", size)

    confirm = _link_in_mail(r"https?://\S+/events/signup/confirm/\S+/")
    page.goto(base + _path(confirm))
    _check(page, assert_accessible, "the confirmation page", size)
    page.get_by_role("button", name="申込を確定する").click()
    page.wait_for_url(lambda url: "/events/signup/" in url and "/confirm/" not in url)
    expect(page.get_by_text("申込を確定しました。")).to_be_visible()
    expect(page.get_by_text("受付済み")).to_be_visible()
    _check(page, assert_accessible, "the applicant's own page", size)
    own_page = page.url
    # The confirmation link worked once.
    assert page.request.get(base + _path(confirm)).status == 404

    # The organiser sees the applicant on the list, then the settings page.
    login("member@example.jp", PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(event_url)
    page.get_by_role("link", name="申込者の一覧").click()
    row = page.get_by_role("row").filter(has_text="ブラウザ 太郎")
    expect(row.get_by_text("受付済み")).to_be_visible()
    _check(page, assert_accessible, "the list of applicants", size)
    page.get_by_role("link", name="参加申込の設定を変える").click()
    assert page.get_by_label("定員(人)").input_value() == "30"
    _check(page, assert_accessible, "the sign-up settings", size)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("参加申込の設定を保存しました。")).to_be_visible()

    # The applicant cancels from their own page (the link of their mail), once.
    page.goto(own_page)
    page.get_by_role("button", name="申込を取り消す").click()
    expect(page.get_by_text("参加申込を取り消しました。")).to_be_visible()
    assert page.request.get(own_page).status == 404

    # The organiser's list says so.
    page.goto(event_url.rstrip("/") + "/applications/")
    row = page.get_by_role("row").filter(has_text="ブラウザ 太郎")
    expect(row.get_by_text("取り消し")).to_be_visible()


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_a_full_event_offers_its_waiting_list(demo, size, live_server, page, assert_accessible):
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name=FULL).first.click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    expect(page.get_by_text("満員").first).to_be_visible()
    expect(page.get_by_role("button", name="キャンセル待ちに申し込む")).to_be_visible()
    _check(page, assert_accessible, "a full event's page", size)
