"""Organisation review: approve, reject with a reason, suspend; recorded and shown."""

import pytest

from organizations.models import OrganizationTransition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(member):
    return factories.make_organization(
        status="pending",
        name="新しい子育ての会",
        members=[member],
        representative_phone="049-000-0000",
    )


def test_review_page_shows_private_data_and_members(client, coordinating_staff, pending, member):
    client.force_login(coordinating_staff)
    response = client.get(f"/staff/organizations/{pending.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "049-000-0000" in body
    assert member.email in body
    assert [offer.code for offer in response.context["offers"]] == ["approve", "reject"]


def test_approving_lists_the_organisation_and_records_who(client, coordinating_staff, pending):
    client.force_login(coordinating_staff)
    client.post(f"/staff/organizations/{pending.pk}/actions/approve/")
    pending.refresh_from_db()
    assert pending.status == "approved"
    assert pending.approved_at is not None
    entry = OrganizationTransition.objects.get(organization=pending)
    assert (entry.action, entry.actor) == ("approve", coordinating_staff)
    assert (entry.from_status, entry.to_status) == ("pending", "approved")
    assert client.get(f"/organizations/{pending.pk}/").status_code == 200


def test_rejection_needs_a_reason(client, coordinating_staff, pending):
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/organizations/{pending.pk}/actions/reject/", {"comment": ""}, follow=True
    )
    assert "「不承認の理由」を入力してください。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_rejection_keeps_the_organisation_and_the_reason(client, coordinating_staff, pending):
    client.force_login(coordinating_staff)
    client.post(
        f"/staff/organizations/{pending.pk}/actions/reject/",
        {"comment": "市外の団体のため", "confirmed": "1"},
    )
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert OrganizationTransition.objects.get(organization=pending).comment == "市外の団体のため"
    body = client.get(f"/staff/organizations/{pending.pk}/").content.decode()
    assert "市外の団体のため" in body


def test_suspending_hides_the_organisation_and_its_projects(
    client, coordinating_staff, organization
):
    project = factories.make_project(lead_organization=organization)
    client.force_login(coordinating_staff)
    client.post(
        f"/staff/organizations/{organization.pk}/actions/suspend/",
        {"comment": "規約違反の確認中", "confirmed": "1"},
    )
    organization.refresh_from_db()
    assert organization.status == "suspended"
    client.logout()
    assert client.get(f"/organizations/{organization.pk}/").status_code == 404
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_suspended_organisation_can_be_approved_again(client, coordinating_staff):
    organization = factories.make_organization(status="suspended")
    client.force_login(coordinating_staff)
    client.post(f"/staff/organizations/{organization.pk}/actions/approve/")
    organization.refresh_from_db()
    assert organization.status == "approved"


def test_approving_twice_tells_the_second_click_what_happened(client, coordinating_staff, pending):
    client.force_login(coordinating_staff)
    client.post(f"/staff/organizations/{pending.pk}/actions/approve/")
    response = client.post(f"/staff/organizations/{pending.pk}/actions/approve/", follow=True)
    assert "現在「承認済み」のため" in response.content.decode()
    assert OrganizationTransition.objects.filter(organization=pending).count() == 1


@pytest.mark.parametrize("role", ["member", "citizen", "department_staff"])
def test_only_coordinating_staff_review_organisations(client, pending, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(f"/staff/organizations/{pending.pk}/").status_code == 403
    assert client.post(f"/staff/organizations/{pending.pk}/actions/approve/").status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_staff_edit_of_an_organisation_is_recorded_field_by_field(
    client, coordinating_staff, organization
):
    client.force_login(coordinating_staff)
    data = {
        "name": organization.name,
        "name_kana": organization.name_kana,
        "kind": organization.kind,
        "area": organization.area_id,
        "description": organization.description,
        "representative_phone": "049-111-2222",
    }
    response = client.post(f"/staff/organizations/{organization.pk}/edit/", data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.representative_phone == "049-111-2222"
    assert organization.status == "approved"
    entry = OrganizationTransition.objects.get(organization=organization, action="edit")
    assert entry.actor == coordinating_staff
    assert entry.changes == [
        {
            "field": "representative_phone",
            "label": "代表者の電話番号",
            "old": "",
            "new": "049-111-2222",
        }
    ]
    assert entry.visibility == "staff"
    body = client.get(f"/staff/organizations/{organization.pk}/").content.decode()
    assert "049-111-2222" in body and "代表者の電話番号" in body


def test_organisation_edit_with_errors_keeps_the_input(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/organizations/{organization.pk}/edit/",
        {"name": "", "name_kana": "カナ", "kind": organization.kind, "public_email": "not-mail"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "入力内容を確認してください" in body
    assert "not-mail" in body
    assert not OrganizationTransition.objects.exists()


@pytest.mark.parametrize(("year", "message"), [("1867", "1868 以上"), ("3000", "以下")])
def test_staff_cannot_enter_a_founding_year_before_meiji_or_after_this_year(
    client, coordinating_staff, organization, year, message
):
    client.force_login(coordinating_staff)
    data = {
        "name": organization.name,
        "name_kana": organization.name_kana,
        "kind": organization.kind,
        "founded_year": year,
    }
    response = client.post(f"/staff/organizations/{organization.pk}/edit/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    organization.refresh_from_db()
    assert organization.founded_year is None


def test_department_staff_cannot_edit_organisations(client, department_staff, organization):
    client.force_login(department_staff)
    assert client.get(f"/staff/organizations/{organization.pk}/edit/").status_code == 403


def test_organisation_save_over_a_newer_save_is_refused(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    version = (
        client.get(f"/staff/organizations/{organization.pk}/edit/")
        .context["form"]["version"]
        .value()
    )
    organization.description = "別の職員が更新"
    organization.save()
    response = client.post(
        f"/staff/organizations/{organization.pk}/edit/",
        {
            "name": organization.name,
            "name_kana": organization.name_kana,
            "kind": organization.kind,
            "description": "私の更新",
            "version": version,
        },
    )
    assert "他の職員がこの間に内容を更新しました" in response.content.decode()
    organization.refresh_from_db()
    assert organization.description == "別の職員が更新"
