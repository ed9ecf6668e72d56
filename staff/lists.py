"""The desk's lists that export, by name: each knows its permitted, filtered rows for a user
and a query string, and its table. The list pages and the background export
(staff.tasks.build_export) both read them here, so a queued export holds exactly what the
page would show that user at that moment."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from organizations.models import Organization
from portal.exports import Column, Table
from portal.filtering import filter_results
from projects.models import PUBLIC_STATUSES, Project

from . import permissions, queues
from .filters import StaffOrganizationFilter, StaffProjectFilter
from .permissions import COORDINATING_ONLY, DESK_ONLY

# What a list's query string may hold that is not a filter.
NOT_FILTERS = ("export", "page")


class UnknownList(LookupError):
    pass


@dataclass(frozen=True)
class ExportableList:
    name: str
    label: object  # lazy text: the list's name on the exports page
    url_name: str  # the list's page
    filterset: type
    base: object  # callable(user) -> the list's queryset before the filters
    permitted: object  # callable(user) -> bool
    refused: object  # what the 403 says to someone not permitted
    table: object  # callable(rows) -> Table

    def filters_in_words(self, query):
        """What the stored query string narrows the list to: ["補助", "令和7年度"]."""
        from portal.templatetags.portal import active_filters

        model = self.filterset._meta.model
        return active_filters(
            self.filterset(query_params(query) or None, queryset=model.objects.none())
        )

    def filtered(self, user, params):
        """(the bound filter, the filtered queryset) the user's page shows for `params`;
        PermissionDenied if the user may not see the list."""
        if not self.permitted(user):
            raise PermissionDenied(self.refused)
        filterset = self.filterset(params or None, queryset=self.base(user))
        return filterset, filter_results(filterset)


def filter_query(params):
    """The query string of a list's filters alone (for an export job to apply later)."""
    params = params.copy()
    for name in NOT_FILTERS:
        params.pop(name, None)
    return params.urlencode()


def query_params(query):
    return QueryDict(query or "")


def public_label(project):
    """What the public sees of the project: 公開中, or 非公開 with the reason where it is not
    its state (a draft, a rejected or withdrawn proposal is never public)."""
    if project.is_public:
        return _("公開中")
    if project.status in PUBLIC_STATUSES and project.is_hidden:
        return _("非公開(非表示にしています)")
    if project.status in PUBLIC_STATUSES:
        return _("非公開(主催団体が承認されていません)")
    return _("非公開")


def project_table(rows):
    return Table(
        name="projects",
        title=_("協働事業の一覧"),
        columns=[
            Column(_("番号"), lambda p: p.pk),
            queues.RECEIPT_NUMBER,
            queues.TITLE,
            queues.ORGANIZATION,
            queues.FORM,
            Column(_("状態"), lambda p: p.get_status_display()),
            Column(_("公開"), public_label),
            Column(_("年度"), lambda p: p.fiscal_year_label),
            queues.DEPARTMENT,
            Column(_("地区"), lambda p: p.area.label if p.area else ""),
            Column(_("開始日"), lambda p: p.starts_on, wareki=True),
            Column(_("終了日"), lambda p: p.ends_on, wareki=True),
            Column(_("提出日"), lambda p: queues.local_date(p.submitted_at), wareki=True),
            Column(_("公開日"), lambda p: queues.local_date(p.published_at), wareki=True),
        ],
        rows=rows,
        empty=_("条件に合う協働事業はありません。"),
    )


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


def _desk_projects(user):
    return permissions.desk_projects(
        user,
        Project.objects.select_related("lead_organization", "department", "area").order_by("-id"),
    )


def _organizations(user):
    return Organization.objects.select_related("area").order_by("name_kana", "id")


LISTS = {
    entry.name: entry
    for entry in (
        ExportableList(
            name="projects",
            label=_lazy("協働事業の一覧"),
            url_name="staff:project_list",
            filterset=StaffProjectFilter,
            base=_desk_projects,
            permitted=permissions.can_use_desk,
            refused=DESK_ONLY,
            table=project_table,
        ),
        ExportableList(
            name="organizations",
            label=_lazy("団体の一覧"),
            url_name="staff:organization_list",
            filterset=StaffOrganizationFilter,
            base=_organizations,
            permitted=permissions.can_review_organizations,
            refused=COORDINATING_ONLY,
            table=organization_table,
        ),
    )
}


def exportable(name):
    try:
        return LISTS[name]
    except KeyError:
        raise UnknownList(name) from None
