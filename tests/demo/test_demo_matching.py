"""The demo shows matching: suggestions with their reasons on an organisation's page and on
the member's /mypage/, and one contact request awaiting the member's answer, with no address
of either side on its page."""

import pytest
from django.contrib.auth import get_user_model

from matching.models import ContactRequest
from organizations.models import Organization

from .test_load_demo import demo, loaded_demo  # noqa: F401

pytestmark = pytest.mark.django_db


def test_one_contact_request_awaits_the_members_answer(demo, client):  # noqa: F811
    [contact_request] = ContactRequest.objects.all()
    assert contact_request.is_open
    assert contact_request.transitions.get().action == "send"
    member = get_user_model().objects.get(email="member@example.jp")
    client.force_login(member)
    page = client.get("/mypage/").content.decode()
    assert "届いている連絡のお願い" in page
    assert f'href="/mypage/contacts/{contact_request.pk}/"' in page
    assert "つながりのおすすめ" in page and "おすすめの理由" in page
    detail = client.get(f"/mypage/contacts/{contact_request.pk}/").content.decode()
    assert "連絡先を交換する" in detail
    for organization in (contact_request.sender, contact_request.recipient):
        assert organization.private_email not in detail
    assert contact_request.sender_user.email not in detail


def test_organisation_pages_show_suggestions_with_their_reasons(demo, client):  # noqa: F811
    chorus = Organization.objects.get(name="ふじみ野市民合唱団(デモ)")
    page = client.get(f"/organizations/{chorus.pk}/").content.decode()
    assert "求めていること「練習会場」に できること「集会所での練習会場の貸し出し」" in page
    assert "上福岡第一町会(デモ)" in page
    for organization in Organization.objects.exclude(status="approved"):
        assert organization.name not in page
