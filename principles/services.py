"""Writing the principles and their self-check items from the city profile (`load_city`),
and the parties' mutual evaluations (相互評価)."""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.wareki import add_days, local_date
from projects.lifecycle import PROJECT_LIFECYCLE
from projects.models import Project, ProjectAction

from .lifecycle import EVALUATION_LIFECYCLE
from .models import (
    ChecklistItem,
    Evaluation,
    EvaluationAction,
    EvaluationScore,
    EvaluationStatus,
    JointNote,
    Principle,
    SelfCheckAnswer,
)
from .selectors import (
    expected_parties,
    missing_parties,
    party_evaluations,
    party_of,
    points_to_discuss,
)

# The time a party has to answer, from the project's completion.
EVALUATION_PERIOD_DAYS = 30
# The portal's own reminders (`remind_evaluations`): from this many days before the deadline,
# and again at most every this many days while the evaluation stays open.
REMIND_BEFORE_DAYS = 7
REMIND_EVERY_DAYS = 7


def principles_load(*, principles):
    """Write the principles, matched by code, and their checklist items, matched by text.

    An item whose text changed is a new question: the old one stays (answers refer to it)
    until a superuser sets it out of use. Items the file does not name are left as they are.
    """
    with transaction.atomic():
        for order, row in enumerate(principles, start=1):
            principle, _ = Principle.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "name_en": row.get("name_en", ""),
                    "definition": row["definition"],
                    "definition_en": row.get("definition_en", ""),
                    "explanation": row.get("explanation", ""),
                    "order": order,
                },
            )
            english = row.get("checklist_en", [])
            for item_order, text in enumerate(row.get("checklist", []), start=1):
                defaults = {"order": item_order, "is_active": True}
                if item_order <= len(english):
                    defaults["text_en"] = english[item_order - 1]
                ChecklistItem.objects.update_or_create(
                    principle=principle, text=text, defaults=defaults
                )


def self_check_save(form, project):
    """Keep the self-check answers of a (valid) SelfCheckForm; an item left empty has none."""
    for item in form.items:
        answer = form.cleaned_data.get(f"answer_{item.pk}") or ""
        note = form.cleaned_data.get(f"note_{item.pk}") or ""
        if not answer and not note:
            SelfCheckAnswer.objects.filter(project=project, item=item).delete()
            continue
        SelfCheckAnswer.objects.update_or_create(
            project=project, item=item, defaults={"answer": answer, "note": note}
        )


# --- Mutual evaluation (相互評価) -------------------------------------------------------------

EVALUATION_OPEN = (Project.Status.COMPLETED, Project.Status.EVALUATED)


class NotEditable(Exception):
    """The evaluation was submitted or declined: it is frozen."""


class StaleEdit(Exception):
    """Someone saved the evaluation after the page was shown."""


class NotOpen(Exception):
    """The project is not (or no longer) waiting for evaluations."""


def evaluations_open(*, project):
    """Make sure every party of a completed project has its evaluation row (a draft), so
    that each can be asked for it. Called when the project is completed (apps.py subscribes
    it to the project lifecycle) and again whenever an entry page opens: a project completed
    before the rows existed, or a partner confirmed later, gets its rows then. Idempotent."""
    if project.status not in EVALUATION_OPEN:
        return []
    rows = list(Evaluation.objects.filter(project=project))
    existing = {party_of(evaluation) for evaluation in rows}
    deadline = None
    if project.status == Project.Status.COMPLETED:
        deadline = default_deadline(project)
        # Rows made before deadlines existed get the one of the project's completion.
        open_without = [e.pk for e in rows if e.status == EvaluationStatus.DRAFT and not e.deadline]
        if open_without:
            Evaluation.objects.filter(pk__in=open_without).update(deadline=deadline)
    for kind, pk in expected_parties(project):
        if (kind, pk) in existing:
            continue
        with transaction.atomic():
            # A unique constraint keeps two pages opening at once from making two rows.
            Evaluation.objects.get_or_create(
                project=project, **{f"{kind}_id": pk}, defaults={"deadline": deadline}
            )
    return party_evaluations(project)


