"""Status that follows the dates: 実施予定 / 実施中 / 実施済み on public pages, and no results
report or completion before the project has begun."""

import datetime

import pytest
from django.utils import timezone

from portal.lifecycle import LifecycleError
from projects import lifecycle
from projects.models import Progress, Report
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31), Progress.UPCOMING),
        (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31), Progress.ONGOING),
        (datetime.date(2026, 12, 3), datetime.date(2026, 12, 3), Progress.ONGOING),
        (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31), Progress.DONE),
        (None, None, None),
    ],
)
def test_progress_follows_the_period(starts_on, ends_on, expected):
    project = factories.make_project(starts_on=starts_on, ends_on=ends_on)
    assert project.progress(TODAY) == expected


def test_events_extend_the_period_both_ways():
    project = factories.make_project(
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 3, 31)
    )
    factories.make_event(project, starts_on=datetime.date(2026, 12, 20))
    assert project.progress(TODAY) == Progress.ONGOING
    early = factories.make_project(starts_on=None, ends_on=None)
    factories.make_event(early, starts_on=datetime.date(2027, 2, 1))
    assert early.progress(TODAY) == Progress.UPCOMING


def test_a_completed_project_is_done_whatever_its_dates():
    project = factories.make_project(
        status="completed", starts_on=datetime.date(2026, 4, 1), ends_on=datetime.date(2027, 3, 31)
    )
    assert project.progress(TODAY) == Progress.DONE


def test_cards_and_the_project_page_read_the_dates(client):
    upcoming = factories.make_project(title="来年の事業", starts_on=days(30), ends_on=days(60))
    done = factories.make_project(title="去年の事業", starts_on=days(-400), ends_on=days(-300))
    cards = client.get("/projects/").content.decode()
    assert "実施予定" in cards and "実施済み" in cards
    assert "実施予定" in client.get(f"/projects/{upcoming.pk}/").content.decode()
    page = client.get(f"/projects/{done.pk}/").content.decode()
    assert "実施済み" in page and '<span class="badge badge-status">実施中</span>' not in page


@pytest.fixture
def future_project(organization):
    project = factories.make_project(
        lead_organization=organization, starts_on=days(30), ends_on=days(90)
    )
    Report.objects.create(project=project, activities="準備しました")
    return project


def test_results_report_is_refused_before_the_project_starts(member, future_project):
    with pytest.raises(LifecycleError, match="始まる前には実績報告の提出も完了もできません"):
        lifecycle.apply(future_project, "submit_report", actor=member)
    assert Report.objects.get(project=future_project).status == "draft"


def test_the_report_page_says_why_it_was_refused(client, member, future_project):
    client.force_login(member)
    response = client.post(
        f"/projects/{future_project.pk}/report/",
        {"activities": "準備しました", "submit": "1"},
        follow=True,
    )
    assert "始まる前には実績報告の提出も完了もできません" in response.content.decode()
    assert Report.objects.get(project=future_project).status == "draft"


def test_complete_refused_while_the_start_is_ahead(coordinating_staff, member, organization):
    project = factories.make_project(
        lead_organization=organization, starts_on=days(-5), ends_on=days(40)
    )
    Report.objects.create(project=project, activities="開催")
    lifecycle.apply(project, "submit_report", actor=member)
    project.starts_on = days(10)  # the start was corrected after the report came in
    project.save()
    with pytest.raises(LifecycleError, match="始まる前には"):
        lifecycle.apply(project, "complete", actor=coordinating_staff)
    project.refresh_from_db()
    assert project.status == "published"


def test_report_and_completion_go_through_once_started(coordinating_staff, member, organization):
    project = factories.make_project(
        lead_organization=organization, starts_on=timezone.localdate(), ends_on=days(30)
    )
    Report.objects.create(project=project, activities="開催")
    lifecycle.apply(project, "submit_report", actor=member)
    lifecycle.apply(project, "complete", actor=coordinating_staff)
    project.refresh_from_db()
    assert project.status == "completed"
