"""The issued documents: the printable page, the stored PDF, and staff issuing by hand.

Only those who read the proposal read its documents (notices.permissions); everyone else
gets 404, so that a document's existence does not leak. Issuing is for 協働推進課: the
signed-in others get 403, the anonymous are sent to log in.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from organizations.permissions import is_coordinating_staff
from portal.files import file_response
from projects.models import Project

from . import permissions, services
from .contents import document_values
from .models import IssuedDocument, Kind

logger = logging.getLogger(__name__)

COORDINATING_ONLY = _("文書を発行できるのは協働推進課の職員だけです。")
PDF_FAILED = _(
    "PDFを作成できませんでした。しばらくしてからもう一度お試しください。"
    "このページを印刷することもできます。"
)


def _back_url(request, project):
    if is_coordinating_staff(request.user) or not permissions.is_lead(request.user, project):
        return f"/staff/projects/{project.pk}/"
    return f"/projects/{project.pk}/proposal/"


def _readable_document(request, pk):
    document = get_object_or_404(
        IssuedDocument.objects.select_related(
            "project__lead_organization", "reissue_of", "reissued_as"
        ),
        pk=pk,
    )
    if not permissions.can_read_documents(request.user, document.project):
        raise Http404
    return document


def document_page(request, pk):
    document = _readable_document(request, pk)
    return render(
        request,
        "notices/document.html",
        {
            "document": document,
            "values": document.values,
            "back_url": _back_url(request, document.project),
        },
    )


def document_pdf(request, pk):
    """The stored PDF (made now if its task has not run yet: from the same stored values)."""
    document = _readable_document(request, pk)
    if not document.pdf:
        try:
            document = services.render_pdf(document)
        except Exception:  # noqa: BLE001 - the reader is told in words, the log has the cause
            logger.exception("The PDF of document %s could not be made", document.pk)
            messages.error(request, PDF_FAILED)
            return redirect(document.get_absolute_url())
    return file_response(
        document.pdf, content_type="application/pdf", filename=document.file_name, inline=False
    )


def application_page(request, project_pk):
    """The application as it stands, printable, for every proposal (the stored 申請書 is
    the one issued at submission)."""
    project = get_object_or_404(Project.objects.select_related("lead_organization"), pk=project_pk)
    if not permissions.can_read_documents(request.user, project):
        raise Http404
    with override("ja"):
        values = document_values(
            Kind.APPLICATION, project, document_number="", issued_on=timezone.localdate()
        )
    return render(
        request,
        "notices/document.html",
        {"document": None, "values": values, "back_url": _back_url(request, project)},
    )


def _coordinating(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_coordinating_staff(request.user):
        raise PermissionDenied(COORDINATING_ONLY)
    return None


@require_POST
def document_issue(request, project_pk):
    refusal = _coordinating(request)
    if refusal is not None:
        return refusal
    project = get_object_or_404(Project, pk=project_pk)
    kind = request.POST.get("kind", "")
    if kind not in services.issuable_kinds(project):
        messages.error(request, _("この事業の今の状態では、この文書は発行できません。"))
        return redirect(f"/staff/projects/{project.pk}/")
    document = services.document_issue(project=project, kind=kind, actor=request.user)
    messages.success(
        request,
        _("%(kind)s(%(number)s)を発行しました。")
        % {"kind": document.get_kind_display(), "number": document.document_number},
    )
    return redirect(f"/staff/projects/{project.pk}/")


@require_POST
def document_reissue(request, pk):
    refusal = _coordinating(request)
    if refusal is not None:
        return refusal
    document = get_object_or_404(IssuedDocument.objects.select_related("project"), pk=pk)
    try:
        new = services.document_reissue(document, actor=request.user)
    except services.NotIssuable as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(old)s を %(new)s として再発行しました。")
            % {"old": document.document_number, "new": new.document_number},
        )
    return redirect(f"/staff/projects/{document.project_id}/")
