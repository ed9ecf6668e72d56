"""A failed mail is recorded for staff, and the log says so without naming anyone: the mail
server's message quotes the addresses it refused, and logs travel further than the staff desk."""

import logging
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from notifications.models import NotificationFailure
from organizations.models import Invitation
from projects import lifecycle
from tests import factories

pytestmark = pytest.mark.django_db

ADDRESS = "hanako.private@example.jp"


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, quoting the address as servers do."""

    def send_messages(self, email_messages):
        refused = {
            address: (550, b"mailbox unavailable") for m in email_messages for address in m.to
        }
        raise smtplib.SMTPRecipientsRefused(refused)


REFUSING = "tests.notifications.test_logs.RefusingBackend"


def test_a_failed_notification_is_logged_without_the_address(
    settings, caplog, organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = lifecycle.apply(
        factories.make_proposal(lead_organization=organization), "submit", actor=member
    )
    settings.EMAIL_BACKEND = REFUSING
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "approve", actor=coordinating_staff)
    failure = NotificationFailure.objects.get()
    assert failure.recipient_list == [member.email]  # the staff desk can resend it
    assert f"failure #{failure.pk}" in caplog.text
    assert "SMTPRecipientsRefused" in caplog.text
    assert member.email not in caplog.text


def test_a_failed_invitation_is_logged_without_the_address(
    settings, caplog, client, member, organization, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    client.force_login(member)
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organizations/{organization.pk}/members/invite/",
            {"email": ADDRESS, "role": "editor"},
        )
    assert Invitation.objects.filter(organization=organization).exists()
    # The invitation leaves through the queue: its failure is logged there, by kind and
    # count, never by address.
    assert "Notification invitation to 1 recipient(s) could not be sent" in caplog.text
    assert ADDRESS not in caplog.text
