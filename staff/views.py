"""The staff desk (職員デスク): queues, files, decisions, edits, figures and exports."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from notifications import services as notification_services
from notifications.models import NotificationFailure
from organizations.models import Organization
from projects import workflow
from projects.models import Partner, Project, Report, Transition

from . import figures as figure_data
from . import permissions, queues, services
from .filters import StaffOrganizationFilter, StaffProjectFilter
from .forms import CommentForm, CreateChoiceForm, StaffOrganizationForm, StaffProjectForm
from .models import AuditEntry
from .tables import Column, Table, export_response

PROJECT_AUDITED_FIELDS = list(StaffProjectForm.Meta.fields)
ORGANIZATION_AUDITED_FIELDS = list(StaffOrganizationForm.Meta.fields)
STALE_EDIT = _lazy(
    "他の職員がこの間に内容を更新しました。入力した内容は残してあります。"
    "最新の内容を確認してから、もう一度保存してください。"
)


def desk_required(view):
    """The anonymous are sent to log in; signed-in people who are not city staff get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_use_desk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _export_format(request):
    fmt = request.GET.get("export", "")
    return fmt if fmt in ("csv", "xlsx") else None


# ---- desk -------------------------------------------------------------------------


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


# ---- projects -----------------------------------------------------------------------


def project_table(rows):
    return Table(
        name="projects",
        title=_("協働事業の一覧"),
        columns=[
            Column(_("番号"), lambda p: p.pk),
            queues.TITLE,
            queues.ORGANIZATION,
            queues.FORM,
            Column(_("状態"), lambda p: p.get_status_display()),
            Column(_("公開"), lambda p: _("非公開") if p.is_hidden else _("公開")),
            Column(_("年度"), lambda p: p.fiscal_year_label),
            queues.DEPARTMENT,
            Column(_("地区"), lambda p: p.area.name if p.area else ""),
            Column(_("開始日"), lambda p: p.starts_on, wareki=True),
            Column(_("終了日"), lambda p: p.ends_on, wareki=True),
            Column(_("提出日"), lambda p: queues._local_date(p.submitted_at), wareki=True),
            Column(_("公開日"), lambda p: queues._local_date(p.published_at), wareki=True),
        ],
        rows=rows,
        empty=_("条件に合う協働事業はありません。"),
    )


@desk_required
def project_list(request):
    queryset = permissions.desk_projects(
        request.user,
        Project.objects.select_related("lead_organization", "department", "area").order_by("-id"),
    )
    project_filter = StaffProjectFilter(request.GET or None, queryset=queryset)
    queryset = project_filter.qs if project_filter.is_valid() else queryset.none()
    fmt = _export_format(request)
    if fmt:
        return export_response(project_table(list(queryset)), fmt)
    page = Paginator(queryset, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/project_list.html",
        {
            "filter": project_filter,
            "page": page,
            "table": project_table(list(page.object_list)),
            "can_edit": permissions.can_edit_project(request.user),
        },
    )


def _file_project(request, pk):
    project = get_object_or_404(
        Project.objects.select_related(
            "lead_organization",
            "area",
            "department",
            "coordinator",
            "subsidy",
            "patronage",
            "commission",
            "committee",
            "cooperation",
            "cohosting",
        ).prefetch_related(
            "fields",
            "events",
            Prefetch("partners", queryset=Partner.objects.select_related("organization")),
        ),
        pk=pk,
    )
    if not permissions.can_view_file(request.user, project):
        raise PermissionDenied
    return project


def _related_list(project, name, *related):
    """Rows of a relation another part of the portal adds (attachments, self-check)."""
    manager = getattr(project, name, None)
    if manager is None or not hasattr(manager, "all"):
        return []
    return list(manager.select_related(*related)) if related else list(manager.all())


