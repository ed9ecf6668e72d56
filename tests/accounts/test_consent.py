"""Consent to 利用規約 and 個人情報の取扱い: asked at sign-up, recorded with its version and date,
asked again (before anything else) once a new version is in force; the policies are public."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts import policies
from accounts.models import Consent, Policy
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "kyodo-fujimino-2025"


def signup_data(**extra):
    return {
        "email": "hanako@example.jp",
        "display_name": "はなこ",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def new_version(kind, **extra):
    current = Policy.objects.filter(kind=kind).order_by("-version").first()
    policy = Policy.objects.create(
        kind=kind,
        version=current.version + 1,
        body="## 第1条\n新しい本文です。",
        changes=extra.pop("changes", "オープンデータの提供について書き加えました。"),
        effective_on=extra.pop("effective_on", timezone.localdate()),
    )
    policies.forget_versions_in_force()
    return policy


def test_signup_asks_for_both_consents_and_refuses_without_them(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "「利用規約(第1版)」に同意する" in page
    assert "「個人情報の取扱い(第1版)」に同意する" in page
    assert 'href="/terms/"' in page and 'href="/privacy/"' in page
    response = client.post(reverse("account_signup"), signup_data(agree_terms="on"))
    assert response.status_code == 200
    assert "登録するには「個人情報の取扱い」への同意が必要です。" in response.content.decode()
    assert not get_user_model().objects.filter(email="hanako@example.jp").exists()


def test_signup_records_each_consent_with_its_version_and_date(client):
    before = timezone.now()
    response = client.post(
        reverse("account_signup"), signup_data(agree_terms="on", agree_privacy="on")
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="hanako@example.jp")
    consents = {c.policy.kind: c for c in Consent.objects.filter(user=user)}
    assert set(consents) == {"terms", "privacy"}
    assert all(c.policy.version == 1 and c.agreed_at >= before for c in consents.values())


def test_policies_are_public_and_versioned(client):
    first = Policy.objects.get(kind="terms", version=1)
    second = new_version("terms")
    page = client.get("/terms/").content.decode()
    assert "第2版" in page and "新しい本文です。" in page
    assert first.get_absolute_url() in page  # the earlier version stays readable
    old = client.get(first.get_absolute_url()).content.decode()
    assert "これは以前の版です。" in old
    assert client.get("/privacy/").status_code == 200
    # A version not yet in force is not shown.
    second.effective_on = timezone.localdate() + datetime.timedelta(days=30)
    second.save()
    assert client.get(second.get_absolute_url()).status_code == 404
    assert "第1版" in client.get("/terms/").content.decode()


def test_a_new_version_is_asked_before_anything_else(client, member):
    client.force_login(member)
    assert client.get("/mypage/").status_code == 200
    new_version("privacy")
    response = client.get("/mypage/?tab=proposals")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/consent/?next=%2Fmypage%2F%3Ftab%3Dproposals"
    # Posting elsewhere is refused too; the policies themselves and logging out stay open.
    assert client.post("/projects/new/?form=subsidy", {}).status_code == 302
    assert client.get("/privacy/").status_code == 200
    page = client.get(response["Location"]).content.decode()
    assert "個人情報の取扱い(第2版)" in page
    assert "オープンデータの提供について書き加えました。" in page
    assert "利用規約(第1版)" not in page  # already agreed
    # Not ticking the box keeps the page.
    refused = client.post(response["Location"], {"next": "/mypage/?tab=proposals"})
    assert refused.status_code == 200
    assert "同意しないと、ポータルを使えません" in refused.content.decode()
    agreed = client.post(
        response["Location"], {"next": "/mypage/?tab=proposals", "agree_privacy": "on"}
    )
    assert agreed["Location"] == "/mypage/?tab=proposals"
    consent = Consent.objects.get(user=member, policy__kind="privacy", policy__version=2)
    assert timezone.localdate(consent.agreed_at) == timezone.localdate()
    assert client.get("/mypage/").status_code == 200


def test_a_new_version_is_asked_at_the_next_login_too(client):
    user = factories.make_user("taro@example.jp", password=PASSWORD)
    new_version("terms")
    response = client.post(
        reverse("account_login"), {"login": "taro@example.jp", "password": PASSWORD}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"].startswith("/accounts/consent/")
    client.post("/accounts/consent/", {"agree_terms": "on"})
    assert Consent.objects.filter(user=user, policy__version=2, policy__kind="terms").exists()


def test_a_version_agreed_in_another_session_is_not_asked_again(client, member):
    policy = new_version("terms")
    Consent.objects.create(user=member, policy=policy)
    client.force_login(member)
    assert client.get("/mypage/").status_code == 200


def test_consent_page_goes_only_to_pages_of_the_portal(client, member):
    new_version("terms")
    client.force_login(member)
    response = client.post(
        "/accounts/consent/", {"agree_terms": "on", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/mypage/"


def test_the_anonymous_are_never_asked(client):
    new_version("terms")
    assert client.get("/").status_code == 200
    assert client.get("/projects/").status_code == 200
