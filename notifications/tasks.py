"""The tasks that send the notifications (config/celery.py runs them)."""

from celery import shared_task
from django.conf import settings

from . import renewals, services

# The longest wait between two tries of a mail.
MAX_BACKOFF_SECONDS = 15 * 60


def backoff(retries):
    """Seconds before the next try: 1, 2, 4, … times MAIL_RETRY_BACKOFF_SECONDS, capped."""
    return min(settings.MAIL_RETRY_BACKOFF_SECONDS * 2**retries, MAX_BACKOFF_SECONDS)


@shared_task(bind=True, name="notifications.tasks.deliver_mail")
def deliver_mail(self, mail_id):
    """Send one OutgoingMail; tried again with growing waits while the server refuses it.

    Run in the process (no broker), there is no waiting: a refused mail goes to the staff
    desk at once, as it always has."""
    last_try = bool(self.request.is_eager) or self.request.retries >= settings.MAIL_MAX_RETRIES
    outcome = services.deliver_queued(mail_id, last_try=last_try)
    if outcome == services.Outcome.RETRY:
        raise self.retry(countdown=backoff(self.request.retries), max_retries=None)
    return outcome


@shared_task(name="notifications.tasks.sweep_outgoing_mail")
def sweep_outgoing_mail():
    return services.sweep_outgoing()


@shared_task(name="notifications.tasks.remind_document_renewals")
def remind_document_renewals():
    return renewals.remind_document_renewals()