def project_history(project, *, for_organization=False):
    """Transitions and staff edits, oldest first."""
    transitions = Transition.objects.filter(project=project).select_related("actor")
    entries = AuditEntry.objects.filter(project=project).select_related("actor")
    if for_organization:
        entries = entries.filter(is_for_organization=True)
    items = []
    for transition in transitions:
        items.append(
            {
                "kind": "transition",
                "at": transition.created_at,
                "actor": transition.actor,
                "label": workflow.action_label(transition.action),
                "from": transition.get_from_status_display(),
                "to": transition.get_to_status_display(),
                "comment": transition.comment,
                "changes": [],
            }
        )
    for entry in entries:
        items.append(
            {
                "kind": "audit",
                "at": entry.created_at,
                "actor": entry.actor,
                "label": entry.get_action_display(),
                "comment": entry.comment,
                "changes": entry.changes,
            }
        )
    items.sort(key=lambda item: item["at"])
    return items


@desk_required
def project_file(request, pk):
    project = _file_project(request, pk)
    try:
        report = Report.objects.prefetch_related("photos").get(project=project)
    except Report.DoesNotExist:
        report = None
    actions = workflow.available_actions(request.user, project)
    return render(
        request,
        "staff/project_file.html",
        {
            "project": project,
            "detail": project.form_detail(),
            "partners": list(project.partners.all()),
            "report": report,
            "attachments": _related_list(project, "attachments"),
            "self_check_answers": _related_list(project, "self_check_answers", "item__principle"),
            "history": project_history(project),
            "notices": project.transitions.filter(action__in=("change_notice", "cancel")),
            "actions": [a for a in actions if a.code in STAFF_ACTIONS],
            "comment_form": CommentForm(),
            "can_edit": permissions.can_edit_project(request.user, project),
            "report_due_on": queues.report_due_on(project),
        },
    )


# The actions staff take from the file; members file theirs from the project pages.
STAFF_ACTIONS = {
    "submit",
    "approve",
    "return",
    "reject",
    "withdraw",
    "return_report",
    "complete",
    "evaluate",
    "hide",
    "show",
}


@require_POST
@desk_required
def project_action(request, pk, action):
    project = _file_project(request, pk)
    if action not in STAFF_ACTIONS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        project = workflow.apply(project, action, actor=request.user, comment=comment)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("「%(title)s」の「%(action)s」を行いました。")
            % {"title": project.title, "action": workflow.action_label(action)},
        )
    return redirect("staff:project_file", pk=pk)


@desk_required
def project_create(request):
    if not permissions.can_edit_project(request.user):
        raise PermissionDenied
    form = StaffProjectForm(request.POST or None)
    choice = CreateChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and choice.is_valid():
        with transaction.atomic():
            project = form.save(commit=False)
            project.created_by = request.user
            project.save()
            form.save_m2m()
            services.record_changes(
                actor=request.user,
                instance=project,
                before={},
                field_names=PROJECT_AUDITED_FIELDS,
                action=AuditEntry.Action.CREATE,
            )
        if choice.cleaned_data["publish"]:
            try:
                workflow.apply(project, "submit", actor=request.user)
                workflow.apply(
                    project, "approve", actor=request.user, comment=_("市が登録した事業")
                )
            except workflow.TransitionError as error:
                messages.error(request, str(error))
        messages.success(request, _("協働事業「%(title)s」を登録しました。") % {"title": project})
        return redirect("staff:project_file", pk=project.pk)
    return render(
        request,
        "staff/project_form.html",
        {"form": form, "choice": choice, "project": None},
    )


@desk_required
def project_edit(request, pk):
    project = _file_project(request, pk)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
    form = StaffProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = Project.objects.select_for_update().get(pk=project.pk)
            if form.is_stale(locked):
                form.add_error(None, STALE_EDIT)
            else:
                before = services.snapshot(locked, PROJECT_AUDITED_FIELDS)
                saved = form.save()
                services.record_changes(
                    actor=request.user,
                    instance=saved,
                    before=before,
                    field_names=PROJECT_AUDITED_FIELDS,
                    action=AuditEntry.Action.EDIT,
                )
        if not form.errors:
            messages.success(request, _("協働事業「%(title)s」を更新しました。") % {"title": saved})
            return redirect("staff:project_file", pk=project.pk)
    return render(request, "staff/project_form.html", {"form": form, "project": project})


