"""The self-check as a part of the proposal (registered in projects.sections by apps.py):
answered in the proposal editor, required before submission, shown on the proposal page and
on the staff file."""

from django.utils.translation import gettext_lazy as _

from projects.completeness import Problem

from .forms import SelfCheckForm
from .models import ChecklistItem, SelfCheckAnswer
from .services import self_check_save

LABEL = _("事前チェック")


def build_form(data, project, prefix):
    # The editor's fields have always been named check-answer_<item>: kept for the pages' links.
    return SelfCheckForm(data, project=project, prefix="check")


def problems(project, today=None):
    """Every active item needs an answer before the proposal is submitted."""
    answered = set(project.self_check_answers.exclude(answer="").values_list("item_id", flat=True))
    return [
        Problem(
            "selfcheck",
            f"answer_{item.pk}",
            _("事前チェックの「%(item)s」に回答してください。") % {"item": item.label},
        )
        for item in ChecklistItem.objects.filter(is_active=True)
        if item.pk not in answered
    ]


def detail_context(project):
    """Each active item with the proposer's answer (or none), for reading."""
    answers = {
        answer.item_id: answer
        for answer in SelfCheckAnswer.objects.filter(project=project).select_related(
            "item__principle"
        )
    }
    items = ChecklistItem.objects.filter(is_active=True).select_related("principle")
    return {"self_check": [{"item": item, "answer": answers.get(item.pk)} for item in items]}


def save(form, project):
    self_check_save(form, project)
