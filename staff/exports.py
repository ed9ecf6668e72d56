"""Exports of the desk's large lists, made outside the request.

A list page answers an export of at most EXPORT_ROWS_IN_REQUEST rows itself; a larger one
becomes an ExportJob, built by staff.tasks.build_export once the request's transaction is
committed. The job applies the list's filters and the requester's permissions as they are
when it runs (staff/lists.py), writes the file with portal.exports.render_table (the formula
guard included) to private storage, and mails the requester the way to download it. Jobs and
their files are deleted after EXPORT_KEEP_DAYS days (`purge_exports`, daily). A job whose
task was lost (the broker was down when the request committed, or lost it) is queued again by
the sweep (`sweep_exports`, every 10 minutes), and given up with its reason after a day.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import display_name_of
from city.profile import current as current_city
from city.profile import mail_sender
from portal.exports import render_table
from portal.mail import render_subject, render_text, send_later
from portal.site import absolute_url

from . import lists
from .models import ExportJob

logger = logging.getLogger(__name__)


def export_job_create(*, user, list_name, fmt, query):
    """A queued job; its task is queued when the transaction commits."""
    job = ExportJob.objects.create(
        user=user,
        list_name=list_name,
        format=fmt,
        query=query,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: enqueue_export(job.pk))
    return job


def enqueue_export(job_id):
    from .tasks import build_export

    try:
        build_export.delay(job_id)
    except Exception:  # noqa: BLE001 - the job records its own failure; the request stays
        logger.exception("Export %s could not be made", job_id)


def _claim(job_id):
    """The job, marked running, or None when there is nothing to do (gone, done, failed)."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
            return None
        job.status = ExportJob.Status.RUNNING
        job.save(update_fields=["status"])
        return job


def export_build(job_id, *, last_try=True):
    """Make the job's file. A job already done (or failed) stays as it is. A list that no
    longer exists, or that the requester may no longer see, fails at once; any other error is
    raised for the task to retry, and recorded as the failure on the last try."""
    job = _claim(job_id)
    if job is None:
        return ExportJob.objects.filter(pk=job_id).first()
    with translation.override(job.language):
        try:
            entry = lists.exportable(job.list_name)
            _filter, queryset = entry.filtered(job.user, lists.query_params(job.query))
            rendered = render_table(entry.table(queryset.iterator(chunk_size=2000)), job.format)
        except lists.UnknownList:
            return export_fail(job, _("この一覧は書き出せません。"))
        except PermissionDenied as error:
            return export_fail(job, str(error) or _("この一覧を見る権限がありません。"))
        except Exception as error:
            if last_try:
                export_fail(
                    job,
                    _("作成中にエラーが起きました(%(error)s)。") % {"error": type(error).__name__},
                )
            else:
                _back_to_queue(job)
            raise
    return _store(job, rendered)


def _back_to_queue(job):
    ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.QUEUED
    )


def _store(job, rendered):
    with transaction.atomic():
        locked = ExportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status == ExportJob.Status.DONE:
            return locked
        storage = locked.file.storage
        name = locked.file.field.generate_filename(locked, rendered.filename)
        # A run that wrote the file and then failed left it under the same name: replace it.
        if storage.exists(name):
            storage.delete(name)
        locked.file.save(rendered.filename, ContentFile(rendered.content), save=False)
        locked.filename = rendered.filename
        locked.row_count = rendered.row_count
        locked.status = ExportJob.Status.DONE
        locked.failure = ""
        locked.finished_at = timezone.now()
        locked.save(
            update_fields=["file", "filename", "row_count", "status", "failure", "finished_at"]
        )
        transaction.on_commit(lambda: _mail_ready(locked))
    return locked


def export_fail(job, reason):
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.FAILED, failure=reason, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def _mail_ready(job):
    if not job.user.email:
        return
    entry = lists.LISTS.get(job.list_name)
    with translation.override(job.language):
        context = {
            "city": current_city().localized(),
            "job": job,
            "name": display_name_of(job.user),
            "list_label": entry.label if entry else job.list_name,
            "download_url": absolute_url(reverse("staff:export_download", args=[job.pk])),
            "exports_url": absolute_url(reverse("staff:export_list")),
            "keep_until": timezone.localtime(job.created_at).date()
            + datetime.timedelta(days=settings.EXPORT_KEEP_DAYS),
            "keep_days": settings.EXPORT_KEEP_DAYS,
        }
        subject = render_subject("email/export_ready_subject.txt", context)
        body = render_text("email/export_ready.txt", context)
    try:
        send_later("export_ready", subject, body, [job.user.email], sender=mail_sender())
    except Exception:  # noqa: BLE001 - the file is on the exports page all the same
        logger.exception("The mail for export %s could not be queued", job.pk)


# A job still queued this long after it was asked lost its task (its retries wait minutes).
SWEEP_AFTER_MINUTES = 30
# One not made within this long is given up: its requester is better off asking again.
GIVE_UP_AFTER_HOURS = 24


def sweep_exports(*, now):
    """Queue again the jobs whose task was lost; fail those waiting since GIVE_UP_AFTER_HOURS
    (queued, or running on a worker that never came back). Returns how many were queued."""
    unfinished = ExportJob.objects.filter(
        status__in=(ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)
    )
    unfinished.filter(created_at__lt=now - datetime.timedelta(hours=GIVE_UP_AFTER_HOURS)).update(
        status=ExportJob.Status.FAILED,
        failure=_("作成されないまま時間が経ちました。もう一度書き出してください。"),
        finished_at=now,
    )
    lost = list(
        unfinished.filter(
            status=ExportJob.Status.QUEUED,
            created_at__lt=now - datetime.timedelta(minutes=SWEEP_AFTER_MINUTES),
        ).values_list("pk", flat=True)
    )
    for job_id in lost:
        enqueue_export(job_id)
    return len(lost)


def purge_exports(*, now, keep_days):
    """Delete the jobs asked more than `keep_days` ago, with their files."""
    cutoff = now - datetime.timedelta(days=keep_days)
    count = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
