"""The queue for real: a Celery worker (in a thread of the test process) takes the mail tasks
from Redis, as a worker machine would. The broker is CELERY_BROKER_URL when set (CI), else
the local Redis's database 7."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from kombu import pools

from config.celery import app
from notifications import services
from notifications.models import NotificationFailure, OutgoingMail
from tests.notifications.backends import RefusesOnceBackend

# serialized_rollback: the flush after a transactional test that is not serialized recreates
# the content types under new keys, and the next serialized test could not restore its own.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/7"


def _reset_producers():
    """Connections to the broker are pooled: the next task opens fresh ones to BROKER_URL."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = BROKER_URL, False
    _reset_producers()
    app.control.purge()  # tasks a run before left on this process's queue
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_producers()


def _wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _queue(key):
    return services.queue_mail(
        "project_decision", "承認しました", "本文", ["member@example.jp"], key=key
    )


def _state(outgoing):
    return OutgoingMail.objects.get(pk=outgoing.pk).state


def test_a_worker_sends_a_mail_task_from_the_broker(worker):
    outgoing = _queue("worker:sends")
    assert _wait_for(lambda: _state(outgoing) == OutgoingMail.State.SENT)
    assert [m.to for m in mail.outbox] == [["member@example.jp"]]
    assert mail.outbox[0].subject == "承認しました"


def test_a_task_queued_twice_sends_once(worker):
    outgoing = _queue("worker:twice")
    from notifications.tasks import deliver_mail

    deliver_mail.delay(outgoing.pk)  # a redelivery of the same task
    assert _wait_for(lambda: _state(outgoing) == OutgoingMail.State.SENT)
    time.sleep(1)  # the second run has had its turn
    assert len(mail.outbox) == 1


def test_a_task_refused_once_is_tried_again_and_sends_once(worker, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusesOnceBackend"
    settings.MAIL_RETRY_BACKOFF_SECONDS = 0
    RefusesOnceBackend.refused = 0
    outgoing = _queue("worker:retried")
    assert _wait_for(lambda: _state(outgoing) == OutgoingMail.State.SENT)
    time.sleep(1)
    assert RefusesOnceBackend.refused == 1
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get(pk=outgoing.pk).attempts == 2
    assert not NotificationFailure.objects.exists()
