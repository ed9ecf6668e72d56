"""Who may see and change an organisation's management pages and private contact."""

import pytest

from organizations import permissions
from organizations.models import Membership, Organization
from tests import factories

pytestmark = pytest.mark.django_db


def manage_urls(organization, membership=None):
    membership = membership or organization.memberships.first()
    pk = organization.pk
    return {
        "get": [f"/organizations/{pk}/edit/", f"/organizations/{pk}/members/"],
        "post": [
            f"/organizations/{pk}/edit/",
            f"/organizations/{pk}/members/invite/",
            f"/organizations/{pk}/members/{membership.pk}/role/",
            f"/organizations/{pk}/members/{membership.pk}/remove/",
        ],
    }


@pytest.fixture
def pending_organization(member):
    return factories.make_organization(
        name="承認待ちの会",
        status=Organization.Status.PENDING,
        members=[member],
        representative_phone="090-1111-2222",
    )


def test_anonymous_visitor_is_sent_to_login_for_every_management_page(client, organization):
    urls = manage_urls(organization)
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for url in urls["post"]:
        response = client.post(url, {"role": "owner", "email": "x@example.jp"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert Membership.objects.filter(organization=organization).count() == 1


def test_anonymous_redirect_does_not_reveal_whether_an_organization_exists(client):
    assert client.get("/organizations/999999/edit/").status_code == 302


def test_plain_user_gets_403_on_an_approved_organizations_management_pages(
    client, citizen, organization
):
    client.force_login(citizen)
    urls = manage_urls(organization)
    for url in urls["get"]:
        assert client.get(url).status_code == 403, url
    for url in urls["post"]:
        assert client.post(url, {"role": "editor", "name": "乗っ取り"}).status_code == 403, url
    organization.refresh_from_db()
    assert organization.name == "ふじみ野子ども食堂ネット"
    assert organization.memberships.get().role == Membership.Role.OWNER


def test_member_of_another_organization_cannot_see_or_change_this_one(
    client, other_member, organization
):
    client.force_login(other_member)
    for url in manage_urls(organization)["get"]:
        assert client.get(url).status_code == 403
    response = client.post(
        f"/organizations/{organization.pk}/members/invite/",
        {"email": "friend@example.jp", "role": "owner"},
    )
    assert response.status_code == 403
    assert not organization.invitations.exists()


def test_pending_organization_answers_404_to_outsiders_not_403(
    client, citizen, other_member, pending_organization
):
    for user in (citizen, other_member):
        client.force_login(user)
        for url in manage_urls(pending_organization)["get"]:
            assert client.get(url).status_code == 404, url


def test_private_contact_is_shown_to_members_only(
    client, citizen, other_member, member, pending_organization
):
    pending_organization.status = Organization.Status.APPROVED
    pending_organization.save()
    url = f"/organizations/{pending_organization.pk}/"
    client.force_login(member)
    assert "090-1111-2222" in client.get(url).content.decode()
    assert "090-1111-2222" in client.get(f"{url}edit/").content.decode()
    for user in (citizen, other_member):
        client.force_login(user)
        assert "090-1111-2222" not in client.get(url).content.decode()
    client.logout()
    assert "090-1111-2222" not in client.get(url).content.decode()


def test_coordinating_staff_see_private_contact_but_do_not_edit(
    client, coordinating_staff, pending_organization
):
    client.force_login(coordinating_staff)
    content = client.get(f"/organizations/{pending_organization.pk}/").content.decode()
    assert "090-1111-2222" in content
    assert client.get(f"/organizations/{pending_organization.pk}/edit/").status_code == 403


def test_editor_may_edit_the_profile_but_not_manage_members(client, organization):
    editor = factories.make_user("editor@example.jp")
    Membership.objects.create(organization=organization, user=editor, role="editor")
    client.force_login(editor)
    assert client.get(f"/organizations/{organization.pk}/edit/").status_code == 200
    members_page = client.get(f"/organizations/{organization.pk}/members/")
    assert members_page.status_code == 200
    assert "メンバーを招待する" not in members_page.content.decode()
    owner_membership = organization.memberships.get(role="owner")
    assert (
        client.post(
            f"/organizations/{organization.pk}/members/{owner_membership.pk}/remove/"
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/organizations/{organization.pk}/members/invite/",
            {"email": "friend@example.jp", "role": "editor"},
        ).status_code
        == 403
    )


def test_membership_of_another_organization_cannot_be_reached_through_this_one(
    client, member, organization, other_organization
):
    client.force_login(member)
    foreign = other_organization.memberships.get()
    response = client.post(f"/organizations/{organization.pk}/members/{foreign.pk}/remove/")
    assert response.status_code == 404
    assert other_organization.memberships.filter(pk=foreign.pk).exists()


def test_predicates(member, other_member, citizen, organization):
    assert permissions.can_edit_organization(member, organization)
    assert permissions.can_manage_members(member, organization)
    assert not permissions.can_edit_organization(other_member, organization)
    assert not permissions.can_manage_members(citizen, organization)
    member.is_active = False
    assert not permissions.can_edit_organization(member, organization)
