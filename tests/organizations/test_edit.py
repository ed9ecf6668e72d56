import pytest

from organizations.models import Membership, Organization
from tests import factories
from tests.organizations import uploads
from tests.organizations.test_register import valid_data

pytestmark = pytest.mark.django_db


def edit(client, organization, **changes):
    return client.post(f"/organizations/{organization.pk}/edit/", valid_data(**changes))


def test_member_edits_the_profile(client, member, organization):
    client.force_login(member)
    page = client.get(f"/organizations/{organization.pk}/edit/")
    assert 'value="ふじみ野子ども食堂ネット"' in page.content.decode()
    response = edit(client, organization, name="ふじみ野子ども食堂ネットワーク")
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "ふじみ野子ども食堂ネットワーク"
    assert organization.status == Organization.Status.APPROVED


def test_editing_does_not_change_status_or_membership(client, member):
    organization = factories.make_organization(status=Organization.Status.PENDING, members=[member])
    client.force_login(member)
    edit(client, organization, status="approved")
    organization.refresh_from_db()
    assert organization.status == Organization.Status.PENDING


def test_editor_can_edit_too(client, organization):
    editor = factories.make_user("editor@example.jp")
    Membership.objects.create(organization=organization, user=editor, role="editor")
    client.force_login(editor)
    assert edit(client, organization, description="新しい紹介").status_code == 302
    organization.refresh_from_db()
    assert organization.description == "新しい紹介"


def test_logo_can_be_replaced_and_the_old_file_is_removed(client, member, organization):
    client.force_login(member)
    edit(client, organization, logo=uploads.png())
    organization.refresh_from_db()
    first = organization.logo.name
    assert organization.logo.storage.exists(first)
    edit(client, organization, logo=uploads.jpeg())
    organization.refresh_from_db()
    assert organization.logo.name.endswith(".jpg")
    assert not organization.logo.storage.exists(first)


def test_logo_is_kept_when_nothing_new_is_chosen(client, member, organization):
    client.force_login(member)
    edit(client, organization, logo=uploads.png())
    organization.refresh_from_db()
    name = organization.logo.name
    edit(client, organization, description="紹介だけを変更")
    organization.refresh_from_db()
    assert organization.logo.name == name


def test_logo_can_be_removed(client, member, organization):
    client.force_login(member)
    edit(client, organization, logo=uploads.png())
    organization.refresh_from_db()
    name = organization.logo.name
    page = client.get(f"/organizations/{organization.pk}/edit/").content.decode()
    assert "登録済みのロゴを削除する" in page
    edit(client, organization, logo_clear="on")
    organization.refresh_from_db()
    assert not organization.logo
    assert not organization.logo.storage.exists(name)


def test_hostile_logo_on_edit_keeps_the_old_logo(client, member, organization):
    client.force_login(member)
    edit(client, organization, logo=uploads.png())
    organization.refresh_from_db()
    name = organization.logo.name
    response = edit(client, organization, logo=uploads.decompression_bomb())
    assert response.status_code == 200
    assert "画像の大きさ(縦横のピクセル数)が大きすぎます" in response.content.decode()
    organization.refresh_from_db()
    assert organization.logo.name == name
