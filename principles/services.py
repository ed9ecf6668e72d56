"""Writing the principles and their self-check items from the city profile (`load_city`),
and the parties' mutual evaluations (相互評価)."""

from django.db import transaction

from projects.lifecycle import PROJECT_LIFECYCLE
from projects.models import Project, ProjectAction

from .lifecycle import EVALUATION_LIFECYCLE
from .models import (
    ChecklistItem,
    Evaluation,
    EvaluationAction,
    EvaluationScore,
    Principle,
    SelfCheckAnswer,
)
from .selectors import expected_parties, missing_parties, party_evaluations, party_of


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
                    "definition": row["definition"],
                    "explanation": row.get("explanation", ""),
                    "order": order,
                },
            )
            for item_order, text in enumerate(row.get("checklist", []), start=1):
                ChecklistItem.objects.update_or_create(
                    principle=principle,
                    text=text,
                    defaults={"order": item_order, "is_active": True},
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
    existing = {party_of(evaluation) for evaluation in Evaluation.objects.filter(project=project)}
    for kind, pk in expected_parties(project):
        if (kind, pk) in existing:
            continue
        with transaction.atomic():
            # A unique constraint keeps two pages opening at once from making two rows.
            Evaluation.objects.get_or_create(project=project, **{f"{kind}_id": pk})
    return party_evaluations(project)


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
