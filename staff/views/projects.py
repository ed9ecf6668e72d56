"""Projects at the desk: the list, the file, the action buttons, create and edit."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matching.suggestions import suggestions_for
from notices.panels import render_documents
from portal.actions import perform
from portal.forms import posted_data
from portal.history import STAFF, history_items
from portal.once import AlreadyDone
from principles import permissions as evaluation_permissions
from principles import services as evaluation_services
from projects import change_notices, lifecycle, money, sections, services
from projects.forms import EventFormSet, FilesForm, partner_formset_class
from projects.models import Form, Partner, Project, ProjectAction, Report

from .. import lists, permissions, queues
from ..forms import CreateChoiceForm, StaffProjectForm, detail_form_class
from ..permissions import COORDINATING_ONLY, FILE_ONLY
from .common import STALE_EDIT, desk_required, export_format
from .exports import export_or_queue
from .messages import thread_context

# The member's own filings (notices, the results report) are made on the project pages with
# their forms; every other action open to the user is a button on the file.
MEMBER_FILINGS = (ProjectAction.CHANGE_NOTICE, ProjectAction.CANCEL, ProjectAction.SUBMIT_REPORT)
# Recorded by the create and edit pages, never buttons.
EDITS = (ProjectAction.CREATE, ProjectAction.EDIT, ProjectAction.PUBLISH)
# The dialogue has its own section and form on the file (staff/views/messages.py).
DIALOGUE = (
    ProjectAction.ORGANIZATION_MESSAGE,
    ProjectAction.CITY_MESSAGE,
    ProjectAction.INTERNAL_NOTE,
)
DESK_ACTIONS = tuple(
    code for code in ProjectAction.values if code not in MEMBER_FILINGS + EDITS + DIALOGUE
)


@desk_required
def project_list(request):
    entry = lists.exportable("projects")
    project_filter, queryset = entry.filtered(request.user, request.GET)
    fmt = export_format(request)
    if fmt:
        return export_or_queue(request, entry, queryset, fmt)
    page = Paginator(queryset, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/project_list.html",
        {
            "filter": project_filter,
            "page": page,
            "table": entry.table(list(page.object_list)),
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
        raise PermissionDenied(FILE_ONLY)
    return project


@desk_required
def project_file(request, pk):
    project = _file_project(request, pk)
    try:
        report = Report.objects.prefetch_related("photos").get(project=project)
    except Report.DoesNotExist:
        report = None
    partners = list(project.partners.all())
    return render(
        request,
        "staff/project_file.html",
        {
            "project": project,
            "detail": project.form_detail(),
            "partners": partners,
            # Who could join the lead: the organisations already in the project aside.
            "suggestions": suggestions_for(
                project.lead_organization,
                exclude=[p.organization_id for p in partners if p.organization_id],
            ),
            "report": report,
            "money": money.money_of(project.form_detail(), project.budget_lines.all())
            if project.form == Form.SUBSIDY
            else None,
            "attachments": list(project.attachments.current().prefetch_related("earlier_versions")),
            "section_details": sections.render_details(project, request),
            "history": history_items(
                project.transitions.all(), lifecycle=lifecycle.PROJECT_LIFECYCLE, audience=STAFF
            ),
            "notices": project.transitions.filter(
                action__in=(
                    ProjectAction.CHANGE_NOTICE,
                    ProjectAction.ACKNOWLEDGE_CHANGE,
                    ProjectAction.CANCEL,
                )
            ),
            "pending_changes": change_notices.pending(project),
            **_grouped_offers(request, project),
            "can_edit": permissions.can_edit_project(request.user, project),
            "report_due_on": queues.report_due_on(project),
            "documents_panel": render_documents(project, request),
            **_evaluation_context(request, project),
            **thread_context(request, project),
        },
    )


def _grouped_offers(request, project):
    """The desk's actions, the decisions and steps apart from what cannot be undone."""
    offers = lifecycle.offered(request.user, project, codes=DESK_ACTIONS)
    return {
        "offers": offers,
        "decisions": [offer for offer in offers if not offer.action.confirm],
        "irreversible": [offer for offer in offers if offer.action.confirm],
    }


