"""The public list and page of volunteer requests: filters, only open ones by default,
private requests absent and 404, the organisation's and the project's pages."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_list_shows_open_requests_only_by_default(client, organization):
    factories.make_volunteer_request(organization, role="受付係")
    factories.make_volunteer_request(organization, role="片付け係", is_open=False)
    page = client.get("/volunteers/").content.decode()
    assert "受付係" in page
    assert "片付け係" not in page
    page = client.get("/volunteers/?closed=on").content.decode()
    assert "片付け係" in page


def test_list_filters_by_keyword_area_and_field(client, organization, other_organization):
    from organizations.models import ActivityField, Area

    area = Area.objects.exclude(pk=organization.area_id).first()
    other_organization.area = area
    other_organization.save()
    field = ActivityField.objects.first()
    organization.fields.add(field)
    factories.make_volunteer_request(organization, role="受付係")
    factories.make_volunteer_request(other_organization, role="草刈り")
    page = client.get("/volunteers/?q=草刈り").content.decode()
    assert "草刈り" in page and "受付係" not in page
    page = client.get(f"/volunteers/?area={area.code}").content.decode()
    assert "草刈り" in page and "受付係" not in page
    page = client.get(f"/volunteers/?field={field.code}").content.decode()
    assert "受付係" in page and "草刈り" not in page


def test_list_is_paginated(client, organization, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for number in range(3):
        factories.make_volunteer_request(organization, role=f"係{number}")
    first = client.get("/volunteers/").content.decode()
    second = client.get("/volunteers/?page=2").content.decode()
    assert first.count('class="event-item"') == 2
    assert second.count('class="event-item"') == 1


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_requests_of_unapproved_organisations_are_private(client, member, status):
    organization = factories.make_organization(status=status, members=[member])
    volunteer_request = factories.make_volunteer_request(organization, role="非公開の係")
    assert "非公開の係" not in client.get("/volunteers/").content.decode()
    assert client.get(f"/volunteers/{volunteer_request.pk}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/volunteers/{volunteer_request.pk}/").status_code == 404


def test_request_of_a_private_project_is_private(client, organization):
    draft = factories.make_project(lead_organization=organization, status="draft")
    volunteer_request = factories.make_volunteer_request(
        organization, role="下書き事業の係", project=draft
    )
    assert "下書き事業の係" not in client.get("/volunteers/").content.decode()
    assert client.get(f"/volunteers/{volunteer_request.pk}/").status_code == 404


def test_open_requests_on_the_project_and_organisation_pages(client, organization):
    project = factories.make_project(lead_organization=organization)
    factories.make_volunteer_request(organization, role="事業の係", project=project)
    factories.make_volunteer_request(organization, role="締切の係", project=project, is_open=False)
    for path in (f"/projects/{project.pk}/", f"/organizations/{organization.pk}/"):
        page = client.get(path).content.decode()
        assert "事業の係" in page
        assert "締切の係" not in page


def test_members_post_a_request(client, member, organization, citizen):
    project = factories.make_project(lead_organization=organization)
    data = {
        "role": "調理補助",
        "description": "子ども食堂の調理を手伝ってください。",
        "starts_on": "2026-12-12",
        "people": "3",
        "project": str(project.pk),
        "is_open": "on",
    }
    client.force_login(citizen)
    assert client.post(f"/volunteers/new/{organization.pk}/", data).status_code == 403
    client.force_login(member)
    response = client.post(f"/volunteers/new/{organization.pk}/", data)
    assert response.status_code == 302
    volunteer_request = organization.volunteer_requests.get()
    assert volunteer_request.project == project
    assert "調理補助" in client.get(response.url).content.decode()


def test_request_form_refuses_a_project_of_another_organisation(
    client, member, organization, other_organization
):
    project = factories.make_project(lead_organization=other_organization)
    client.force_login(member)
    response = client.post(
        f"/volunteers/new/{organization.pk}/",
        {"role": "係", "description": "内容", "project": str(project.pk)},
    )
    assert response.status_code == 200
    assert not organization.volunteer_requests.exists()


def test_closing_a_request_records_when(client, member, organization):
    volunteer_request = factories.make_volunteer_request(organization)
    client.force_login(member)
    client.post(
        f"/volunteers/{volunteer_request.pk}/edit/",
        {"role": "受付係", "description": "内容"},
    )
    volunteer_request.refresh_from_db()
    assert not volunteer_request.is_open
    assert volunteer_request.closed_at is not None