# ---- organisations ----------------------------------------------------------------


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
            Column(_("地区"), lambda o: o.area.name if o.area else ""),
            Column(_("登録日"), lambda o: queues._local_date(o.created_at), wareki=True),
            Column(_("承認日"), lambda o: queues._local_date(o.approved_at), wareki=True),
        ],
        rows=rows,
        empty=_("条件に合う団体はありません。"),
    )


def _review_required(request):
    if not permissions.can_review_organizations(request.user):
        raise PermissionDenied


@desk_required
def organization_list(request):
    _review_required(request)
    queryset = Organization.objects.select_related("area").order_by("name_kana", "id")
    organization_filter = StaffOrganizationFilter(request.GET or None, queryset=queryset)
    queryset = organization_filter.qs if organization_filter.is_valid() else queryset.none()
    fmt = _export_format(request)
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
            "actions": services.organization_actions(organization),
            "history": AuditEntry.objects.filter(organization=organization).select_related("actor"),
            "comment_form": CommentForm(),
        },
    )


@desk_required
def organization_edit(request, pk):
    _review_required(request)
    organization = get_object_or_404(Organization, pk=pk)
    form = StaffOrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = Organization.objects.select_for_update().get(pk=organization.pk)
            if form.is_stale(locked):
                form.add_error(None, STALE_EDIT)
            else:
                before = services.snapshot(locked, ORGANIZATION_AUDITED_FIELDS)
                saved = form.save()
                services.record_changes(
                    actor=request.user,
                    instance=saved,
                    before=before,
                    field_names=ORGANIZATION_AUDITED_FIELDS,
                    action=AuditEntry.Action.EDIT,
                )
        if not form.errors:
            messages.success(request, _("団体「%(name)s」の情報を更新しました。") % {"name": saved})
            return redirect("staff:organization_review", pk=pk)
    return render(
        request, "staff/organization_form.html", {"form": form, "organization": organization}
    )


@require_POST
@desk_required
def organization_action(request, pk, action):
    _review_required(request)
    organization = get_object_or_404(Organization, pk=pk)
    if action not in services.ORGANIZATION_ACTIONS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.organization_decide(organization, action, actor=request.user, comment=comment)
    except workflow.TransitionError as error:
        messages.error(request, str(error))
    else:
        label = services.ORGANIZATION_ACTIONS[action][2]
        messages.success(
            request,
            _("団体「%(name)s」を%(action)sしました。")
            % {"name": organization.name, "action": label},
        )
    return redirect("staff:organization_review", pk=pk)


# ---- notifications that failed ------------------------------------------------------


@require_POST
@desk_required
def notification_resend(request, pk):
    if not permissions.can_see_notification_failures(request.user):
        raise PermissionDenied
    failure = get_object_or_404(NotificationFailure.objects.open(), pk=pk)
    if notification_services.resend(failure, actor=request.user):
        messages.success(request, _("通知を再送しました。"))
    else:
        messages.error(request, _("再送できませんでした。メールサーバーの状態を確認してください。"))
    return redirect("staff:desk")


@require_POST
@desk_required
def notification_resolve(request, pk):
    if not permissions.can_see_notification_failures(request.user):
        raise PermissionDenied
    failure = get_object_or_404(NotificationFailure.objects.open(), pk=pk)
    notification_services.mark_resolved(failure, actor=request.user)
    messages.success(request, _("通知を対応済みにしました。"))
    return redirect("staff:desk")


# ---- figures ------------------------------------------------------------------------


@desk_required
def figures(request):
    projects = permissions.desk_projects(request.user, Project.objects.all())
    charts = figure_data.all_charts(projects)
    return render(request, "staff/figures.html", {"charts": charts})


@desk_required
def figures_export(request, dimension, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    projects = permissions.desk_projects(request.user, Project.objects.all())
    chart = figure_data.chart(projects, dimension)
    if chart is None:
        raise Http404
    return export_response(chart.table, fmt)
