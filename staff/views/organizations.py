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
from portal.forms import posted_data
from portal.history import STAFF, history_items

from .. import lists, permissions
from ..forms import StaffOrganizationForm
from ..permissions import COORDINATING_ONLY
from .common import STALE_EDIT, desk_required, export_format
from .exports import export_or_queue

# Decisions taken with the review buttons; edits go through the edit page.
DECISIONS = (OrganizationAction.APPROVE, OrganizationAction.REJECT, OrganizationAction.SUSPEND)


def _review_required(request):
    if not permissions.can_review_organizations(request.user):
        raise PermissionDenied(COORDINATING_ONLY)


@desk_required
def organization_list(request):
    entry = lists.exportable("organizations")
    organization_filter, queryset = entry.filtered(request.user, request.GET)
    fmt = export_format(request)
    if fmt:
        return export_or_queue(request, entry, queryset, fmt)
    page = Paginator(queryset, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/organization_list.html",
        {
            "filter": organization_filter,
            "page": page,
            "table": entry.table(list(page.object_list)),
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
