"""Account mails (sign-up confirmation, password reset) and invitations leave through the
portal's queue (OutgoingMail and its task), outside the request, as the notifications do;
since their text carries a single-use link, a refused one reaches the staff desk without it
and cannot be sent again from there."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import NotificationFailure, OutgoingMail
from tests.accounts.test_signup import signup

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    from tests.mails import CommittingClient

    return CommittingClient()


REFUSES = "tests.notifications.backends.RefusesAlwaysBackend"


def test_the_sign_up_confirmation_goes_through_the_queue(client):
    signup(client)
    [queued] = OutgoingMail.objects.filter(kind="account:email_confirmation_signup")
    assert queued.state == OutgoingMail.State.SENT
    assert queued.holds_secret
    # Only the fact that it went stays: not the single-use link.
    assert (queued.subject, queued.body, queued.recipients) == ("", "", "")
    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    assert "/accounts/confirm-email/" in message.body


def test_a_password_reset_goes_through_the_queue(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert OutgoingMail.objects.filter(
        kind="account:password_reset_key", state=OutgoingMail.State.SENT
    ).exists()
    [message] = mail.outbox
    assert "/accounts/password/reset/key/" in message.body


def test_an_invitation_goes_through_the_queue(client, member, organization):
    client.force_login(member)
    client.post(
        f"/organizations/{organization.pk}/members/invite/",
        {"email": "friend@example.jp", "role": "editor"},
    )
    assert OutgoingMail.objects.filter(kind="invitation", state=OutgoingMail.State.SENT).exists()
    assert [m.to for m in mail.outbox] == [["friend@example.jp"]]


def test_a_refused_account_mail_reaches_the_desk_without_its_link(client, settings):
    settings.EMAIL_BACKEND = REFUSES
    response = signup(client)
    assert response.status_code == 302  # the sign-up itself stands
    failure = NotificationFailure.objects.get(kind="account:email_confirmation_signup")
    assert failure.holds_secret
    assert failure.body == ""
    assert failure.recipient_list == ["hanako@example.jp"]
    queued = OutgoingMail.objects.get(kind="account:email_confirmation_signup")
    assert queued.state == OutgoingMail.State.FAILED
    assert "confirm-email" not in queued.body


def test_the_desk_offers_no_resend_of_a_mail_with_a_single_use_link(
    client, settings, coordinating_staff
):
    settings.EMAIL_BACKEND = REFUSES
    signup(client)
    failure = NotificationFailure.objects.get(kind="account:email_confirmation_signup")
    client.force_login(coordinating_staff)
    desk = client.get(reverse("staff:desk")).content.decode()
    assert "本文は保存しておらず再送できません" in desk
    assert reverse("staff:notification_resend", args=[failure.pk]) not in desk
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("staff:notification_resend", args=[failure.pk]), follow=True)
    assert "使い切りのリンクを含むメールは再送できません" in response.content.decode()
    assert mail.outbox == []
    failure.refresh_from_db()
    assert failure.resolved_at is None
