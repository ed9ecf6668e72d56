"""The 403 page says who may use what was refused, not one sentence for every page."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def _refusal(response):
    assert response.status_code == 403
    return response.content.decode()


def test_the_desk_refused_to_a_member_says_it_is_for_city_staff(client, member):
    client.force_login(member)
    content = _refusal(client.get("/staff/"))
    assert "職員デスクは、市の職員(協働推進課と各担当課の職員)だけが使えます。" in content
    assert "団体のメンバーまたは管理者だけ" not in content


def test_pages_of_the_coordinating_department_say_so(client, department_staff):
    client.force_login(department_staff)
    content = _refusal(client.get("/staff/organizations/"))
    assert "協働推進課の職員だけが使えます" in content


def test_a_project_file_of_another_department_names_who_may_see_it(client, department_staff):
    project = factories.make_project(status="submitted")
    client.force_login(department_staff)
    content = _refusal(client.get(f"/staff/projects/{project.pk}/"))
    assert "この事業を担当する課の職員だけが見られます" in content


def test_editing_an_organisation_is_for_its_members(client, citizen, organization):
    client.force_login(citizen)
    content = _refusal(client.get(f"/organizations/{organization.pk}/edit/"))
    assert "この団体のメンバーだけが編集できます" in content


def test_managing_members_is_for_its_managers(client, organization):
    editor = factories.make_user("editor@example.jp")
    organization.memberships.create(user=editor, role="editor")
    client.force_login(editor)
    content = _refusal(
        client.post(
            f"/organizations/{organization.pk}/members/invite/",
            {"email": "new@example.jp", "role": "editor"},
        )
    )
    assert "「管理者」のメンバーだけが行えます" in content


def test_the_report_page_names_who_may_use_it(client, citizen, organization):
    project = factories.make_project(lead_organization=organization)
    client.force_login(citizen)
    content = _refusal(client.get(f"/projects/{project.pk}/report/"))
    assert "主催団体のメンバーと、協働推進課・この事業の担当課の職員だけが使えます" in content


def test_the_city_side_evaluation_names_who_enters_it(client, department_staff):
    project = factories.make_project(status="completed")  # no 担当課: 協働推進課 evaluates
    client.force_login(department_staff)
    content = _refusal(client.get(f"/staff/projects/{project.pk}/evaluation/"))
    assert "この事業を担当する課と協働推進課の職員が入力します" in content
