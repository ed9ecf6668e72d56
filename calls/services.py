"""Writes of open calls, each atomic and recorded through the call lifecycle (or, for 採択 /
不採択, the project lifecycle). Views validate with calls.forms and call these."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import once
from portal.changes import StaleEdit, diff, snapshot
from portal.lifecycle import LifecycleError
from projects import lifecycle as project_lifecycle
from projects.models import Project, ProjectAction

from . import lifecycle
from .forms import DecisionForm
from .models import (
    Answer,
    Call,
    CallAction,
    CallProposal,
    CallStatus,
    Conflict,
    Review,
    ReviewScore,
)
from .selectors import SCORING_OPEN, can_score

CALL_FIELDS = [
    "title",
    "kind",
    "department",
    "theme",
    "description",
    "fiscal_year",
    "opens_on",
    "closes_on",
    "budget_ceiling",
    "result_summary",
]


class ScoringClosed(Exception):
    """The proposal may no longer be scored by this reviewer; nothing was written."""


def _formset_changes(formset, label):
    if not formset.has_changed():
        return []
    return [{"field": formset.prefix, "label": str(label), "old": "", "new": _("変更あり")}]


def call_save(*, form, items, questions, actor):
    """Register a call (form.instance without pk) or save one, with its scoring items and
    questions. The items are fixed once the call is open (scores rest on them): `items` is None
    then. Raises StaleEdit when someone saved the call since the page was shown."""
    with transaction.atomic():
        creating = form.instance.pk is None
        before = {}
        if not creating:
            locked = Call.objects.select_for_update().get(pk=form.instance.pk)
            if form.is_stale(locked):
                raise StaleEdit
            before = snapshot(locked, CALL_FIELDS)
        call = form.save(commit=False)
        if creating:
            call.created_by = actor
        call.save()
        changes = diff(call, before, CALL_FIELDS)
        for formset, label in ((items, _("審査項目")), (questions, _("公募の設問"))):
            if formset is None:
                continue
            changes += [] if creating else _formset_changes(formset, label)
            formset.instance = call
            formset.save()
        if creating:
            lifecycle.apply(call, CallAction.CREATE, actor=actor, changes=changes)
        elif changes:
            lifecycle.apply(call, CallAction.EDIT, actor=actor, changes=changes)
    return call


def propose(*, call, form, actor):
    """Start a proposal to an open call: a draft project of the chosen organisation, linked to
    the call. The rest of the proposal is written in the proposal editor."""
    with transaction.atomic():
        claimed = once.claim(form.once_key(f"call-{call.pk}", actor))
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if locked.status != CallStatus.OPEN:
            raise LifecycleError(_("この募集は提案を受け付けていません。"))
        data = form.cleaned_data
        project = Project.objects.create(
            title=data["title"],
            summary=data["summary"],
            form=data["form"],
            lead_organization=data["organization"],
            fiscal_year=locked.fiscal_year,
            department=locked.department,
            budget=None,
            status=Project.Status.DRAFT,
            created_by=actor,
        )
        CallProposal.objects.create(call=locked, project=project)
        once.remember(claimed, reverse("projects:proposal_edit", args=[project.pk]))
    return project


def answers_save(*, proposal, form):
    """Save the answers to the call's questions (a draft may leave some empty)."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=proposal.project_id)
        if project.status not in (Project.Status.DRAFT, Project.Status.RETURNED):
            raise LifecycleError(_("この提案はすでに提出されたため、回答は変更できません。"))
        for question_pk, text in form.answers().items():
            Answer.objects.update_or_create(
                proposal=proposal, question_id=question_pk, defaults={"text": text}
            )


def appoint(*, call, user, actor):
    """Appoint a reviewer (審査委員); the new reviewer is told by mail."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                reviewer = call.reviewers.create(user=user)
        except IntegrityError:
            raise LifecycleError(_("この方はすでにこの募集の審査委員です。")) from None
        name = reviewer.display_name
        lifecycle.apply(
            call,
            CallAction.APPOINT,
            actor=actor,
            changes=[
                {"field": "reviewer", "label": _("審査委員"), "old": "", "new": name,
                 "user": user.pk}
            ],
        )  # fmt: skip
    return reviewer


def dismiss(*, reviewer, actor):
    """Dismiss a reviewer; their reviews go with them (they no longer count)."""
    with transaction.atomic():
        call = reviewer.call
        name = reviewer.display_name
        lifecycle.apply(
            call,
            CallAction.DISMISS,
            actor=actor,
            changes=[{"field": "reviewer", "label": _("審査委員"), "old": name, "new": ""}],
        )
        reviewer.delete()


def review_save(*, reviewer, proposal, form):
    """Save a reviewer's scores of one proposal. Refused (ScoringClosed) when the reviewer has
    a conflict, the proposal has been decided or the call's scoring is over."""
    with transaction.atomic():
        Project.objects.select_for_update().get(pk=proposal.project_id)
        proposal = CallProposal.objects.select_related("call", "project").get(pk=proposal.pk)
        if not can_score(reviewer, proposal):
            raise ScoringClosed
        review, _created = Review.objects.update_or_create(
            reviewer=reviewer, proposal=proposal, defaults={"summary": form.cleaned_data["summary"]}
        )
        for item_pk, (points, comment) in form.scores().items():
            ReviewScore.objects.update_or_create(
                review=review, item_id=item_pk, defaults={"points": points, "comment": comment}
            )
    return review


def declare_conflict(*, reviewer, proposal, reason):
    """A reviewer declares a conflict of interest: their score of this proposal, if any, no
    longer counts, and they can no longer score it."""
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=proposal.call_id)
        if call.status not in SCORING_OPEN:
            raise ScoringClosed
        Conflict.objects.update_or_create(
            reviewer=reviewer, proposal=proposal, defaults={"reason": reason}
        )


def decide(*, proposal, decision, comment, actor):
    """採択 (approve, which publishes the project) or 不採択 (reject, with the reason) through the
    project lifecycle, which refuses unless the call is under review."""
    if decision == DecisionForm.ADOPT:
        default = _("公募「%(call)s」の審査の結果、採択されました。") % {
            "call": proposal.call.title
        }
        return project_lifecycle.apply(
            proposal.project, ProjectAction.APPROVE, actor=actor, comment=comment or default
        )
    return project_lifecycle.apply(
        proposal.project, ProjectAction.REJECT, actor=actor, comment=comment
    )
