"""A page that creates something, posted twice (a double click, a reload), creates it once and
sends the second post to what the first made — also when both arrive at the same moment."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from organizations.models import Invitation, Organization
from portal.models import FormSubmission
from projects.models import Project
from tests import factories
from tests.organizations.test_register import REGISTER_URL, valid_data
from tests.projects.proposal_data import proposal_data
from tests.staff.test_project_edit import _data as staff_project_data

pytestmark = pytest.mark.django_db

CREATE_PROPOSAL = reverse("projects:proposal_create") + "?form=cohosting"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_the_same_proposal_page_posted_twice_makes_one_draft(client, member, organization, media):
    client.force_login(member)
    data = proposal_data("cohosting", organization, once="a" * 32)
    first = client.post(CREATE_PROPOSAL, data)
    second = client.post(CREATE_PROPOSAL, data, follow=True)
    project = Project.objects.get()
    assert first["Location"] == f"/projects/{project.pk}/edit/"
    assert second.redirect_chain[-1][0] == f"/projects/{project.pk}/edit/"
    assert "すでに受け付けています" in second.content.decode()


def test_two_pages_make_two_drafts(client, member, organization, media):
    client.force_login(member)
    client.post(CREATE_PROPOSAL, proposal_data("cohosting", organization, once="a" * 32))
    client.post(CREATE_PROPOSAL, proposal_data("cohosting", organization, once="b" * 32))
    assert Project.objects.count() == 2


def test_the_key_belongs_to_the_person_who_posted_it(client, member, organization, media):
    other = factories.make_user("colleague@example.jp")
    organization.memberships.create(user=other, role="editor")
    data = proposal_data("cohosting", organization, once="c" * 32)
    client.force_login(member)
    client.post(CREATE_PROPOSAL, data)
    client.force_login(other)
    client.post(CREATE_PROPOSAL, data)
    assert Project.objects.count() == 2


def test_a_registration_posted_twice_registers_one_organisation(client, citizen):
    client.force_login(citizen)
    data = valid_data(once="d" * 32)
    client.post(REGISTER_URL, data)
    response = client.post(REGISTER_URL, data, follow=True)
    assert Organization.objects.filter(name=data["name"]).count() == 1
    assert "すでに受け付けています" in response.content.decode()


def test_a_staff_project_posted_twice_is_registered_once(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    data = staff_project_data(organization, once="e" * 32)
    client.post("/staff/projects/new/", data)
    client.post("/staff/projects/new/", data)
    assert Project.objects.count() == 1


def test_an_invitation_posted_twice_sends_one_mail(
    client, member, organization, django_capture_on_commit_callbacks
):
    client.force_login(member)
    data = {"email": "new@example.jp", "role": "editor", "once": "f" * 32}
    url = f"/organizations/{organization.pk}/members/invite/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    assert Invitation.objects.filter(email="new@example.jp").count() == 1
    assert len(mail.outbox) == 1


def test_a_post_without_a_key_still_works(client, member, organization, media):
    client.force_login(member)
    data = proposal_data("cohosting", organization)
    assert client.post(CREATE_PROPOSAL, data).status_code == 302
    assert not FormSubmission.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_posts_of_one_page_at_the_same_moment_make_one_draft(member, organization, settings):
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = "/tmp/kyodo-once-test"
    data = proposal_data("cohosting", organization, once="g" * 32)
    barrier = threading.Barrier(2)
    answers = []

    def post():
        client = Client()
        client.force_login(member)
        barrier.wait(timeout=10)
        try:
            answers.append(client.post(CREATE_PROPOSAL, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert answers == [302, 302]
    assert Project.objects.filter(lead_organization=organization).count() == 1
