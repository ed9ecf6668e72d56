"""Who may see and change a proposal: the lead organisation's members (and the city staff
concerned, who see it). Everyone else gets 404 for a proposal, a login page for creating
one without an account, and cannot act for an organisation they do not belong to."""

import pytest
from django.urls import reverse

from projects.models import Project
from tests import factories
from tests.projects.proposal_data import proposal_data

pytestmark = pytest.mark.django_db

OUTSIDERS = ["anonymous", "citizen", "other_member"]


@pytest.fixture(params=["draft", "submitted"])
def proposal(request, organization, other_organization):
    return factories.make_project(
        lead_organization=organization, status=request.param, form="cohosting"
    )


def sign_in(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize(
    "url_name", ["projects:proposal_detail", "projects:proposal_edit", "projects:detail"]
)
def test_outsiders_cannot_see_a_proposal(client, request, who, url_name, proposal):
    sign_in(client, request, who)
    response = client.get(reverse(url_name, args=[proposal.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_change_a_proposal(client, request, who, proposal, media):
    sign_in(client, request, who)
    title, status = proposal.title, proposal.status
    data = proposal_data("cohosting", title="乗っ取り", action="submit")
    responses = [
        client.post(reverse("projects:proposal_edit", args=[proposal.pk]), data),
        client.post(reverse("projects:proposal_submit", args=[proposal.pk])),
        client.get(reverse("projects:proposal_review", args=[proposal.pk])),
        client.post(reverse("projects:proposal_review", args=[proposal.pk])),
        client.post(reverse("projects:proposal_withdraw", args=[proposal.pk])),
        client.get(reverse("projects:proposal_withdraw", args=[proposal.pk])),
    ]
    assert [response.status_code for response in responses] == [404] * 6
    proposal.refresh_from_db()
    assert (proposal.title, proposal.status) == (title, status)
    assert not proposal.transitions.exists()


def test_anonymous_visitor_is_sent_to_login_to_create(client):
    response = client.get(reverse("projects:proposal_create") + "?form=patronage")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("projects:proposal_create") + "?form=patronage", {})
    assert response.status_code == 302
    assert not Project.objects.exists()


def test_plain_signed_in_user_is_told_how_to_become_able_to_propose(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("projects:proposal_create"))
    assert response.status_code == 200
    assert "承認を受けた団体のメンバー" in response.content.decode()


def test_plain_signed_in_user_cannot_create_a_proposal(client, citizen, organization, media):
    client.force_login(citizen)
    data = proposal_data("cohosting", organization)
    response = client.post(reverse("projects:proposal_create") + "?form=cohosting", data)
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_tampered_organisation_id_is_refused(
    client, member, organization, other_organization, media
):
    client.force_login(member)
    data = proposal_data("cohosting", other_organization)
    response = client.post(reverse("projects:proposal_create") + "?form=cohosting", data)
    assert response.status_code == 200
    assert "選んだ団体では提案できません" in response.content.decode()
    assert not Project.objects.exists()


def test_pending_organisation_of_the_member_is_refused_too(client, member, organization, media):
    pending = factories.make_organization(status="pending", members=[member])
    client.force_login(member)
    data = proposal_data("cohosting", pending)
    client.post(reverse("projects:proposal_create") + "?form=cohosting", data)
    assert not Project.objects.exists()


def test_member_sees_own_proposal_and_staff_see_it_read_only(
    client, member, coordinating_staff, proposal
):
    client.force_login(member)
    assert client.get(reverse("projects:proposal_detail", args=[proposal.pk])).status_code == 200
    client.force_login(coordinating_staff)
    assert client.get(reverse("projects:proposal_detail", args=[proposal.pk])).status_code == 200
    assert client.get(reverse("projects:proposal_edit", args=[proposal.pk])).status_code == 404


def test_member_of_another_organisation_cannot_add_rows_to_a_proposal_by_id(
    client, other_member, organization, media
):
    """A formset row id from someone else's proposal neither changes nor moves that row."""
    victim = factories.make_project(lead_organization=organization, status="draft")
    partner = factories.make_partner(victim, name="元の相手")
    own = factories.make_project(
        lead_organization=factories.make_organization(members=[other_member]), status="draft"
    )
    client.force_login(other_member)
    data = proposal_data("cohosting")
    data.update(
        {
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "1",
            "partners-0-id": str(partner.pk),
            "partners-0-name": "書き換え",
        }
    )
    client.post(reverse("projects:proposal_edit", args=[own.pk]), data)
    partner.refresh_from_db()
    assert (partner.project_id, partner.name) == (victim.pk, "元の相手")
    assert not own.partners.exists()
