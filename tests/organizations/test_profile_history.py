"""Members keep their organisation's profile: every change is in its history, a change of an
approved organisation's public identity is told to 協働推進課, and a stale save is refused."""

import pytest
from django.core import mail

from organizations.models import OrganizationTransition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def profile_as_registered(organization):
    """The organisation as its own registration form would have saved it."""
    organization.name_kana = "テストダンタイ"
    organization.representative_name = "代表 太郎"
    organization.representative_phone = "049-000-0000"
    organization.save()
    organization.fields.set([1])


def _data(organization, **changes):
    data = {
        "kind": organization.kind,
        "name": organization.name,
        "name_kana": "テストダンタイ",
        "fields": [1],
        "area": organization.area_id,
        "description": organization.description,
        "representative_name": "代表 太郎",
        "representative_phone": "049-000-0000",
        "version": organization.updated_at.isoformat(),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "新しい団体名"),
        ("public_url", "https://new.example.jp/"),
        ("representative_name", "新しい代表者"),
    ],
)
def test_identity_change_of_an_approved_organisation_is_recorded_and_told_to_the_city(
    client,
    member,
    organization,
    coordinating_staff,
    django_capture_on_commit_callbacks,
    field,
    value,
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organizations/{organization.pk}/edit/", _data(organization, **{field: value})
        )
    assert response.status_code == 302
    entry = OrganizationTransition.objects.get(organization=organization)
    assert (entry.action, entry.actor, entry.visibility) == ("change_identity", member, "parties")
    assert [change["field"] for change in entry.changes] == [field]
    assert [message.to for message in mail.outbox][0] and coordinating_staff.email in mail.outbox[
        0
    ].to
    assert value in mail.outbox[0].body
    staff_page = client.get(f"/staff/organizations/{organization.pk}/")
    assert staff_page.status_code == 403  # the member cannot see the desk
    client.force_login(coordinating_staff)
    assert value in client.get(f"/staff/organizations/{organization.pk}/").content.decode()


def test_other_changes_are_recorded_without_a_mail(
    client, member, organization, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organizations/{organization.pk}/edit/",
            _data(organization, description="活動の紹介を書き直しました。"),
        )
    entry = OrganizationTransition.objects.get(organization=organization)
    assert entry.action == "update_profile"
    changed = {change["field"]: change["new"] for change in entry.changes}
    assert changed["description"] == "活動の紹介を書き直しました。"
    assert "name" not in changed
    assert mail.outbox == []


def test_a_pending_organisations_name_change_is_recorded_but_not_announced(
    client, member, django_capture_on_commit_callbacks
):
    pending = factories.make_organization(
        status="pending",
        members=[member],
        name_kana="テストダンタイ",
        representative_name="代表 太郎",
        representative_phone="049-000-0000",
    )
    pending.fields.set([1])
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organizations/{pending.pk}/edit/", _data(pending, name="改名した会"))
    entry = OrganizationTransition.objects.get(organization=pending)
    assert entry.action == "update_profile"
    assert [change["field"] for change in entry.changes] == ["name"]
    assert mail.outbox == []


def test_saving_over_a_newer_save_is_refused_and_keeps_what_was_typed(client, member, organization):
    client.force_login(member)
    stale = _data(organization, description="古い画面からの入力")
    organization.description = "別のメンバーが先に保存"
    organization.save()
    response = client.post(f"/organizations/{organization.pk}/edit/", stale)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ほかの人が内容を更新しました" in body
    assert "古い画面からの入力" in body
    organization.refresh_from_db()
    assert organization.description == "別のメンバーが先に保存"
    assert not OrganizationTransition.objects.exists()
