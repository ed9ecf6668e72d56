"""The desk's background work (config/celery.py runs it): large list exports, the sweep that
queues again those whose task was lost, and their daily deletion, for Celery beat
(config/scaling.py's BEAT_SCHEDULE; `manage.py purge_exports` does the deletion from cron)."""

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from . import exports


@shared_task(
    name="staff.tasks.build_export",
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def build_export(self, job_id):
    # Run in-process (no broker), a task is not tried again: its first error is its last.
    last_try = self.request.is_eager or self.request.retries >= self.max_retries
    exports.export_build(job_id, last_try=last_try)


@shared_task(name="staff.tasks.purge_exports")
def purge_exports():
    call_command("purge_exports")


@shared_task(name="staff.tasks.sweep_exports")
def sweep_exports():
    return exports.sweep_exports(now=timezone.now())
