"""When a results report is due: computed from dates that may be missing or odd."""

import datetime

import pytest

from projects.models import PatronageDetail, Project
from staff.queues import report_due_on
from tests import factories

pytestmark = pytest.mark.django_db


def _patronage(event_date, **fields):
    project = factories.make_project(form="patronage", **fields)
    PatronageDetail.objects.create(
        project=project, event_name="講演会", event_date=event_date, venue="市民会館"
    )
    return project


def test_report_is_due_a_set_time_after_the_patronage_event(settings):
    settings.PATRONAGE_REPORT_DUE_DAYS = 30
    project = _patronage(datetime.date(2026, 12, 1))
    assert report_due_on(project) == datetime.date(2026, 12, 31)


def test_patronage_without_its_date_falls_back_to_the_end_of_the_project(settings):
    settings.PATRONAGE_REPORT_DUE_DAYS = 30
    project = _patronage(None, ends_on=datetime.date(2026, 1, 31))
    assert report_due_on(project) == datetime.date(2026, 3, 2)


def test_patronage_without_any_date_has_no_due_date():
    project = _patronage(None, starts_on=None, ends_on=None, status="draft")
    assert report_due_on(project) is None


def test_patronage_without_its_detail_row_falls_back_to_the_end_of_the_project(settings):
    settings.PATRONAGE_REPORT_DUE_DAYS = 10
    project = factories.make_project(form="patronage", ends_on=datetime.date(2026, 2, 28))
    assert report_due_on(project) == datetime.date(2026, 3, 10)


def test_due_date_near_the_end_of_the_calendar_is_held_there():
    project = _patronage(datetime.date(9999, 12, 20))
    assert report_due_on(project) == datetime.date.max
    # The database refuses such project dates now; the computation holds all the same.
    project = Project(
        form="cohosting", starts_on=datetime.date(9999, 12, 1), ends_on=datetime.date(9999, 12, 31)
    )
    assert report_due_on(project) == datetime.date.max


def test_desk_and_project_file_answer_for_a_patronage_whose_date_was_cleared(
    client, coordinating_staff
):
    project = _patronage(datetime.date(2026, 12, 1))
    PatronageDetail.objects.filter(project=project).update(event_date=None)
    submitted = _patronage(None, status="submitted")
    client.force_login(coordinating_staff)
    assert client.get("/staff/").status_code == 200
    for pk in (project.pk, submitted.pk):
        assert client.get(f"/staff/projects/{pk}/").status_code == 200
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/staff/queues/reports-due.{fmt}").status_code == 200
