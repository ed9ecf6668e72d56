"""Notifications leave through OutgoingMail and its task: kept after the commit, sent once
under their key, tried again while the server refuses them, handed to staff when it never
takes them. Here the tasks run in the process (no broker); test_worker.py runs a real one."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from notifications import services, tasks
from notifications.models import NotificationFailure, OutgoingMail
from projects import lifecycle
from tests import factories

pytestmark = pytest.mark.django_db

REFUSES = "tests.notifications.backends.RefusesAlwaysBackend"


def _queue(key="test:1", **extra):
    return services.queue_mail(
        "project_decision", "件名", "本文", ["a@example.jp", "b@example.jp"], key=key, **extra
    )


def test_a_transition_mail_is_sent_then_only_its_sending_is_kept(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "approve", actor=coordinating_staff)
    assert [m.to for m in mail.outbox] == [[member.email]]
    outgoing = OutgoingMail.objects.get(kind="project_decision")
    entry = project.transitions.get(action="approve")
    assert outgoing.key == f"project:{entry.pk}:organization"
    assert outgoing.state == OutgoingMail.State.SENT
    assert outgoing.sent_at is not None
    assert (outgoing.subject, outgoing.body, outgoing.recipients) == ("", "", "")


def test_a_transition_announced_twice_mails_once(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "approve", actor=coordinating_staff)
    entry = project.transitions.get(action="approve")
    with django_capture_on_commit_callbacks(execute=True):
        services.announce(lifecycle.PROJECT_LIFECYCLE, entry.pk)
    assert len(mail.outbox) == 1


def test_the_task_is_queued_only_after_the_mail_is_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _queue()
    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_a_task_run_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        outgoing = _queue()
    first = tasks.deliver_mail.apply(args=[outgoing.pk]).get()
    second = tasks.deliver_mail.apply(args=[outgoing.pk]).get()
    assert (first, second) == (services.Outcome.SENT, services.Outcome.SKIPPED)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.jp", "b@example.jp"]


def test_a_refused_mail_waits_for_its_next_try_then_goes_to_the_staff_desk(
    settings, organization, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSES
    with django_capture_on_commit_callbacks(execute=False):
        outgoing = _queue(organization=organization)

    assert services.deliver_queued(outgoing.pk, last_try=False) == services.Outcome.RETRY
    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts) == (OutgoingMail.State.QUEUED, 1)
    assert not NotificationFailure.objects.exists()

    assert services.deliver_queued(outgoing.pk, last_try=True) == services.Outcome.FAILED
    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts, outgoing.body) == (OutgoingMail.State.FAILED, 2, "")
    failure = NotificationFailure.objects.get()
    assert failure.organization == organization
    assert failure.recipient_list == ["a@example.jp", "b@example.jp"]
    assert (failure.subject, failure.body) == ("件名", "本文")
    assert "SMTPException" in failure.error


def test_the_waits_between_tries_double_up_to_a_ceiling(settings):
    settings.MAIL_RETRY_BACKOFF_SECONDS = 60
    assert [tasks.backoff(n) for n in range(6)] == [60, 120, 240, 480, 900, 900]


def test_with_the_broker_down_the_mail_waits_for_the_sweep(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_mail, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = _queue()
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.QUEUED
    assert mail.outbox == []

    monkeypatch.undo()
    assert services.sweep_outgoing() == 0  # not yet: its task may still be on its way
    later = timezone.now() + datetime.timedelta(minutes=services.SWEEP_AFTER_MINUTES + 1)
    assert services.sweep_outgoing(now=later) == 1
    assert len(mail.outbox) == 1
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.SENT


def test_a_mail_whose_worker_died_while_sending_goes_to_staff_not_out_again():
    outgoing = _queue()  # its task is never run: the test's transaction does not commit
    OutgoingMail.objects.filter(pk=outgoing.pk).update(state=OutgoingMail.State.SENDING)
    later = timezone.now() + datetime.timedelta(minutes=services.SWEEP_AFTER_MINUTES + 1)
    services.sweep_outgoing(now=later)
    assert mail.outbox == []
    assert "Interrupted" in NotificationFailure.objects.get().error
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.FAILED


def test_sent_mails_are_forgotten_after_a_month(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outgoing = _queue()
    outgoing.refresh_from_db()
    assert outgoing.state == OutgoingMail.State.SENT
    services.sweep_outgoing(now=timezone.now() + datetime.timedelta(days=29))
    assert OutgoingMail.objects.filter(pk=outgoing.pk).exists()
    services.sweep_outgoing(now=timezone.now() + datetime.timedelta(days=31))
    assert not OutgoingMail.objects.filter(pk=outgoing.pk).exists()
