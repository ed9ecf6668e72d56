"""The daily purge of answered volunteer applications, for Celery beat (config/scaling.py's
BEAT_SCHEDULE); `manage.py purge_volunteer_applications` does the same from cron."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="volunteers.tasks.purge_volunteer_applications")
def purge_volunteer_applications():
    call_command("purge_volunteer_applications")
