import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from organizations.models import Invitation, Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def capture(django_capture_on_commit_callbacks):
    """The invitation mail leaves after the commit: run those callbacks in tests."""
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield


def invite(client, organization, email="friend@example.jp", role="editor"):
    with _capture(execute=True):
        return client.post(
            f"/organizations/{organization.pk}/members/invite/", {"email": email, "role": role}
        )


def link_from(message):
    return re.search(
        r"https://kyodo\.example\.jp(/organizations/invitations/[^\s]+/)", message.body
    ).group(1)


@pytest.fixture
def invited_link(client, member, organization):
    client.force_login(member)
    invite(client, organization)
    client.logout()
    return link_from(mail.outbox[-1])


def test_owner_invites_by_email_and_the_mail_carries_a_link(client, member, organization):
    client.force_login(member)
    response = invite(client, organization)
    assert response.status_code == 302
    invitation = Invitation.objects.get(organization=organization)
    assert invitation.email == "friend@example.jp"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["friend@example.jp"]
    assert message.subject == "[ふじみ野 協働ポータル] 団体のメンバーへの招待"
    assert "ふじみ野子ども食堂ネット" in message.body
    link = link_from(message)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in invitation.token_hash


def test_the_invitation_is_listed_and_can_be_revoked(client, member, organization):
    client.force_login(member)
    invite(client, organization)
    invitation = Invitation.objects.get()
    page = client.get(f"/organizations/{organization.pk}/members/").content.decode()
    assert "friend@example.jp" in page
    client.post(f"/organizations/{organization.pk}/invitations/{invitation.pk}/revoke/")
    assert not Invitation.objects.open().exists()
    assert Invitation.objects.get().revoked_at is not None  # kept: it was sent
    client.get(f"/organizations/{organization.pk}/members/")  # shows the message once
    page = client.get(f"/organizations/{organization.pk}/members/").content.decode()
    assert "friend@example.jp" not in page
    assert client.get(link_from(mail.outbox[0])).status_code == 404


def test_inviting_an_existing_member_is_refused(client, member, organization):
    client.force_login(member)
    response = invite(client, organization, email=member.email.upper())
    assert response.status_code == 400
    assert "すでにこの団体のメンバーです" in response.content.decode()
    assert mail.outbox == []


def test_invalid_invitation_address_is_refused_with_a_message(client, member, organization):
    client.force_login(member)
    response = invite(client, organization, email="not an address\x07")
    assert response.status_code == 400
    assert "入力内容を確認してください" in response.content.decode()
    assert not Invitation.objects.exists()


def test_reinviting_replaces_the_earlier_link(client, member, organization):
    client.force_login(member)
    invite(client, organization)
    first = link_from(mail.outbox[0])
    invite(client, organization)
    second = link_from(mail.outbox[1])
    assert Invitation.objects.open().count() == 1
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_anonymous_visitor_is_asked_to_sign_in_or_sign_up(client, invited_link):
    content = client.get(invited_link).content.decode()
    assert "ログインして参加する" in content
    assert "/accounts/signup/?next=" in content
    response = client.post(invited_link)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_invited_person_accepts_and_becomes_a_member(client, organization, invited_link):
    friend = factories.make_user("friend@example.jp")
    client.force_login(friend)
    assert "招待を受けて参加する" in client.get(invited_link).content.decode()
    response = client.post(invited_link)
    assert response.status_code == 302
    assert Membership.objects.get(organization=organization, user=friend).role == "editor"
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == friend


def test_the_link_works_only_once(client, organization, invited_link):
    friend = factories.make_user("friend@example.jp")
    client.force_login(friend)
    client.post(invited_link)
    Membership.objects.filter(user=friend).delete()
    response = client.get(invited_link)
    assert response.status_code == 410
    assert "すでに使われています" in response.content.decode()
    client.post(invited_link)
    assert not Membership.objects.filter(user=friend).exists()


def test_an_expired_link_does_not_work(client, organization, invited_link):
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    friend = factories.make_user("friend@example.jp")
    client.force_login(friend)
    response = client.get(invited_link)
    assert response.status_code == 410
    assert "有効期限が切れています" in response.content.decode()
    client.post(invited_link)
    assert not Membership.objects.filter(user=friend).exists()


def test_someone_signed_in_with_another_address_cannot_accept(client, organization, invited_link):
    stranger = factories.make_user("stranger@example.jp")
    client.force_login(stranger)
    assert (
        "今ログインしているアカウントでは受けられません"
        in client.get(invited_link).content.decode()
    )
    client.post(invited_link)
    assert not Membership.objects.filter(user=stranger).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_unconfirmed_copy_of_the_address_is_not_enough(client, organization, invited_link):
    stranger = factories.make_user("stranger@example.jp")
    EmailAddress.objects.create(user=stranger, email="friend@example.jp", verified=False)
    client.force_login(stranger)
    client.post(invited_link)
    assert not Membership.objects.filter(user=stranger).exists()


def test_a_guessed_token_answers_404(client, citizen):
    client.force_login(citizen)
    assert client.get("/organizations/invitations/guessed-token/").status_code == 404
    assert client.get("/organizations/invitations/" + "x" * 500 + "/").status_code == 404


