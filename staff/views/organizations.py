"""Organisations at the desk: the list, the review page, decisions and edits."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizations import lifecycle
from organizations.models import Organization, OrganizationAction
from organizations.services import organization_update
from portal.actions import perform
from portal.exports import Column, Table, export_response
from portal.filtering import filter_results
from portal.forms import posted_data
from portal.history import STAFF, history_items

from .. import permissions, queues
from ..filters import StaffOrganizationFilter
from ..forms import StaffOrganizationForm
from ..permissions import COORDINATING_ONLY
from .common import STALE_EDIT, desk_required, export_format

# Decisions taken with the review buttons; edits go through the edit page.
DECISIONS = (OrganizationAction.APPROVE, OrganizationAction.REJECT, OrganizationAction.SUSPEND)


def organization_table(rows):
    return Table(
        name="organizations",
        title=_("団体の一覧"),
        columns=[
            Column(_("番号"), lambda o: o.pk),
            Column(_("団体名"), lambda o: o.name, link=queues.organization_url),
            Column(_("読み仮名"), lambda o: o.name_kana),
            Column(_("種別"), lambda o: o.get_kind_display()),
            Column(_("状態"), lambda o: o.get_status_display()),
            Column(_("地区"), lambda o: o.area.label if o.area else ""),
            Column(_("登録日"), lambda o: queues.local_date(o.created_at), wareki=True),
            Column(_("承認日"), lambda o: queues.local_date(o.approved_at), wareki=True),
        ],
        rows=rows,
        empty=_("条件に合う団体はありません。"),
    )


def _review_required(request):
    if not permissions.can_review_organizations(request.user):
        raise PermissionDenied(COORDINATING_ONLY)


@desk_required
def organization_list(request):
    _review_required(request)
    queryset = Organization.objects.select_related("area").order_by("name_kana", "id")
    organization_filter = StaffOrganizationFilter(request.GET or None, queryset=queryset)
    queryset = filter_results(organization_filter)
    fmt = export_format(request)
    if fmt:
        return export_response(organization_table(list(queryset)), fmt)
    page = Paginator(queryset, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/organization_list.html",
        {
            "filter": organization_filter,
            "page": page,
            "table": organization_table(list(page.object_list)),
        },
    )


@desk_required
def organization_review(request, pk):
    _review_required(request)
    organization = get_object_or_404(
        Organization.objects.select_related("area").prefetch_related("fields"), pk=pk
    )
    return render(
        request,
        "staff/organization_review.html",
        {
            "organization": organization,
            "memberships": organization.memberships.select_related("user"),
            "projects": organization.led_projects.order_by("-id"),
            "offers": lifecycle.offered(request.user, organization, codes=DECISIONS),
            "history": history_items(
                organization.transitions.all(),
                lifecycle=lifecycle.ORGANIZATION_LIFECYCLE,
                audience=STAFF,
            ),
        },
    )


@desk_required
def organization_edit(request, pk):
    _review_required(request)
    organization = get_object_or_404(Organization, pk=pk)
    form = StaffOrganizationForm(posted_data(request), instance=organization)
    if request.method == "POST" and form.is_valid():
        if organization_update(form=form, actor=request.user):
            messages.success(
                request, _("団体「%(name)s」の情報を更新しました。") % {"name": form.instance}
            )
            return redirect("staff:organization_review", pk=pk)
        form.add_error(None, STALE_EDIT)
    return render(
        request, "staff/organization_form.html", {"form": form, "organization": organization}
    )


@require_POST
@desk_required
def organization_action(request, pk, action):
    _review_required(request)
    organization = get_object_or_404(Organization, pk=pk)
    if action not in DECISIONS:
        raise Http404
    return perform(
        request,
        lifecycle.ORGANIZATION_LIFECYCLE,
        organization,
        action,
        back=reverse("staff:organization_review", args=[pk]),
        done=lambda done: (
            _("団体「%(name)s」を%(action)sしました。")
            % {"name": done.name, "action": lifecycle.label(action)}
        ),
        name=organization.name,
    )
