"""Issuing documents: a number, the values, then the PDF (a task), stored once.

`document_issue` takes the next 文書番号 of the fiscal year under a lock of that year's
counter, so that two documents issued at the same moment never share a number, and keeps the
values the document is drawn from. The PDF is made from those values by a task
(notices/tasks.py) and stored; it is never made again: a reissue is a new document.
"""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from city.profile import current as current_city
from portal.sequences import take_next
from portal.wareki import fiscal_year_of
from projects.models import Form, Project, ProjectAction, Status

from .contents import document_values
from .models import IssuedDocument, Kind, NumberCounter

logger = logging.getLogger(__name__)

# The decision each action records, by form: (action, form) -> kind; form None is any form.
DECISIONS = {
    (ProjectAction.SUBMIT, None): Kind.APPLICATION,
    (ProjectAction.APPROVE, Form.PATRONAGE): Kind.PATRONAGE_APPROVAL,
    (ProjectAction.REJECT, Form.PATRONAGE): Kind.PATRONAGE_REFUSAL,
    (ProjectAction.APPROVE, Form.SUBSIDY): Kind.SUBSIDY_GRANT,
    (ProjectAction.COMPLETE, Form.SUBSIDY): Kind.SUBSIDY_CONFIRMATION,
    (ProjectAction.APPROVE, Form.COMMISSION): Kind.AGREEMENT_COVER,
    (ProjectAction.APPROVE, Form.COOPERATION): Kind.AGREEMENT_COVER,
}

# The kinds staff may issue by hand, and the states of the project that each needs.
ISSUABLE_IN = {
    Kind.APPLICATION: (
        Status.SUBMITTED,
        Status.RETURNED,
        Status.REJECTED,
        Status.PUBLISHED,
        Status.COMPLETED,
        Status.EVALUATED,
    ),
    Kind.PATRONAGE_APPROVAL: (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED),
    Kind.PATRONAGE_REFUSAL: (Status.REJECTED,),
    Kind.SUBSIDY_GRANT: (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED),
    Kind.SUBSIDY_CONFIRMATION: (Status.COMPLETED, Status.EVALUATED),
    Kind.AGREEMENT_COVER: (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED),
}
FORMS_OF = {
    Kind.PATRONAGE_APPROVAL: (Form.PATRONAGE,),
    Kind.PATRONAGE_REFUSAL: (Form.PATRONAGE,),
    Kind.SUBSIDY_GRANT: (Form.SUBSIDY,),
    Kind.SUBSIDY_CONFIRMATION: (Form.SUBSIDY,),
    Kind.AGREEMENT_COVER: (Form.COMMISSION, Form.COOPERATION),
}


class NotIssuable(Exception):
    pass


def kind_for(action, form):
    return DECISIONS.get((action, form)) or DECISIONS.get((action, None))


def issuable_kinds(project):
    """The kinds staff may issue for the project as it is now."""
    return [
        kind
        for kind, states in ISSUABLE_IN.items()
        if project.status in states and project.form in FORMS_OF.get(kind, (project.form,))
    ]


def next_number(fiscal_year):
    """The next number of the fiscal year, taken under the lock of its counter row (made
    first if the year has none: a concurrent maker of the same row loses nothing)."""
    return take_next(NumberCounter, "last_number", fiscal_year=fiscal_year)


def _latest(project, kind):
    return (
        IssuedDocument.objects.filter(project=project, kind=kind, reissued_as__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def document_issue(*, project, kind, actor=None, transition=None, today=None, draw_pdf=True):
    """Issue a document of `kind` for the project: a new number, the values as of now. An
    earlier current document of the same kind is replaced (the new one is its reissue).
    The PDF is drawn by a task after the commit (`draw_pdf=False`: at its first download)."""
    today = today or timezone.localdate()
    fiscal_year = fiscal_year_of(today)
    with transaction.atomic():
        project = (
            Project.objects.select_for_update()
            .select_related("lead_organization")
            .get(pk=project.pk)
        )
        earlier = _latest(project, kind)
        number = next_number(fiscal_year)
        document_number = current_city().notice_number(number)
        # The document reads as the city writes it, whoever asked in whatever language.
        with override("ja"):
            values = document_values(
                kind,
                project,
                transition=transition,
                document_number=document_number,
                issued_on=today,
            )
        document = IssuedDocument.objects.create(
            kind=kind,
            project=project,
            fiscal_year=fiscal_year,
            number=number,
            document_number=document_number,
            issued_on=today,
            issued_by=actor,
            transition=transition,
            reissue_of=earlier,
            values=values,
        )
        if draw_pdf:
            transaction.on_commit(lambda: enqueue_render(document.pk))
    return document


def document_reissue(document, *, actor=None, today=None):
    """A new document in place of `document` (its stored file is kept as it is)."""
    if not document.is_current:
        raise NotIssuable(
            _("この文書はすでに再発行されています。最新の文書から再発行してください。")
        )
    return document_issue(project=document.project, kind=document.kind, actor=actor, today=today)


def issue_for_decision(lifecycle, entry_id):
    """The project lifecycle's listener: a decision that has a notice issues it (once per
    decision, whichever caller comes first)."""
    entry = lifecycle.history.objects.select_related("project").filter(pk=entry_id).first()
    if entry is None:
        return None
    kind = kind_for(entry.action, entry.project.form)
    if kind is None:
        return None
    existing = IssuedDocument.objects.filter(transition=entry).first()
    if existing is not None:
        return existing
    try:
        return document_issue(project=entry.project, kind=kind, transition=entry)
    except IntegrityError:
        return IssuedDocument.objects.filter(transition=entry).first()


# --- The PDF --------------------------------------------------------------------------------


def render_html(document, *, for_print=False):
    """The document as HTML, drawn from its stored values only."""
    with override("ja"):
        return render_to_string(
            "notices/pdf.html", {"document": document, "values": document.values}
        )


def render_pdf(document):
    """Make and store the PDF of a document that has none yet; a stored one stays as it is."""
    from weasyprint import HTML  # heavy: loaded only where a PDF is made

    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.pdf:
            return locked
        pdf = HTML(string=render_html(locked)).write_pdf()
        locked.pdf.save(f"{locked.pk}.pdf", ContentFile(pdf), save=False)
        locked.rendered_at = timezone.now()
        locked.save(update_fields=["pdf", "rendered_at"])
    return locked


def enqueue_render(document_id):
    """Hand the PDF to the queue; a failure leaves the document to be made when first
    downloaded."""
    from .tasks import render_document

    try:
        render_document.delay(document_id)
    except Exception:  # noqa: BLE001 - the download makes the PDF if the task did not
        logger.exception("The PDF of document %s could not be made now", document_id)