def default_deadline(project, today=None):
    """EVALUATION_PERIOD_DAYS after the project's completion; a party asked later (a partner
    confirmed afterwards) gets at least that long from the day it is asked."""
    today = today or timezone.localdate()
    completed = (
        project.transitions.filter(action=ProjectAction.COMPLETE)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    start = local_date(completed) if completed else today
    return max(add_days(start, EVALUATION_PERIOD_DAYS), add_days(today, REMIND_BEFORE_DAYS))


def on_project_action(lifecycle, entry_id):
    """The project lifecycle's listener: a completed project asks its parties."""
    entry = lifecycle.history.objects.select_related("project").filter(pk=entry_id).first()
    if entry is not None and entry.action == ProjectAction.COMPLETE:
        evaluations_open(project=entry.project)


def _lock(evaluation):
    """Lock the project first (every party's last step serialises on it), then the row."""
    project = Project.objects.select_for_update().get(pk=evaluation.project_id)
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if project.status != Project.Status.COMPLETED:
        raise NotOpen
    if locked.is_done:
        raise NotEditable
    return project, locked


def _evaluate_when_complete(project):
    """The last party's answer publishes the comparison: the project becomes `evaluated` by
    itself, through the lifecycle, as the portal (actor None)."""
    if not missing_parties(project):
        PROJECT_LIFECYCLE.apply(project, ProjectAction.EVALUATE, actor=None)


def evaluation_save(*, form, evaluation, actor, submit=False):
    """Keep a party's (valid) EvaluationForm as a draft, or submit it, which freezes it."""
    with transaction.atomic():
        project, locked = _lock(evaluation)
        if form.is_stale(locked):
            raise StaleEdit
        for name in ("outcomes", "issues", "recommendation"):
            setattr(locked, name, form.cleaned_data.get(name) or "")
        locked.save(update_fields=["outcomes", "issues", "recommendation", "updated_at"])
        for principle in form.principles_list:
            score = form.cleaned_data.get(f"score_{principle.pk}")
            comment = form.cleaned_data.get(f"comment_{principle.pk}") or ""
            if not score:
                EvaluationScore.objects.filter(evaluation=locked, principle=principle).delete()
                continue
            EvaluationScore.objects.update_or_create(
                evaluation=locked,
                principle=principle,
                defaults={"score": int(score), "comment": comment},
            )
        if submit:
            locked = EVALUATION_LIFECYCLE.apply(locked, EvaluationAction.SUBMIT, actor=actor)
            _evaluate_when_complete(project)
    return locked


def evaluation_decline(*, evaluation, actor, reason):
    """協働推進課 marks a party that never answers as declined, with the reason (shown in
    the comparison); the party then counts as done."""
    with transaction.atomic():
        project, locked = _lock(evaluation)
        locked = EVALUATION_LIFECYCLE.apply(
            locked, EvaluationAction.DECLINE, actor=actor, comment=reason
        )
        _evaluate_when_complete(project)
    return locked


def evaluation_remind(*, evaluation, actor, comment=""):
    """Mail a party whose evaluation is still a draft the link again (the lifecycle's
    `remind`, recorded in its history)."""
    with transaction.atomic():
        _project, locked = _lock(evaluation)
        return EVALUATION_LIFECYCLE.apply(
            locked, EvaluationAction.REMIND, actor=actor, comment=comment
        )


def evaluation_extend(*, evaluation, actor, deadline, comment=""):
    """Move a party's deadline later (the lifecycle's `extend`); the party is told."""
    with transaction.atomic():
        _project, locked = _lock(evaluation)
        return EVALUATION_LIFECYCLE.apply(
            locked, EvaluationAction.EXTEND, actor=actor, comment=comment, deadline=deadline
        )


def due_reminders(today=None):
    """The open evaluations the portal reminds today: their deadline is at most
    REMIND_BEFORE_DAYS away (or past), and nobody reminded them in the last
    REMIND_EVERY_DAYS days."""
    today = today or timezone.localdate()
    recent = timezone.now() - datetime.timedelta(days=REMIND_EVERY_DAYS)
    return (
        Evaluation.objects.filter(
            status=EvaluationStatus.DRAFT,
            project__status=Project.Status.COMPLETED,
            deadline__lte=add_days(today, REMIND_BEFORE_DAYS),
        )
        .exclude(reminded_at__gte=recent)
        .select_related("project", "department", "organization")
        .order_by("deadline", "pk")
    )


def send_due_reminders(today=None):
    """The portal's own reminders (the `remind_evaluations` command, run daily). Returns how
    many parties were reminded."""
    sent = 0
    for evaluation in due_reminders(today):
        try:
            evaluation_remind(evaluation=evaluation, actor=None)
        except (NotOpen, NotEditable):
            continue  # answered or closed since the list was read
        sent += 1
    return sent


class NotesClosed(Exception):
    """The comparison is not published (yet), or the principle is not a point to discuss."""


def joint_notes_save(*, project, notes, party_name, actor, version):
    """Keep the parties' joint notes (話し合いの結果), {principle: text}, for the points to
    discuss of a published comparison; an empty text removes the note. `version` is the
    newest note's updated_at as the page showed it (isoformat, "" for none): a save after
    anyone else's is refused, so that nobody overwrites a note unseen."""
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.status != Project.Status.EVALUATED:
            raise NotesClosed
        allowed = {row.principle.pk for row in points_to_discuss(locked)}
        if any(principle.pk not in allowed for principle in notes):
            raise NotesClosed
        newest = (
            JointNote.objects.filter(project=locked)
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
        )
        if (version or "") != (newest.isoformat() if newest else ""):
            raise StaleEdit
        existing = {note.principle_id: note for note in JointNote.objects.filter(project=locked)}
        for principle, text in notes.items():
            note = existing.get(principle.pk)
            if not text:
                if note is not None:
                    note.delete()
                continue
            if note is not None and note.text == text:
                continue
            JointNote.objects.update_or_create(
                project=locked,
                principle=principle,
                defaults={"text": text, "written_by_party": party_name, "written_by": actor},
            )
