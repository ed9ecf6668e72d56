"""The daily reminders of open evaluations, for Celery beat (config/scaling.py's
BEAT_SCHEDULE); `manage.py remind_evaluations` does the same from cron."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="principles.tasks.remind_evaluations")
def remind_evaluations():
    call_command("remind_evaluations")
