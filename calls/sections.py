"""The part of a proposal an open call adds (projects.sections): the call's own questions,
answered on a page of their own, and the rule that a proposal to a call is submitted while the
call accepts proposals (or, returned for changes, while it is under review)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.completeness import Problem
from projects.models import Project

from .models import Answer, CallProposal, CallStatus

LABEL = _("公募の設問")


def _link(project):
    if project.pk is None:
        return None
    cache = getattr(project, "_call_link_cache", "unset")
    if cache == "unset":
        cache = CallProposal.objects.select_related("call").filter(project_id=project.pk).first()
        project._call_link_cache = cache
    return cache


def applies(project):
    return _link(project) is not None


def problems(project, today=None):
    link = _link(project)
    if link is None:
        return []
    call = link.call
    today = today or timezone.localdate()
    found = []
    resubmission = project.status == Project.Status.RETURNED and call.status == CallStatus.REVIEWING
    if not call.is_accepting(today) and not resubmission:
        found.append(
            Problem(
                "call",
                None,
                _("公募「%(call)s」は現在、提案を受け付けていません(%(phase)s)。")
                % {"call": call.title, "phase": call.phase_label(today)},
                label=LABEL,
            )
        )
    answered = set(
        Answer.objects.filter(proposal=link).exclude(text="").values_list("question_id", flat=True)
    )
    for question in call.questions.filter(is_required=True):
        if question.pk not in answered:
            found.append(
                Problem(
                    "call",
                    f"q{question.pk}",
                    _("公募の設問「%(question)s」に回答してください。")
                    % {"question": question.text},
                    label=LABEL,
                )
            )
    return found


def edit_url(project):
    link = _link(project)
    return reverse("calls:answers", args=[link.call_id, project.pk])


def detail_context(project):
    link = _link(project)
    answers = {a.question_id: a.text for a in Answer.objects.filter(proposal=link)}
    return {
        "call": link.call,
        "project": project,
        "rows": [(q, answers.get(q.pk, "")) for q in link.call.questions.all()],
        "editable": project.status in (Project.Status.DRAFT, Project.Status.RETURNED),
    }
