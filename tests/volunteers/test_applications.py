"""Applying (signed in, once per person and request), the answers (members only), the mails
after the commit, personal data on no public path, and the purge."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from volunteers.models import VolunteerApplication

pytestmark = pytest.mark.django_db

NAME, EMAIL, MESSAGE = "個人 情報子", "private-person@example.net", "秘密のメッセージです"


@pytest.fixture
def volunteer_request(organization):
    return factories.make_volunteer_request(organization, role="受付係")


def test_applying_needs_login(client, volunteer_request):
    page = client.get(f"/volunteers/{volunteer_request.pk}/").content.decode()
    assert "ログインして応募する" in page
    response = client.post(f"/volunteers/{volunteer_request.pk}/", {"message": "参加します"})
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not VolunteerApplication.objects.exists()


def test_a_citizen_applies_and_the_members_are_told(
    client, citizen, member, volunteer_request, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/volunteers/{volunteer_request.pk}/", {"message": "参加します"})
    assert response.status_code == 302
    application = VolunteerApplication.objects.get()
    assert application.user == citizen and application.email == citizen.email
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "受付係" in mail.outbox[0].subject


def test_one_application_per_person_and_request(client, citizen, volunteer_request):
    client.force_login(citizen)
    client.post(f"/volunteers/{volunteer_request.pk}/", {"message": "参加します"})
    client.post(f"/volunteers/{volunteer_request.pk}/", {"message": "もう一度"})
    assert VolunteerApplication.objects.count() == 1


def test_a_closed_request_takes_no_application(client, citizen, organization):
    closed = factories.make_volunteer_request(organization, is_open=False)
    client.force_login(citizen)
    client.post(f"/volunteers/{closed.pk}/", {"message": "参加します"})
    assert not VolunteerApplication.objects.exists()


@pytest.mark.parametrize("decision,status", [("accept", "accepted"), ("decline", "declined")])
def test_members_answer_and_the_applicant_is_told(
    client,
    citizen,
    member,
    volunteer_request,
    decision,
    status,
    django_capture_on_commit_callbacks,
):
    application = factories.make_volunteer_application(volunteer_request, citizen)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/volunteers/applications/{application.pk}/answer/",
            {"decision": decision, "answer": "よろしくお願いします"},
        )
    application.refresh_from_db()
    assert application.status == status
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert "よろしくお願いします" in mail.outbox[0].body
    client.force_login(citizen)
    page = client.get("/mypage/").content.decode()
    assert application.get_status_display() in page


@pytest.mark.parametrize("role", ["citizen", "other_member"])
def test_only_members_answer(client, request, citizen, volunteer_request, role):
    application = factories.make_volunteer_application(volunteer_request, citizen)
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        f"/volunteers/applications/{application.pk}/answer/", {"decision": "accept"}
    )
    assert response.status_code == 403
    assert client.get(f"/volunteers/{volunteer_request.pk}/applications/").status_code == 403
    application.refresh_from_db()
    assert application.status == "applied"


def test_members_and_coordinating_staff_read_the_applications(
    client, citizen, member, coordinating_staff, volunteer_request
):
    factories.make_volunteer_application(
        volunteer_request, citizen, name=NAME, email=EMAIL, message=MESSAGE
    )
    for user in (member, coordinating_staff):
        client.force_login(user)
        page = client.get(f"/volunteers/{volunteer_request.pk}/applications/").content.decode()
        assert NAME in page and EMAIL in page and MESSAGE in page


def test_personal_data_on_no_public_path(client, citizen, organization):
    project = factories.make_project(lead_organization=organization)
    volunteer_request = factories.make_volunteer_request(organization, project=project)
    factories.make_volunteer_application(
        volunteer_request, citizen, name=NAME, email=EMAIL, message=MESSAGE, answer="回答の秘密"
    )
    paths = [
        "/",
        "/volunteers/",
        f"/volunteers/{volunteer_request.pk}/",
        f"/projects/{project.pk}/",
        f"/organizations/{organization.pk}/",
        "/projects/",
        "/calendar.ics",
        "/feeds/projects.atom",
        "/sitemap.xml",
        "/opendata/events.csv",
        "/opendata/projects.csv",
        "/opendata/projects.json",
        "/opendata/organizations.csv",
    ]
    other = factories.make_user("someone@example.jp")
    for user in (None, other):
        if user:
            client.force_login(user)
        for path in paths:
            response = client.get(path)
            body = b"".join(response) if response.streaming else response.content
            body = body.decode("utf-8-sig")
            for secret in (NAME, EMAIL, MESSAGE, "回答の秘密"):
                assert secret not in body, (path, secret)


def test_purge_deletes_answered_applications_of_long_closed_requests(
    citizen, other_member, organization, settings
):
    settings.EVENT_APPLICATION_RETENTION_DAYS = 90
    long_ago = timezone.now() - datetime.timedelta(days=91)
    old = factories.make_volunteer_request(organization, is_open=False, closed_at=long_ago)
    recent = factories.make_volunteer_request(
        organization, is_open=False, closed_at=timezone.now() - datetime.timedelta(days=10)
    )
    still_open = factories.make_volunteer_request(organization)
    answered = factories.make_volunteer_application(old, citizen, status="accepted")
    unanswered = factories.make_volunteer_application(old, other_member)
    kept = [
        factories.make_volunteer_application(recent, citizen, status="declined"),
        factories.make_volunteer_application(still_open, citizen, status="accepted"),
        unanswered,
    ]
    call_command("purge_volunteer_applications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not VolunteerApplication.objects.filter(pk=answered.pk).exists()
    assert set(VolunteerApplication.objects.values_list("pk", flat=True)) == {a.pk for a in kept}


def test_an_application_is_answered_once(client, citizen, member, volunteer_request):
    application = factories.make_volunteer_application(volunteer_request, citizen)
    client.force_login(member)
    path = f"/volunteers/applications/{application.pk}/answer/"
    client.post(path, {"decision": "accept"})
    client.post(path, {"decision": "decline"})
    application.refresh_from_db()
    assert application.status == "accepted"


def test_the_volunteer_pages_read_in_english(client, volunteer_request, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/volunteers/").content.decode()
    assert "Volunteers wanted" in page
    assert "ボランティア・担い手募集" not in page
    detail = client.get(f"/volunteers/{volunteer_request.pk}/").content.decode()
    assert "Log in to apply" in detail
