"""The documents of a project, as the proposal page (projects' PROPOSAL_PAGE) and the staff
file show them: every issued document with its page and PDF, the printable application,
and for 協働推進課 the kinds it may issue now."""

from django.template.loader import render_to_string
from django.urls import reverse

from . import permissions, services
from .models import IssuedDocument, Kind


def documents_context(project, request):
    if not permissions.can_read_documents(request.user, project):
        return None
    documents = list(
        IssuedDocument.objects.filter(project=project)
        .select_related("reissued_as", "reissue_of")
        .order_by("-created_at", "-pk")
    )
    can_issue = permissions.can_issue(request.user, project)
    return {
        "project": project,
        "documents": documents,
        "application_url": reverse("notices:application", args=[project.pk]),
        "can_issue": can_issue,
        "issuable": [(kind, Kind(kind).label) for kind in services.issuable_kinds(project)]
        if can_issue
        else [],
        "issue_url": reverse("notices:issue", args=[project.pk]),
    }


def render_documents(project, request):
    """The panel's HTML for the staff file ("" for those who may not read the documents)."""
    context = documents_context(project, request)
    if context is None:
        return ""
    return render_to_string("notices/includes/documents_panel.html", context, request=request)
