"""What is public: only published, completed and evaluated projects that are not hidden
and whose lead organisation is approved."""

import pytest

from organizations.models import Organization
from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["published", "completed", "evaluated"])
def test_published_states_are_public(status):
    project = factories.make_project(status=status)
    assert list(Project.objects.public()) == [project]
    assert project.is_public


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "rejected", "withdrawn"])
def test_undecided_and_closed_proposals_are_not_public(status):
    project = factories.make_project(status=status)
    assert not Project.objects.public().exists()
    assert not project.is_public


def test_hidden_project_is_not_public():
    project = factories.make_project(is_hidden=True)
    assert not Project.objects.public().exists()
    assert not project.is_public


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_project_of_an_organisation_not_approved_is_not_public(status):
    organization = factories.make_organization(status=status)
    project = factories.make_project(lead_organization=organization)
    assert not Project.objects.public().exists()
    assert not project.is_public


def test_only_approved_organisations_are_public():
    approved = factories.make_organization()
    for status in ("pending", "rejected", "suspended"):
        factories.make_organization(status=status)
    assert list(Organization.objects.public()) == [approved]


def test_partner_not_approved_is_not_shown():
    project = factories.make_project()
    pending = factories.make_organization(status="pending")
    hidden_partner = factories.make_partner(project, pending)
    named_partner = factories.make_partner(project, name="市内小中学校PTA")
    assert not hidden_partner.is_public
    assert named_partner.is_public


def test_form_detail_returns_the_forms_own_row_or_none():
    from projects.models import CommitteeDetail

    project = factories.make_project(form="committee")
    assert project.form_detail() is None
    detail = CommitteeDetail.objects.create(project=project, committee_name="おおい祭り実行委員会")
    project.refresh_from_db()
    assert project.form_detail() == detail


def test_codes_are_stable_ascii():
    assert Project.Form.values == [
        "subsidy",
        "patronage",
        "commission",
        "committee",
        "cooperation",
        "cohosting",
    ]
    assert Project.Status.values == [
        "draft",
        "submitted",
        "returned",
        "rejected",
        "withdrawn",
        "published",
        "cancelled",
        "completed",
        "evaluated",
    ]
    assert Organization.Status.values == ["pending", "approved", "rejected", "suspended"]


def test_project_list_filters_by_a_public_organisation_it_leads_or_partners(client):
    organization = factories.make_organization(name="公開の会")
    factories.make_project(title="主催の事業", lead_organization=organization)
    factories.make_partner(factories.make_project(title="協力の事業"), organization)
    factories.make_project(title="関係のない事業")
    body = client.get(f"/projects/?organization={organization.pk}").content.decode()
    assert "主催の事業" in body and "協力の事業" in body
    assert "関係のない事業" not in body


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_filter_by_an_organisation_not_approved_answers_like_an_unknown_one(client, status):
    hidden = factories.make_organization(name="非公開の会", status=status)
    factories.make_partner(factories.make_project(title="協力の事業"), hidden)
    factories.make_project(title="ほかの事業")
    for organization in (str(hidden.pk), "999999"):
        response = client.get("/projects/", {"organization": organization})
        assert response.status_code == 200
        body = response.content.decode()
        assert "協力の事業" not in body and "ほかの事業" not in body
        assert "0件の協働事業" in body
        assert "検索条件に誤りがあります" in body
        feed = client.get("/feeds/projects.atom", {"organization": organization})
        assert feed.status_code == 200
        assert "<entry>" not in feed.content.decode()
