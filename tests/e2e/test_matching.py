"""Matching in a real browser, on the demo's data, at a 360 px phone width and at desktop
width: an organisation's page shows its suggestions with their reasons; the member finds the
contact request awaiting an answer on /mypage/ and accepts; both sides' mails carry the
other's contact. axe-core finds nothing on any of these pages, and nothing is wider than the
phone."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from matching.models import ContactRequest
from organizations.models import Organization

from .conftest import DESKTOP
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 360, "height": 740}
PASSWORD = "kyodo-demo-2026"


def _check(page, assert_accessible, what, size):
    assert_accessible(f"{what} ({size['width']}px)")
    if size == NARROW_PHONE:
        assert horizontal_overflow(page) == 0, f"{what} is wider than a phone"


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_suggestions_and_a_contact_request_accepted(
    demo, size, live_server, page, assert_accessible, login
):
    base = live_server.url
    page.set_viewport_size(size)
    mail.outbox.clear()
    chorus = Organization.objects.get(name="ふじみ野市民合唱団(デモ)")

    page.goto(f"{base}/organizations/{chorus.pk}/")
    section = page.locator("section.suggestions")
    expect(section.get_by_role("heading", name="団体どうしのつながり")).to_be_visible()
    expect(section.get_by_text("できること「集会所での練習会場の貸し出し」")).to_be_visible()
    _check(page, assert_accessible, "an organisation's page with suggestions", size)

    login("member@example.jp", PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{base}/mypage/")
    expect(page.get_by_role("heading", name="つながりのおすすめ")).to_be_visible()
    _check(page, assert_accessible, "/mypage/ with a request and suggestions", size)
    page.locator("#mypage-contacts-title + p + ul a").first.click()
    page.wait_for_url(lambda url: "/mypage/contacts/" in url)
    _check(page, assert_accessible, "a contact request awaiting its answer", size)
    page.get_by_label("「連絡先を交換する」: 相手へのメッセージ(相手の団体に伝わります)").fill(
        "ぜひお話ししましょう。"
    )
    page.get_by_role("button", name="連絡先を交換する").click()
    expect(page.get_by_text("連絡先を交換しました。")).to_be_visible()
    expect(page.get_by_role("heading", name="交換した連絡先")).to_be_visible()
    _check(page, assert_accessible, "an accepted contact request", size)
    contact_request = ContactRequest.objects.get()
    assert contact_request.status == "accepted"
    to_member = next(m for m in mail.outbox if "member@example.jp" in m.to)
    assert contact_request.sender_user.email in to_member.body
    to_sender = next(m for m in mail.outbox if contact_request.sender_user.email in m.to)
    assert "member@example.jp" in to_sender.body and "ぜひお話ししましょう。" in to_sender.body

    page.goto(f"{base}/mypage/contacts/")
    _check(page, assert_accessible, "the contact requests", size)
    page.goto(f"{base}/mypage/")
    page.get_by_role("link", name="連絡をお願いする").first.click()
    page.wait_for_url(lambda url: "/mypage/contacts/new/" in url)
    _check(page, assert_accessible, "the form to ask for contact", size)
