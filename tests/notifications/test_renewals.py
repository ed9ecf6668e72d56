"""The yearly renewal reminder of an organisation's kept documents: its owners are mailed
30 days before the valid-until date, once; a renewed document (a new date) asks again."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from config.scaling import BEAT_SCHEDULE
from notifications import renewals, tasks
from organizations.models import Membership, StandingDocument
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _kept(organization, days):
    return StandingDocument.objects.create(
        organization=organization,
        kind="officers",
        file=ContentFile(b"%PDF-1.4 test", name="y.pdf"),
        original_name="役員名簿 2026.pdf",
        content_type="application/pdf",
        size=13,
        valid_until=timezone.localdate() + datetime.timedelta(days=days),
    )


def _send(django_capture_on_commit_callbacks, today=None):
    with django_capture_on_commit_callbacks(execute=True):
        return renewals.remind_document_renewals(today)


def test_owners_are_reminded_thirty_days_before_once(
    organization, member, django_capture_on_commit_callbacks
):
    editor = factories.make_user("editor@example.jp")
    Membership.objects.create(organization=organization, user=editor, role="editor")
    document = _kept(organization, days=30)
    assert _send(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert "役員名簿の更新のお願い" in message.subject
    assert "役員名簿 2026.pdf" in message.body
    assert f"/organizations/{organization.pk}/documents/" in message.body
    document.refresh_from_db()
    assert document.reminded_for == document.valid_until
    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_a_document_further_off_or_expired_is_not_reminded(
    organization, django_capture_on_commit_callbacks
):
    _kept(organization, days=31)
    _kept(organization, days=-1)
    assert _send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_renewed_date_is_reminded_again(organization, django_capture_on_commit_callbacks):
    document = _kept(organization, days=10)
    assert _send(django_capture_on_commit_callbacks) == 1
    document.valid_until = timezone.localdate() + datetime.timedelta(days=20)
    document.save()
    assert _send(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


def test_the_reminder_runs_daily_from_beat(organization, django_capture_on_commit_callbacks):
    entry = next(
        value
        for value in BEAT_SCHEDULE.values()
        if value["task"] == "notifications.tasks.remind_document_renewals"
    )
    assert entry["schedule"].hour == {7}
    _kept(organization, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_document_renewals() == 1


def test_the_command_sends_the_same_reminders(organization, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    _kept(organization, days=3)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_document_renewals", stdout=out)
    assert out.getvalue().strip() == "reminded: 1"
    assert len(mail.outbox) == 1
