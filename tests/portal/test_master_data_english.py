"""Master data in the English interface: every seeded row has its English name (filled by
the migrations from the city profile's files), pages show it, a row without one falls back
to its Japanese name, and the guideline's official texts stay Japanese with an English gloss
marked as a translation."""

import pytest
from django.urls import reverse
from django.utils import translation

from city import datafiles
from organizations.models import ActivityField, Area, Department
from principles.models import ChecklistItem, Principle
from projects.models import FormGuide
from tests import factories

pytestmark = pytest.mark.django_db


def english(client, path):
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("model", "names"),
    [
        (ActivityField, ("name_en", "short_name_en")),
        (Area, ("name_en",)),
        (Department, ("name_en",)),
        (Principle, ("name_en", "definition_en")),
    ],
)
def test_every_seeded_row_has_its_english_name(model, names):
    rows = model.objects.filter(code__in=[row["code"] for row in _rows(model)])
    assert rows.exists()
    for row in rows:
        for name in names:
            assert getattr(row, name), f"{model.__name__} {row.code}: {name}"


def _rows(model):
    return datafiles.rows(
        {
            ActivityField: "fields",
            Area: "areas",
            Department: "departments",
            Principle: "principles",
        }[model]
    )


def test_every_form_explanation_has_its_translation():
    for guide in FormGuide.objects.all():
        assert guide.definition_en, guide.form


def test_names_follow_the_language_and_fall_back_to_japanese():
    area = Area.objects.get(code="kamifukuoka")
    added = Area.objects.create(code="new-area", name="新しい地区")
    with translation.override("en"):
        assert str(area) == "Kamifukuoka area"
        assert str(added) == "新しい地区"  # no English name yet: the Japanese one
    with translation.override("ja"):
        assert str(area) == "上福岡地区"


def test_a_project_page_in_english_names_its_area_fields_and_department(client):
    project = factories.make_project(
        area=Area.objects.get(code="oi"),
        department=Department.objects.get(code="kyodo-suishin"),
    )
    project.fields.set([ActivityField.objects.get(code="disaster-relief")])
    page = english(client, reverse("projects:detail", args=[project.pk]))
    for name in ("Ōi area", "Disaster relief", "Collaboration Promotion Division"):
        assert name in page
    for japanese in ("大井地区", "災害救援", "協働推進課</"):
        assert japanese not in page


def test_the_principles_keep_their_official_text_with_a_gloss_marked_as_translation(client):
    page = english(client, reverse("principles:list"))
    assert "<h2>Equality</h2>" in page
    # The official definition stays as the guideline words it, marked as Japanese ...
    assert '<span lang="ja">対等の立場に立つこと</span>' in page
    # ... and its English is beside it, said to be a translation.
    assert '<span class="gloss-label">(Translation)</span> Standing on an equal footing' in page


def test_the_forms_page_glosses_each_definition(client):
    page = english(client, reverse("principles:forms"))
    assert "(Translation)</span> A form in which the city supports the costs" in page


def test_japanese_pages_show_no_gloss(client):
    page = client.get(reverse("principles:list")).content.decode()
    assert "gloss" not in page
    assert "対等の立場に立つこと" in page


def test_the_admin_edits_the_english_names(admin_client):
    area = Area.objects.get(code="oi")
    page = admin_client.get(reverse("admin:organizations_area_change", args=[area.pk]))
    assert 'name="name_en"' in page.content.decode()


def test_every_seeded_self_check_question_has_its_english_version():
    for row in datafiles.rows("principles"):
        assert len(row["checklist_en"]) == len(row["checklist"]), row["code"]
        for text, english_text in zip(row["checklist"], row["checklist_en"], strict=True):
            item = ChecklistItem.objects.get(principle__code=row["code"], text=text)
            assert item.text_en == english_text


def test_self_check_questions_follow_the_language(client):
    item = ChecklistItem.objects.get(principle__code="equality", order=1)
    page = english(client, reverse("principles:list"))
    assert item.text_en in page
    assert item.text not in page
    with translation.override("ja"):
        assert item.label == item.text


def test_the_self_check_form_asks_in_english():
    from principles.forms import SelfCheckForm

    item = ChecklistItem.objects.filter(is_active=True).first()
    with translation.override("en"):
        labels = [str(field.label) for field in SelfCheckForm(project=factories.make_project())]
    assert item.text_en in labels
