"""A registered organisation named as a partner confirms its role before it is shown publicly;
plain names (a school, a PTA) need no confirmation."""

import pytest
from django.core import mail

from projects import lifecycle
from projects.models import Partner
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(organization, other_organization):
    """A public project of `organization` naming `other_organization`, not yet confirmed."""
    project = factories.make_project(lead_organization=organization, title="見守りの協働")
    partner = factories.make_partner(project, other_organization, consent="requested")
    return project, partner


def _public_places(client, project, partner_organization):
    return {
        "project page": partner_organization.name
        in client.get(f"/projects/{project.pk}/").content.decode(),
        "organisation page": project.title
        in client.get(f"/organizations/{partner_organization.pk}/").content.decode(),
        "filtered list": project.title
        in client.get("/projects/", {"organization": partner_organization.pk}).content.decode(),
        "open data": partner_organization.name
        in client.get("/opendata/projects.json").content.decode(),
    }


def test_an_unconfirmed_partner_appears_nowhere_public(client, named, other_organization):
    project, _partner = named
    assert not any(_public_places(client, project, other_organization).values())


def test_a_confirmed_partner_appears_everywhere_public(
    client, named, other_member, other_organization
):
    project, partner = named
    lifecycle.apply(project, "partner_confirm", actor=other_member, partner=partner.pk)
    partner.refresh_from_db()
    assert partner.consent == "confirmed" and partner.responded_at is not None
    assert all(_public_places(client, project, other_organization).values())


def test_a_declined_partner_stays_out_and_the_reason_is_in_the_history(
    client, named, other_member, other_organization
):
    project, partner = named
    lifecycle.apply(
        project,
        "partner_decline",
        actor=other_member,
        partner=partner.pk,
        comment="関わっていません",
    )
    assert not any(_public_places(client, project, other_organization).values())
    entry = project.transitions.get(action="partner_decline")
    assert (entry.actor, entry.comment) == (other_member, "関わっていません")


@pytest.mark.parametrize("who", ["member", "citizen", "coordinating_staff"])
def test_only_the_named_organisations_members_answer(client, named, who, request):
    project, partner = named
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/projects/{project.pk}/partners/{partner.pk}/confirm/")
    assert response.status_code == 404
    partner.refresh_from_db()
    assert partner.consent == "requested"


def test_the_partner_answers_from_mypage(client, named, other_member):
    project, partner = named
    client.force_login(other_member)
    body = client.get("/mypage/").content.decode()
    assert "協働の相手としての確認のお願い" in body and project.title in body
    response = client.post(f"/projects/{project.pk}/partners/{partner.pk}/confirm/", follow=True)
    assert "確認しました" in response.content.decode()
    partner.refresh_from_db()
    assert partner.consent == "confirmed"
    assert "協働の相手としての確認のお願い" not in client.get("/mypage/").content.decode()


def test_an_answer_is_given_once(client, named, other_member):
    project, partner = named
    client.force_login(other_member)
    client.post(f"/projects/{project.pk}/partners/{partner.pk}/decline/")
    response = client.post(f"/projects/{project.pk}/partners/{partner.pk}/confirm/", follow=True)
    assert "すでに回答されています" in response.content.decode()
    partner.refresh_from_db()
    assert partner.consent == "declined"


def test_submitting_asks_the_named_organisations_and_the_answer_is_told_to_the_lead(
    organization, other_organization, member, other_member, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization, title="一緒にやる事業")
    partner = factories.make_partner(project, other_organization, consent="requested")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit", actor=member)
    asked = [message for message in mail.outbox if other_member.email in message.to]
    assert len(asked) == 1 and "確認のお願い" in asked[0].subject
    assert "/mypage/" in asked[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "partner_confirm", actor=other_member, partner=partner.pk)
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_changing_the_named_organisation_asks_again(
    client, member, organization, other_organization, media
):
    from tests.projects.proposal_data import proposal_data

    third = factories.make_organization(name="三番目の会")
    project = factories.make_proposal(lead_organization=organization)
    partner = factories.make_partner(project, other_organization)  # confirmed
    client.force_login(member)
    data = proposal_data("cohosting", version=project.updated_at.isoformat())
    data.update(
        {
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "1",
            "partners-0-id": str(partner.pk),
            "partners-0-organization": str(third.pk),
            "partners-0-name": "",
            "partners-0-role": "会場の提供",
        }
    )
    response = client.post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    partner.refresh_from_db()
    assert (partner.organization, partner.consent) == (third, "requested")


def test_plain_names_need_no_confirmation(client):
    project = factories.make_project()
    factories.make_partner(project, name="市内小学校PTA")
    assert Partner.objects.get().consent == "not_needed"
    assert "市内小学校PTA" in client.get(f"/projects/{project.pk}/").content.decode()
