"""What the database itself refuses of projects and events: a 年度 or a date outside
2000–2100, whatever path the row takes (the forms refuse them first, with a message)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from projects.models import Event, Project
from tests import factories

pytestmark = pytest.mark.django_db


def refused(update):
    with pytest.raises(IntegrityError), transaction.atomic():
        update()


@pytest.mark.parametrize("year", [1999, 2101])
def test_fiscal_year_outside_2000_to_2100_is_refused(year):
    project = factories.make_project()
    refused(lambda: Project.objects.filter(pk=project.pk).update(fiscal_year=year))


@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("starts_on", datetime.date(1999, 12, 31)),
        ("ends_on", datetime.date(2101, 1, 1)),
    ],
)
def test_project_dates_outside_the_range_are_refused(field, day):
    project = factories.make_project(starts_on=None, ends_on=None)
    refused(lambda: Project.objects.filter(pk=project.pk).update(**{field: day}))


def test_project_dates_at_the_bounds_are_kept():
    project = factories.make_project(
        fiscal_year=2000, starts_on=datetime.date(2000, 1, 1), ends_on=datetime.date(2100, 12, 31)
    )
    Project.objects.filter(pk=project.pk).update(starts_on=None, ends_on=None, fiscal_year=2100)


@pytest.mark.parametrize(
    ("field", "day"),
    [("starts_on", datetime.date(1900, 5, 1)), ("ends_on", datetime.date(2200, 5, 1))],
)
def test_event_dates_outside_the_range_are_refused(field, day):
    event = factories.make_event(factories.make_project(), starts_on=datetime.date(2026, 5, 1))
    refused(lambda: Event.objects.filter(pk=event.pk).update(**{field: day}))
