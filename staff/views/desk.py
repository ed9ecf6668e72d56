"""The desk itself: the queues, their exports, failed notifications and the figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import services as notification_services
from notifications.models import NotificationFailure
from portal.exports import export_response
from portal.filtering import filter_results
from projects.models import Project

from .. import figures as figure_data
from .. import permissions, queues
from ..filters import FigureFilter
from ..permissions import COORDINATING_ONLY
from .common import desk_required


@desk_required
def desk(request):
    tables = queues.desk_queues(request.user)
    return render(
        request,
        "staff/desk.html",
        {
            "tables": tables,
            "can_review": permissions.can_review(request.user),
            "failures": NotificationFailure.objects.open().select_related("project")[:20]
            if permissions.can_see_notification_failures(request.user)
            else [],
        },
    )


@desk_required
def queue_export(request, name, fmt):
    builder = queues.QUEUES.get(name)
    if builder is None or fmt not in ("csv", "xlsx"):
        raise Http404
    return export_response(builder(request.user), fmt)


# ---- notifications that failed ------------------------------------------------------


@require_POST
@desk_required
def notification_resend(request, pk):
    if not permissions.can_see_notification_failures(request.user):
        raise PermissionDenied(COORDINATING_ONLY)
    failure = get_object_or_404(NotificationFailure.objects.open(), pk=pk)
    if failure.holds_secret:
        messages.error(
            request,
            _(
                "使い切りのリンクを含むメールは再送できません。ご本人に、もう一度手続きを"
                "していただくようお伝えください。"
            ),
        )
    elif notification_services.resend(failure, actor=request.user):
        messages.success(request, _("通知を再送しました。"))
    else:
        messages.error(request, _("再送できませんでした。メールサーバーの状態を確認してください。"))
    return redirect("staff:desk")


@require_POST
@desk_required
def notification_resolve(request, pk):
    if not permissions.can_see_notification_failures(request.user):
        raise PermissionDenied(COORDINATING_ONLY)
    failure = get_object_or_404(NotificationFailure.objects.open(), pk=pk)
    notification_services.mark_resolved(failure, actor=request.user)
    messages.success(request, _("通知を対応済みにしました。"))
    return redirect("staff:desk")


# ---- figures ------------------------------------------------------------------------


@desk_required
def figures(request):
    figure_filter, projects = _figure_projects(request)
    return render(
        request,
        "staff/figures.html",
        {
            "filter": figure_filter,
            "charts": figure_data.all_charts(projects),
            "amounts": figure_data.amounts(projects),
            "query": request.GET.urlencode(),
        },
    )


def _figure_projects(request):
    """The projects the figures count: the person's desk projects, of the 年度 and state
    chosen (an invalid choice counts nothing, and the form says why)."""
    figure_filter = FigureFilter(
        request.GET or None,
        queryset=permissions.desk_projects(request.user, Project.objects.all()),
    )
    return figure_filter, filter_results(figure_filter)


@desk_required
def figures_export(request, dimension, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _filter, projects = _figure_projects(request)
    if dimension == "amounts":
        return export_response(figure_data.amounts(projects), fmt)
    chart = figure_data.chart(projects, dimension)
    if chart is None:
        raise Http404
    return export_response(chart.table, fmt)
