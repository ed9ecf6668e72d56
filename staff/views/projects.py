"""Projects at the desk: the list, the file, the action buttons, create and edit."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exports import Column, Table, export_response
from portal.filtering import filter_results
from projects import workflow
from projects.models import Partner, Project, Report, Transition

from .. import permissions, queues, services
from ..filters import StaffProjectFilter
from ..forms import CommentForm, CreateChoiceForm, StaffProjectForm, detail_form_class
from ..models import AuditEntry
from .common import STALE_EDIT, desk_required, export_format

PROJECT_AUDITED_FIELDS = list(StaffProjectForm.Meta.fields)


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
            Column(_("提出日"), lambda p: queues.local_date(p.submitted_at), wareki=True),
            Column(_("公開日"), lambda p: queues.local_date(p.published_at), wareki=True),
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
    queryset = filter_results(project_filter)
    fmt = export_format(request)
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
    existing_detail = project.form_detail()
    detail_form = detail_form_class(project.form)(
        request.POST or None,
        instance=existing_detail,
        prefix="detail",
        # Nothing typed and no row yet: the form-specific part is simply left out.
        empty_permitted=existing_detail is None,
        use_required_attribute=False,
    )
    detail_names = list(detail_form._meta.fields)
    if request.method == "POST" and form.is_valid() and detail_form.is_valid():
        with transaction.atomic():
            locked = Project.objects.select_for_update().get(pk=project.pk)
            if form.is_stale(locked):
                form.add_error(None, STALE_EDIT)
            else:
                before = services.snapshot(locked, PROJECT_AUDITED_FIELDS)
                # Read from the database: validation has already written into the form's copy.
                stored = (
                    type(existing_detail).objects.get(pk=existing_detail.pk)
                    if existing_detail
                    else None
                )
                detail_before = services.snapshot(stored, detail_names) if stored else {}
                saved = form.save()
                detail_changes = []
                # The row belongs to the form shown; a change of form leaves it for the new one.
                if detail_form.has_changed() and saved.form == locked.form:
                    detail = detail_form.save(commit=False)
                    detail.project = saved
                    detail.save()
                    detail_changes = services.diff(detail, detail_before, detail_names)
                services.record_changes(
                    actor=request.user,
                    instance=saved,
                    before=before,
                    field_names=PROJECT_AUDITED_FIELDS,
                    action=AuditEntry.Action.EDIT,
                    extra=detail_changes,
                )
        if not form.errors:
            messages.success(request, _("協働事業「%(title)s」を更新しました。") % {"title": saved})
            return redirect("staff:project_file", pk=project.pk)
    return render(
        request,
        "staff/project_form.html",
        {"form": form, "detail_form": detail_form, "project": project},
    )
