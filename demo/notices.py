"""The notices of the demo's decisions (notices/), issued as of each decision's date.

The decisions were recorded silenced (nobody told), so their notices are issued here, once
each: a decision that already has its notice is left as it is, which keeps `load_demo`
idempotent. Their PDFs are drawn at their first download, from the values stored now.
"""

from django.utils import timezone

from notices.models import IssuedDocument
from notices.services import DECISIONS, document_issue, kind_for
from projects.models import Transition


def load(command):
    actions = {action for action, _form in DECISIONS}
    entries = (
        Transition.objects.filter(action__in=actions, issued_document__isnull=True)
        .select_related("project")
        .order_by("created_at", "pk")
    )
    for entry in entries:
        kind = kind_for(entry.action, entry.project.form)
        if kind is None or IssuedDocument.objects.filter(transition=entry).exists():
            continue
        document_issue(
            project=entry.project,
            kind=kind,
            transition=entry,
            today=timezone.localdate(entry.created_at),
            draw_pdf=False,
        )
