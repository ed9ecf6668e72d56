"""Staff create projects for any organisation and edit them; every edit is audited."""

import pytest

from projects.models import Project, Transition
from tests import factories

pytestmark = pytest.mark.django_db


def _data(organization, **changes):
    data = {
        "title": "市が始める防災協働事業",
        "summary": "自主防災組織と市が訓練を行います。",
        "form": "cooperation",
        "lead_organization": organization.pk,
        "fiscal_year": "2026",
        "starts_on_0": "2026",
        "starts_on_1": "4",
        "starts_on_2": "1",
        "ends_on_0": "2027",
        "ends_on_1": "3",
        "ends_on_2": "31",
        # The partners and events of the edit page, left as they are.
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_staff_create_a_draft_for_any_organisation(client, coordinating_staff, other_organization):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _data(other_organization))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/projects/{project.pk}/"
    assert project.lead_organization == other_organization
    assert project.status == "draft"
    assert project.starts_on.isoformat() == "2026-04-01"
    entry = Transition.objects.get(project=project)
    assert (entry.action, entry.visibility) == ("create", "staff")
    assert {
        "field": "title",
        "label": "事業名",
        "old": "",
        "new": "市が始める防災協働事業",
    } in entry.changes


def test_staff_create_and_publish_at_once(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    client.post("/staff/projects/new/", _data(organization, publish="on"))
    project = Project.objects.get()
    assert project.status == "published"
    assert list(project.transitions.values_list("action", flat=True)) == ["create", "publish"]
    assert project.is_public


def test_bad_date_is_a_clear_message_and_keeps_what_was_typed(
    client, coordinating_staff, organization
):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _data(organization, starts_on_1="13"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "月は1から12までの数字で入力してください。" in body
    assert "市が始める防災協働事業" in body
    assert not Project.objects.exists()


def test_fiscal_year_typed_in_wareki_is_understood(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _data(organization, fiscal_year="R8"))
    assert response.status_code == 302
    assert Project.objects.get().fiscal_year == 2026


def test_fiscal_year_is_chosen_from_a_list_of_reiwa_years(client, coordinating_staff):
    client.force_login(coordinating_staff)
    body = client.get("/staff/projects/new/").content.decode()
    assert '<select name="fiscal_year"' in body
    assert "令和8年度(2026年度)" in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_on_0": "1900"}, "年は2000年から2100年までの範囲で入力してください。"),
        ({"ends_on_0": "20255"}, "年は西暦の4桁で入力してください"),
        ({"fiscal_year": "1999"}, "年度は2000年度から2100年度までの範囲で選んでください。"),
    ],
)
def test_dates_and_years_outside_the_range_are_refused(
    client, coordinating_staff, organization, changes, message
):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _data(organization, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_end_before_start_is_refused(client, coordinating_staff, organization):
    client.force_login(coordinating_staff)
    response = client.post("/staff/projects/new/", _data(organization, ends_on_0="2025"))
    assert "終了日は開始日と同じか" in response.content.decode()


def test_edit_records_each_changed_field_old_and_new(client, coordinating_staff, organization):
    department = factories.make_department()
    coordinator = factories.make_user("tanto@example.jp")
    department.staff.add(coordinator)
    project = factories.make_project(lead_organization=organization, title="旧い名前")
    client.force_login(coordinating_staff)
    data = _data(
        organization,
        title="新しい名前",
        form=project.form,
        fiscal_year="2025",
        starts_on_0="2025",
        starts_on_1="6",
        starts_on_2="1",
        ends_on_0="2026",
        ends_on_1="2",
        ends_on_2="28",
        summary=project.summary,
        department=department.pk,
        coordinator=coordinator.pk,
        fields=list(project.fields.values_list("pk", flat=True)),
        area=project.area_id,
    )
    response = client.post(f"/staff/projects/{project.pk}/edit/", data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.department, project.coordinator) == (
        "新しい名前",
        department,
        coordinator,
    )
    entry = Transition.objects.get(project=project, action="edit")
    assert entry.actor == coordinating_staff
    changed = {change["field"]: (change["old"], change["new"]) for change in entry.changes}
    assert changed["title"] == ("旧い名前", "新しい名前")
    assert changed["department"] == ("", "生涯学習課")
    assert set(changed) == {"title", "department", "coordinator"}
    body = client.get(f"/staff/projects/{project.pk}/").content.decode()
    assert "旧い名前" in body and "新しい名前" in body


def test_saving_without_changes_records_nothing(client, coordinating_staff, organization):
    project = factories.make_project(lead_organization=organization)
    client.force_login(coordinating_staff)
    client.post(
        f"/staff/projects/{project.pk}/edit/",
        _data(
            organization,
            title=project.title,
            summary=project.summary,
            form=project.form,
            fiscal_year="2025",
            starts_on_0="2025",
            starts_on_1="6",
            starts_on_2="1",
            ends_on_0="2026",
            ends_on_1="2",
            ends_on_2="28",
            fields=list(project.fields.values_list("pk", flat=True)),
            area=project.area_id,
        ),
    )
    assert not Transition.objects.filter(project=project, action="edit").exists()


def test_edit_never_changes_the_state(client, coordinating_staff, organization):
    project = factories.make_project(lead_organization=organization, status="submitted")
    client.force_login(coordinating_staff)
    client.post(
        f"/staff/projects/{project.pk}/edit/",
        _data(organization, status="published", form=project.form),
    )
    project.refresh_from_db()
    assert project.status == "submitted"


@pytest.mark.parametrize("role", ["department_staff", "member"])
def test_only_coordinating_staff_create_and_edit(client, organization, role, request):
    project = factories.make_project(
        lead_organization=organization, department=factories.make_department()
    )
    client.force_login(request.getfixturevalue(role))
    assert client.get("/staff/projects/new/").status_code == 403
    assert client.get(f"/staff/projects/{project.pk}/edit/").status_code == 403


def test_a_save_over_a_newer_save_is_refused_and_keeps_the_input(
    client, coordinating_staff, organization
):
    project = factories.make_project(lead_organization=organization, title="元の名前")
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{project.pk}/edit/")
    version = page.context["form"]["version"].value()
    assert version
    # Meanwhile another member of staff saves.
    Project.objects.filter(pk=project.pk).update(title="他の職員の名前")
    project.refresh_from_db()
    project.save(update_fields=["updated_at"])
    data = _data(
        organization,
        title="私の名前",
        form=project.form,
        fiscal_year="2025",
        summary=project.summary,
        version=version,
        area=project.area_id,
    )
    response = client.post(f"/staff/projects/{project.pk}/edit/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "他の職員がこの間に内容を更新しました" in body
    assert "私の名前" in body
    project.refresh_from_db()
    assert project.title == "他の職員の名前"
    assert not Transition.objects.filter(project=project, action="edit").exists()


def test_a_save_with_the_current_version_goes_through(client, coordinating_staff, organization):
    project = factories.make_project(lead_organization=organization)
    client.force_login(coordinating_staff)
    version = client.get(f"/staff/projects/{project.pk}/edit/").context["form"]["version"].value()
    data = _data(
        organization,
        title="更新した名前",
        form=project.form,
        summary=project.summary,
        version=version,
        area=project.area_id,
    )
    assert client.post(f"/staff/projects/{project.pk}/edit/", data).status_code == 302
    project.refresh_from_db()
    assert project.title == "更新した名前"


def test_staff_edit_the_form_specific_data_and_it_is_audited(
    client, coordinating_staff, organization
):
    from projects.models import SubsidyDetail

    project = factories.make_project(lead_organization=organization, form="subsidy")
    SubsidyDetail.objects.create(project=project, requested_amount=300000)
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{project.pk}/edit/")
    assert "交付決定額(円)" in page.content.decode()
    data = _data(
        organization,
        title=project.title,
        summary=project.summary,
        form="subsidy",
        fiscal_year="2025",
        starts_on_0="2025",
        starts_on_1="6",
        starts_on_2="1",
        ends_on_0="2026",
        ends_on_1="2",
        ends_on_2="28",
        fields=list(project.fields.values_list("pk", flat=True)),
        area=project.area_id,
        version=page.context["form"]["version"].value(),
        **{
            "detail-requested_amount": "300000",
            "detail-granted_amount": "250000",
            "detail-granted_on_0": "2025",
            "detail-granted_on_1": "5",
            "detail-granted_on_2": "20",
        },
    )
    assert client.post(f"/staff/projects/{project.pk}/edit/", data).status_code == 302
    assert SubsidyDetail.objects.get(project=project).granted_amount == 250000
    entry = Transition.objects.get(project=project, action="edit")
    assert entry.changes == [
        {"field": "granted_amount", "label": "交付決定額(円)", "old": "", "new": "250000"},
        {"field": "granted_on", "label": "交付決定日", "old": "", "new": "2025-05-20"},
    ]


def test_staff_add_the_patronage_event_with_its_date(client, coordinating_staff, organization):
    from projects.models import PatronageDetail

    project = factories.make_project(lead_organization=organization, form="patronage")
    client.force_login(coordinating_staff)
    data = _data(
        organization,
        title=project.title,
        summary=project.summary,
        form="patronage",
        area=project.area_id,
        **{
            "detail-event_name": "市民音楽祭",
            "detail-event_date_0": "2026",
            "detail-event_date_1": "12",
            "detail-event_date_2": "20",
            "detail-venue": "市民会館",
        },
    )
    assert client.post(f"/staff/projects/{project.pk}/edit/", data).status_code == 302
    detail = PatronageDetail.objects.get(project=project)
    assert detail.event_date.isoformat() == "2026-12-20"


def test_bad_event_date_is_listed_at_the_top_and_nothing_is_saved(
    client, coordinating_staff, organization
):
    project = factories.make_project(lead_organization=organization, form="patronage")
    client.force_login(coordinating_staff)
    data = _data(
        organization,
        title=project.title,
        summary=project.summary,
        form="patronage",
        area=project.area_id,
        **{
            "detail-event_name": "市民音楽祭",
            "detail-event_date_0": "2026",
            "detail-event_date_1": "2",
            "detail-event_date_2": "30",
            "detail-venue": "市民会館",
        },
    )
    response = client.post(f"/staff/projects/{project.pk}/edit/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('id="error-summary-title"') == 1
    assert "開催日: 2026年2月30日という日付はありません。" in body
    assert "市民音楽祭" in body
    assert not Transition.objects.exists()


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
def test_only_approved_organisations_can_be_chosen_to_lead(client, coordinating_staff, status):
    """A project led by an organisation that is not approved could not be published (it
    would be 404 publicly): such organisations are not offered, and refused if posted."""
    waiting = factories.make_organization(name="審査中の会", status=status)
    client.force_login(coordinating_staff)
    assert "審査中の会" not in client.get("/staff/projects/new/").content.decode()
    response = client.post("/staff/projects/new/", _data(waiting))
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert not Project.objects.filter(lead_organization=waiting).exists()


def test_a_project_keeps_its_lead_when_the_lead_is_suspended(
    client, coordinating_staff, organization
):
    project = factories.make_project(lead_organization=organization, status="draft")
    organization.status = "suspended"
    organization.save()
    client.force_login(coordinating_staff)
    body = client.get(f"/staff/projects/{project.pk}/edit/").content.decode()
    assert f'<option value="{organization.pk}" selected>' in body


def test_staff_give_their_projects_partners_events_and_documents(
    client, coordinating_staff, organization, other_organization, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    from projects.models import Attachment, Event, Partner
    from tests.projects.proposal_data import pdf_file

    client.force_login(coordinating_staff)
    client.post("/staff/projects/new/", _data(organization, publish="on"))
    project = Project.objects.get(title="市が始める防災協働事業")
    page = client.get(f"/staff/projects/{project.pk}/edit/").content.decode()
    assert 'id="rows-partners"' in page and 'id="rows-events"' in page
    assert 'name="files-file_other"' in page
    data = _data(
        organization,
        **{
            "partners-TOTAL_FORMS": "1",
            "partners-0-organization": str(other_organization.pk),
            "partners-0-role": "会場の提供",
            "events-TOTAL_FORMS": "1",
            "events-0-title": "防災訓練",
            "events-0-starts_on_0": "2026",
            "events-0-starts_on_1": "9",
            "events-0-starts_on_2": "1",
            "events-0-start_time": "9:00",
            "files-file_other": pdf_file("訓練の案内.pdf"),
        },
    )
    response = client.post(f"/staff/projects/{project.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert Partner.objects.filter(project=project, organization=other_organization).exists()
    event = Event.objects.get(project=project)
    assert (event.title, str(event.starts_on)) == ("防災訓練", "2026-09-01")
    assert Attachment.objects.filter(project=project, original_name="訓練の案内.pdf").exists()
    # A published project's events reach the calendar.
    assert "防災訓練" in client.get("/calendar.ics").content.decode()
    labels = [c["label"] for e in project.transitions.filter(action="edit") for c in e.changes]
    assert "協働の相手と役割分担" in labels and "イベント" in labels