def test_only_owners_can_invite(client, organization):
    editor = factories.make_user("editor@example.jp")
    Membership.objects.create(organization=organization, user=editor, role="editor")
    client.force_login(editor)
    assert invite(client, organization).status_code == 403
    assert mail.outbox == []


def test_invited_as_owner_becomes_owner(client, member, organization):
    client.force_login(member)
    invite(client, organization, email="co-owner@example.jp", role="owner")
    link = link_from(mail.outbox[0])
    co_owner = factories.make_user("co-owner@example.jp")
    client.force_login(co_owner)
    client.post(link)
    assert Membership.objects.get(user=co_owner).role == "owner"


def test_a_user_can_belong_to_several_organizations(
    client, other_member, other_organization, organization, invited_link
):
    EmailAddress.objects.create(user=other_member, email="friend@example.jp", verified=True)
    client.force_login(other_member)
    client.post(invited_link)
    assert other_member.memberships.count() == 2


def test_admin_lists_invitations_but_cannot_forge_one(client, superuser, member, organization):
    client.force_login(member)
    invite(client, organization)
    client.force_login(superuser)
    changelist = client.get("/admin/organizations/invitation/")
    assert changelist.status_code == 200
    assert "friend@example.jp" in changelist.content.decode()
    assert client.get("/admin/organizations/invitation/add/").status_code == 403


def test_new_person_signing_up_from_the_invitation_returns_to_it(client, invited_link):
    page = client.get(invited_link).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', page).group(1)
    signup_url = signup_url.replace("&amp;", "&")
    with _capture(execute=True):
        client.post(
            signup_url,
            {
                "email": "friend@example.jp",
                "display_name": "ともだち",
                "password1": "kyodo-fujimino-2025",
                "password2": "kyodo-fujimino-2025",
                "agree_terms": "on",
                "agree_privacy": "on",
            },
        )
    confirm = re.search(
        r"https://kyodo\.example\.jp(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body
    )
    response = client.post(confirm.group(1))
    assert response.status_code == 302
    assert response["Location"] == invited_link


# ---- who may invite, and how often --------------------------------------------------------


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_an_organisation_not_approved_cannot_invite(client, member, status):
    organization = factories.make_organization(status=status, members=[member])
    client.force_login(member)
    page = client.get(f"/organizations/{organization.pk}/members/").content.decode()
    assert "承認されると、メンバーを招待できるようになります" in page
    assert "招待のメールを送る" not in page
    response = invite(client, organization)
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    page = client.get(response["Location"]).content.decode()
    assert "団体の登録が承認されるまで、メンバーを招待することはできません" in page


def test_invitations_are_limited_per_organisation_per_day(
    client, member, organization, other_member, other_organization, settings
):
    settings.ORGANIZATION_INVITATIONS_PER_DAY = 3
    client.force_login(member)
    for number in range(3):
        assert invite(client, organization, email=f"friend{number}@example.jp").status_code == 302
    assert len(mail.outbox) == 3
    response = invite(client, organization, email="one-more@example.jp")
    page = client.get(response["Location"]).content.decode()
    assert "1つの団体から24時間に3通までしか送れません" in page
    assert len(mail.outbox) == 3
    assert not Invitation.objects.filter(email="one-more@example.jp").exists()
    client.force_login(other_member)
    invite(client, other_organization, email="one-more@example.jp")
    assert len(mail.outbox) == 4  # the limit is per organisation


def test_revoking_or_replacing_does_not_reset_the_daily_limit(
    client, member, organization, settings
):
    settings.ORGANIZATION_INVITATIONS_PER_DAY = 2
    client.force_login(member)
    invite(client, organization)
    invite(client, organization)  # replaces the first
    invitation = Invitation.objects.open().get()
    client.post(f"/organizations/{organization.pk}/invitations/{invitation.pk}/revoke/")
    invite(client, organization)
    assert len(mail.outbox) == 2
    assert not Invitation.objects.open().exists()


def test_the_daily_limit_frees_up_after_24_hours(client, member, organization, settings):
    settings.ORGANIZATION_INVITATIONS_PER_DAY = 1
    client.force_login(member)
    invite(client, organization, email="first@example.jp")
    invite(client, organization, email="second@example.jp")
    assert len(mail.outbox) == 1
    Invitation.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    invite(client, organization, email="second@example.jp")
    assert len(mail.outbox) == 2


def test_the_subject_carries_no_text_the_organisation_wrote(client, member):
    name = "今すぐ登録 http://evil.example/ 当選しました"
    organization = factories.make_organization(name=name, members=[member])
    client.force_login(member)
    invite(client, organization)
    (message,) = mail.outbox
    assert message.subject == "[ふじみ野 協働ポータル] 団体のメンバーへの招待"
    assert name in message.body


def test_the_limit_follows_the_setting(client, member, organization, settings):
    settings.ORGANIZATION_INVITATIONS_PER_DAY = 0
    client.force_login(member)
    invite(client, organization)
    assert mail.outbox == []
