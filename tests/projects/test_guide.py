"""The six forms' guide is data (projects.FormGuide): read in one query, edited in the admin."""

import pytest

from projects.guide import forms_with_guide
from projects.models import Form, FormGuide

pytestmark = pytest.mark.django_db


def test_the_guide_explains_all_six_forms_from_the_bundled_profile():
    forms = forms_with_guide()
    assert [form["code"] for form in forms] == list(Form.values)
    commission = forms[2]
    assert commission["label"] == "委託"
    assert commission["definition"] == "優れた資格・能力を持つ第三者に事業を委ねる形態"
    assert commission["examples"] == ["市民大学ふじみ野", "スポーツフェスティバル"]
    assert forms[1]["effect"] == "" and forms[1]["examples"] == []


def test_the_guide_is_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        forms_with_guide()


def test_the_guide_follows_its_order_and_lists_unexplained_forms_last():
    FormGuide.objects.filter(form="cohosting").update(order=0)
    FormGuide.objects.filter(form="subsidy").delete()
    codes = [form["code"] for form in forms_with_guide()]
    assert codes[0] == "cohosting"
    assert codes[-1] == "subsidy"
    assert forms_with_guide()[-1]["definition"] == ""


def test_examples_are_one_per_line_without_blank_lines():
    guide = FormGuide(form="committee", definition="…", examples="おおい祭り\n\n  環境フェア  \n")
    assert guide.example_list == ["おおい祭り", "環境フェア"]


def test_superuser_edits_a_form_and_the_forms_page_shows_it(client, superuser):
    guide = FormGuide.objects.get(form="committee")
    client.force_login(superuser)
    response = client.post(
        f"/admin/projects/formguide/{guide.pk}/change/",
        {
            "form": "committee",
            "definition": guide.definition,
            "effect": guide.effect,
            "examples": "上福岡七夕まつり\nおおい祭り\n新しい市民まつり",
            "order": guide.order,
        },
    )
    assert response.status_code == 302
    body = client.get("/forms/").content.decode()
    assert "<li>新しい市民まつり</li>" in body


def test_proposal_chooser_pairs_each_form_with_its_own_definition(client, member, organization):
    FormGuide.objects.filter(form="cohosting").update(order=0)
    client.force_login(member)
    body = client.get("/projects/new/").content.decode()
    cohosting = body.index('value="cohosting"')
    definition = body.index("NPO等と市が主催となっており、対等な立場で事業を行う形態")
    subsidy = body.index('value="subsidy"')
    assert cohosting < definition < subsidy