def _evaluation_context(request, project):
    """Who has evaluated a completed project and who is still missing, and the way to the
    city side's own entry."""
    if project.status not in evaluation_services.EVALUATION_OPEN:
        return {}
    return {
        "parties": evaluation_services.evaluations_open(project=project),
        "can_enter_city_evaluation": evaluation_permissions.can_enter_for_city(
            request.user, project
        ),
    }


@require_POST
@desk_required
def project_action(request, pk, action):
    project = _file_project(request, pk)
    if action not in DESK_ACTIONS:
        raise Http404
    return perform(
        request,
        lifecycle.PROJECT_LIFECYCLE,
        project,
        action,
        back=reverse("staff:project_file", args=[pk]),
        done=lambda done: (
            _("「%(title)s」の「%(action)s」を行いました。")
            % {"title": done.title, "action": lifecycle.label(action)}
        ),
        name=project.title,
    )


@desk_required
def project_create(request):
    if not permissions.can_edit_project(request.user):
        raise PermissionDenied(COORDINATING_ONLY)
    form = StaffProjectForm(posted_data(request))
    choice = CreateChoiceForm(posted_data(request))
    if request.method == "POST" and form.is_valid() and choice.is_valid():
        try:
            project = services.project_create(
                form=form, actor=request.user, publish=choice.cleaned_data["publish"]
            )
        except lifecycle.LifecycleError as error:
            form.add_error(None, str(error))
        except AlreadyDone as done:
            messages.info(
                request, _("この事業はすでに登録しています(同じページから2回送られました)。")
            )
            return redirect(done.path or "staff:project_list")
        else:
            messages.success(
                request, _("協働事業「%(title)s」を登録しました。") % {"title": project}
            )
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
        raise PermissionDenied(COORDINATING_ONLY)
    form = StaffProjectForm(posted_data(request), instance=project)
    existing_detail = project.form_detail()
    detail_form = detail_form_class(project.form)(
        posted_data(request),
        instance=existing_detail,
        prefix="detail",
        # Nothing typed and no row yet: the form-specific part is simply left out.
        empty_permitted=existing_detail is None,
        use_required_attribute=False,
    )
    rows = _row_formsets(request, project)
    files = FilesForm(
        posted_data(request),
        request.FILES if request.method == "POST" else None,
        project=project,
        form_code=project.form,
        prefix="files",
        max_bytes=settings.PROPOSAL_ATTACHMENT_MAX_BYTES,
        image_max_bytes=settings.PROPOSAL_IMAGE_MAX_BYTES,
    )
    parts = [form, detail_form, *rows, files]
    # Validate every part (no short circuit), so that every error shows at once.
    valid = request.method == "POST" and [part.is_valid() for part in parts]
    if valid and all(valid):
        try:
            saved = services.project_update(
                form=form, detail_form=detail_form, rows=rows, files=files, actor=request.user
            )
        except services.StaleEdit:
            form.add_error(None, STALE_EDIT)
        else:
            messages.success(request, _("協働事業「%(title)s」を更新しました。") % {"title": saved})
            return redirect("staff:project_file", pk=project.pk)
    return render(
        request,
        "staff/project_form.html",
        {
            "form": form,
            "detail_form": detail_form,
            "project": project,
            "partners": rows[0],
            "events": rows[1],
            "files": files,
        },
    )


def _row_formsets(request, project):
    """The partners and events of a project, as the proposal editor has them."""
    data = posted_data(request)
    return [
        partner_formset_class(project.form)(
            data,
            instance=project,
            prefix="partners",
            queryset=Partner.objects.select_related("organization"),
        ),
        EventFormSet(data, instance=project, prefix="events"),
    ]
