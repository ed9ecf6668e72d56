"""Applicants' personal data is on no public page, feed, calendar, open data or sitemap:
only on the applicant's own page and the organiser's and staff's list."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE, NEEDS = "個人 情報子", "private-person@example.net", "090-1234-5678", "車いす席"


@pytest.fixture
def applied(organization):
    project = factories.make_project(lead_organization=organization)
    event = factories.make_event(project, title="公開の講座")
    factories.make_signup(event, asks_phone=True, asks_accessibility=True)
    return factories.make_application(
        event, name=NAME, email=EMAIL, phone=PHONE, accessibility_needs=NEEDS
    )


def public_paths(event):
    project = event.project
    return [
        "/",
        "/events/",
        f"/events/?month={event.starts_on:%Y-%m}",
        f"/events/{event.pk}/",
        f"/events/{event.pk}/calendar.ics",
        f"/projects/{project.pk}/",
        "/projects/",
        f"/organizations/{project.lead_organization_id}/",
        "/calendar.ics",
        "/feeds/projects.atom",
        "/sitemap.xml",
        "/opendata/events.csv",
        "/opendata/projects.csv",
        "/opendata/projects.json",
        "/opendata/organizations.csv",
        "/opendata/organizations.json",
    ]


@pytest.mark.parametrize("role", ["anonymous", "citizen", "other_member"])
def test_personal_data_is_on_no_public_page(request, client, applied, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for path in public_paths(applied.event):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        for value in (NAME, EMAIL, PHONE, NEEDS, applied.cancel_token):
            assert value not in text, f"{value} on {path}"


def test_personal_data_on_the_applicants_own_page_and_the_organisers_list(client, member, applied):
    assert NAME in client.get(f"/events/signup/{applied.cancel_token}/").content.decode()
    client.force_login(member)
    page = client.get(f"/events/{applied.event_id}/applications/").content.decode()
    for value in (NAME, EMAIL, PHONE, NEEDS):
        assert value in page


def test_list_of_a_private_projects_event_answers_404(client, member, organization):
    project = factories.make_project(lead_organization=organization, status="draft")
    event = factories.make_event(project)
    client.force_login(member)
    assert client.get(f"/events/{event.pk}/applications/").status_code == 404
    assert client.get(f"/events/{event.pk}/signup/").status_code == 404
