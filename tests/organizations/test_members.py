import pytest

from organizations import services
from organizations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(organization):
    user = factories.make_user("editor@example.jp")
    Membership.objects.create(organization=organization, user=user, role="editor")
    return user


def membership(organization, user):
    return organization.memberships.get(user=user)


def test_members_page_lists_display_names_and_roles(client, member, editor, organization):
    from accounts.models import Profile

    Profile.objects.create(user=editor, display_name="へんしゅう係")
    client.force_login(member)
    content = client.get(f"/organizations/{organization.pk}/members/").content.decode()
    assert "へんしゅう係" in content
    assert "編集者" in content and "管理者" in content


def test_owner_promotes_an_editor_so_there_are_several_owners(client, member, editor, organization):
    client.force_login(member)
    target = membership(organization, editor)
    response = client.post(
        f"/organizations/{organization.pk}/members/{target.pk}/role/", {"role": "owner"}
    )
    assert response.status_code == 302
    assert organization.memberships.filter(role="owner").count() == 2


def test_the_last_owner_cannot_be_demoted(client, member, organization):
    client.force_login(member)
    own = membership(organization, member)
    response = client.post(
        f"/organizations/{organization.pk}/members/{own.pk}/role/", {"role": "editor"}, follow=True
    )
    assert "最後の管理者の役割は変更できません" in response.content.decode()
    own.refresh_from_db()
    assert own.role == "owner"


def test_an_owner_can_step_down_when_another_owner_remains(client, member, editor, organization):
    Membership.objects.filter(user=editor).update(role="owner")
    client.force_login(member)
    own = membership(organization, member)
    client.post(f"/organizations/{organization.pk}/members/{own.pk}/role/", {"role": "editor"})
    own.refresh_from_db()
    assert own.role == "editor"


def test_owner_removes_a_member(client, member, editor, organization):
    client.force_login(member)
    target = membership(organization, editor)
    response = client.post(f"/organizations/{organization.pk}/members/{target.pk}/remove/")
    assert response.status_code == 302
    assert not organization.memberships.filter(user=editor).exists()


def test_the_last_owner_cannot_be_removed_even_by_themselves(client, member, organization):
    client.force_login(member)
    own = membership(organization, member)
    response = client.post(
        f"/organizations/{organization.pk}/members/{own.pk}/remove/", follow=True
    )
    assert "最後の管理者は外せません" in response.content.decode()
    assert organization.memberships.filter(user=member).exists()


def test_an_editor_may_leave_on_their_own(client, editor, organization):
    client.force_login(editor)
    own = membership(organization, editor)
    response = client.post(f"/organizations/{organization.pk}/members/{own.pk}/remove/")
    assert response.status_code == 302
    assert response["Location"] == "/mypage/"
    assert not organization.memberships.filter(user=editor).exists()


def test_an_editor_cannot_change_roles(client, editor, organization):
    client.force_login(editor)
    own = membership(organization, editor)
    response = client.post(
        f"/organizations/{organization.pk}/members/{own.pk}/role/", {"role": "owner"}
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.role == "editor"


def test_an_unknown_role_is_refused(client, member, editor, organization):
    client.force_login(member)
    target = membership(organization, editor)
    response = client.post(
        f"/organizations/{organization.pk}/members/{target.pk}/role/",
        {"role": "superuser"},
        follow=True,
    )
    assert "役割を選び直してください" in response.content.decode()
    target.refresh_from_db()
    assert target.role == "editor"


def test_role_and_remove_accept_only_post(client, member, editor, organization):
    client.force_login(member)
    target = membership(organization, editor)
    assert (
        client.get(f"/organizations/{organization.pk}/members/{target.pk}/remove/").status_code
        == 405
    )
    assert organization.memberships.filter(user=editor).exists()


def test_service_refuses_removing_the_last_owner(member, organization):
    with pytest.raises(services.MembershipError):
        services.membership_remove(membership=membership(organization, member))
