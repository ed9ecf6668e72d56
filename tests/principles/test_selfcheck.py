"""The self-check (事前チェック): one answer per active checklist item, stored as a stable
code with an optional note, shown to the proposer and to staff."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from principles.forms import SelfCheckForm
from principles.models import ChecklistItem, Principle, SelfCheckAnswer
from principles.services import self_check_save
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(organization):
    return factories.make_project(lead_organization=organization, status="draft")


def test_form_asks_every_active_item_grouped_by_principle():
    form = SelfCheckForm(prefix="check")
    groups = form.principles()
    assert [group["principle"] for group in groups] == list(Principle.objects.all())
    asked = [row["item"] for group in groups for row in group["rows"]]
    assert asked == list(ChecklistItem.objects.filter(is_active=True))


def test_answers_are_stored_as_stable_codes_with_notes(draft):
    first, second = ChecklistItem.objects.filter(is_active=True)[:2]
    form = SelfCheckForm(
        {
            f"check-answer_{first.pk}": "partly",
            f"check-note_{first.pk}": "役割分担は相談中です。",
            f"check-answer_{second.pk}": "no",
        },
        prefix="check",
        project=draft,
    )
    assert form.is_valid(), form.errors
    self_check_save(form, draft)
    answers = {a.item_id: a for a in SelfCheckAnswer.objects.filter(project=draft)}
    assert answers[first.pk].answer == "partly"
    assert answers[first.pk].get_answer_display() == "一部"
    assert answers[first.pk].note == "役割分担は相談中です。"
    assert answers[second.pk].answer == "no"
    assert len(answers) == 2  # unanswered items are not stored


def test_saving_again_updates_and_clears_answers(draft):
    item = ChecklistItem.objects.filter(is_active=True).first()
    SelfCheckAnswer.objects.create(project=draft, item=item, answer="no", note="古い")
    form = SelfCheckForm({f"check-answer_{item.pk}": "yes"}, prefix="check", project=draft)
    assert form.is_valid()
    self_check_save(form, draft)
    assert SelfCheckAnswer.objects.get(project=draft, item=item).answer == "yes"
    form = SelfCheckForm({}, prefix="check", project=draft)
    assert form.is_valid()
    self_check_save(form, draft)
    assert not SelfCheckAnswer.objects.filter(project=draft).exists()


def test_stored_answers_are_shown_when_the_form_opens_again(draft):
    item = ChecklistItem.objects.filter(is_active=True).first()
    SelfCheckAnswer.objects.create(project=draft, item=item, answer="partly", note="補足")
    form = SelfCheckForm(prefix="check", project=draft)
    assert form[f"answer_{item.pk}"].value() == "partly"
    assert form[f"note_{item.pk}"].value() == "補足"


def test_one_answer_per_item_and_project(draft):
    item = ChecklistItem.objects.first()
    SelfCheckAnswer.objects.create(project=draft, item=item, answer="yes")
    with pytest.raises(IntegrityError):
        SelfCheckAnswer.objects.create(project=draft, item=item, answer="no")


def test_unknown_answer_code_is_refused(draft):
    item = ChecklistItem.objects.first()
    form = SelfCheckForm({f"check-answer_{item.pk}": "maybe"}, prefix="check", project=draft)
    assert not form.is_valid()
    assert f"answer_{item.pk}" in form.errors


def test_staff_see_the_answers_on_the_proposal_page(client, draft, coordinating_staff):
    item = ChecklistItem.objects.filter(is_active=True).first()
    SelfCheckAnswer.objects.create(project=draft, item=item, answer="no", note="来月に協議します")
    client.force_login(coordinating_staff)
    content = client.get(reverse("projects:proposal_detail", args=[draft.pk])).content.decode()
    assert item.text in content
    assert "いいえ" in content and "来月に協議します" in content
    assert "未回答" in content  # the other items
