"""Exports of the desk's lists: in the request when small, else a background job
(staff/exports.py); the requester's own jobs and their downloads."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.exports import CONTENT_TYPES, export_response
from portal.files import file_response

from .. import lists
from ..exports import export_job_create
from ..models import ExportJob
from .common import desk_required


def export_or_queue(request, entry, queryset, fmt):
    """The file now for a list of at most EXPORT_ROWS_IN_REQUEST rows; above it a job, and
    the exports page that will offer its file."""
    if queryset.count() <= settings.EXPORT_ROWS_IN_REQUEST:
        return export_response(entry.table(list(queryset)), fmt)
    job = export_job_create(
        user=request.user, list_name=entry.name, fmt=fmt, query=lists.filter_query(request.GET)
    )
    messages.info(
        request,
        _(
            "件数が多いため、「%(list)s」の書き出しを受け付けました。"
            "できあがるとメールでお知らせします。このページからもダウンロードできます。"
        )
        % {"list": entry.label},
    )
    return redirect(reverse("staff:export_list") + f"#export-{job.pk}")


def _describe(job):
    entry = lists.LISTS.get(job.list_name)
    if entry is None:
        return job.list_name, job.query
    return entry.label, _("、").join(entry.filters_in_words(job.query))


@desk_required
def export_list(request):
    jobs = list(ExportJob.objects.filter(user=request.user))
    rows = []
    for job in jobs:
        label, filters = _describe(job)
        rows.append({"job": job, "label": label, "filters": filters})
    return render(
        request,
        "staff/export_list.html",
        {"rows": rows, "keep_days": settings.EXPORT_KEEP_DAYS},
    )


@desk_required
def export_download(request, pk):
    """The requester's own file, once made; anyone else gets 404."""
    job = get_object_or_404(ExportJob, pk=pk, user=request.user)
    if job.status != ExportJob.Status.DONE:
        raise Http404
    return file_response(
        job.file,
        content_type=CONTENT_TYPES[job.format],
        filename=job.filename,
        inline=False,
    )
