"""The desk: who may enter, and what waits on it."""

import datetime

import pytest
from django.utils import timezone

from projects import lifecycle
from projects.models import PatronageDetail, Report
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_log_in(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_citizen_and_members_are_refused(client, citizen, member, organization):
    for user in (citizen, member):
        client.force_login(user)
        assert client.get("/staff/").status_code == 403


def test_submitted_proposals_wait_oldest_first_with_age_and_event_date(client, coordinating_staff):
    older = factories.make_project(status="submitted", form="patronage", title="古い後援申請")
    older.submitted_at = timezone.now() - datetime.timedelta(days=9)
    older.save()
    PatronageDetail.objects.create(
        project=older, event_name="文化祭", event_date=datetime.date(2026, 12, 20), venue="公民館"
    )
    newer = factories.make_project(status="submitted", title="新しい提案")
    newer.submitted_at = timezone.now() - datetime.timedelta(days=2)
    newer.save()
    client.force_login(coordinating_staff)
    response = client.get("/staff/")
    assert response.status_code == 200
    table = next(t for t in response.context["tables"] if t.name == "submitted-proposals")
    assert [p.title for p in table.rows] == ["古い後援申請", "新しい提案"]
    first_row = list(table.html_rows())[0]
    values = [value for value, _url, _is_date, _is_header, _header in first_row]
    assert 9 in values
    assert datetime.date(2026, 12, 20) in values
    assert "令和8年12月20日" in response.content.decode()


def test_pending_organisation_appears_for_coordinating_staff_only(
    client, coordinating_staff, department_staff
):
    factories.make_organization(status="pending", name="申請中の会")
    client.force_login(coordinating_staff)
    assert "申請中の会" in client.get("/staff/").content.decode()
    client.force_login(department_staff)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert "申請中の会" not in response.content.decode()


def test_department_staff_see_only_their_departments_projects(client, department_staff):
    own = factories.make_project(
        status="submitted", title="自課の提案", department=factories.make_department()
    )
    factories.make_project(status="submitted", title="他課の提案")
    client.force_login(department_staff)
    body = client.get("/staff/").content.decode()
    assert own.title in body
    assert "他課の提案" not in body


def test_overdue_report_is_listed(client, coordinating_staff):
    factories.make_project(
        title="報告が遅れている事業",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=60),
    )
    client.force_login(coordinating_staff)
    response = client.get("/staff/")
    table = next(t for t in response.context["tables"] if t.name == "reports-due")
    assert [p.title for p in table.rows] == ["報告が遅れている事業"]
    assert "期限超過" in response.content.decode()


def test_submitted_report_waits_for_acceptance(client, coordinating_staff):
    project = factories.make_project(title="報告済みの事業")
    Report.objects.create(project=project, activities="実施しました")
    lifecycle.apply(project, "submit_report", actor=None)
    client.force_login(coordinating_staff)
    response = client.get("/staff/")
    table = next(t for t in response.context["tables"] if t.name == "reports-submitted")
    assert [p.title for p in table.rows] == ["報告済みの事業"]


def test_completed_project_without_all_evaluations_is_listed(client, coordinating_staff):
    factories.make_project(status="completed", title="評価待ちの事業")
    client.force_login(coordinating_staff)
    response = client.get("/staff/")
    table = next(t for t in response.context["tables"] if t.name == "evaluations-missing")
    assert [p.title for p in table.rows] == ["評価待ちの事業"]


@pytest.mark.parametrize(
    "admin_path", ["organizations/organizationtransition", "projects/transition"]
)
def test_history_is_read_only_in_the_admin(client, superuser, coordinating_staff, admin_path):
    from organizations import lifecycle as organization_lifecycle
    from projects import lifecycle as project_lifecycle

    organization = factories.make_organization(status="pending")
    organization_lifecycle.apply(organization, "approve", actor=coordinating_staff)
    project = factories.make_project(lead_organization=organization)
    project_lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
    entry = (organization if "organizations" in admin_path else project).transitions.get()
    recorded = entry.comment
    client.force_login(superuser)
    assert client.get(f"/admin/{admin_path}/").status_code == 200
    assert client.get(f"/admin/{admin_path}/{entry.pk}/change/").status_code == 200
    response = client.post(f"/admin/{admin_path}/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    response = client.post(f"/admin/{admin_path}/{entry.pk}/change/", {"comment": "改ざん"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.comment == recorded != "改ざん"


def test_desk_summary_links_each_queue_with_its_count(client, coordinating_staff):
    factories.make_organization(status="pending")
    factories.make_organization(status="pending")
    client.force_login(coordinating_staff)
    body = client.get("/staff/").content.decode()
    assert '<a href="#table-pending-organizations">承認待ちの団体</a> <strong>2件</strong>' in body
