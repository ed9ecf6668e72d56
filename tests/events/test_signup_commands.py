"""The daily commands of sign-ups: reminders the day before (once each), and the deletion
of applicants a set time after the event."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.models import Application, ApplicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow_event(organization):
    project = factories.make_project(lead_organization=organization)
    starts_on = timezone.localdate() + datetime.timedelta(days=1)
    return factories.make_event(project, starts_on=starts_on)


def test_reminder_goes_to_those_holding_a_place_tomorrow_once(
    tomorrow_event, django_capture_on_commit_callbacks
):
    factories.make_signup(tomorrow_event, capacity=5)
    factories.make_application(tomorrow_event, email="holder@example.net")
    factories.make_application(
        tomorrow_event, status=ApplicationStatus.WAITING, email="waiting@example.net"
    )
    factories.make_application(
        tomorrow_event, status=ApplicationStatus.PENDING, email="pending@example.net"
    )
    factories.make_application(
        tomorrow_event, status=ApplicationStatus.CANCELLED, email="gone@example.net"
    )
    later = factories.make_event(
        tomorrow_event.project, starts_on=timezone.localdate() + datetime.timedelta(days=2)
    )
    factories.make_application(later, email="later@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["holder@example.net"]]
    assert "明日" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_purge_deletes_applicants_after_the_retention_days(settings, organization):
    settings.EVENT_APPLICATION_RETENTION_DAYS = 90
    project = factories.make_project(lead_organization=organization)
    today = timezone.localdate()
    old = factories.make_event(project, starts_on=today - datetime.timedelta(days=91))
    spanning = factories.make_event(
        project,
        starts_on=today - datetime.timedelta(days=120),
        ends_on=today - datetime.timedelta(days=89),
    )
    recent = factories.make_event(project, starts_on=today - datetime.timedelta(days=89))
    for event in (old, spanning, recent):
        factories.make_signup(event)
        factories.make_application(event)
    call_command("purge_event_applications", stdout=io.StringIO())
    assert set(Application.objects.values_list("event_id", flat=True)) == {
        spanning.pk,
        recent.pk,
    }
    settings.EVENT_APPLICATION_RETENTION_DAYS = 10
    call_command("purge_event_applications", stdout=io.StringIO())
    assert not Application.objects.exists()
