"""The daily jobs of sign-ups, for Celery beat (config/scaling.py's BEAT_SCHEDULE); the
management commands of the same names do the same from cron."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="events.tasks.send_event_reminders")
def send_event_reminders():
    call_command("send_event_reminders")


@shared_task(name="events.tasks.purge_event_applications")
def purge_event_applications():
    call_command("purge_event_applications")
