"""Whatever date or year is stored, every page that shows it answers: a typo in 年度 (202,
20255), a date in 1900 or before any era, a date at the end of the calendar, a 後援 without
its date. The values are written straight through the ORM (`QuerySet.update`), as an old
import or a slip in the admin would leave them. The database refuses such values now
(projects' date-range constraints); rows from before those constraints may still hold them, so
the tests lift the constraints inside their own transaction, as an old database would be."""

import datetime

import pytest
from django.utils import timezone

from projects.models import Event, PatronageDetail, Project
from tests import factories

pytestmark = pytest.mark.django_db

RANGE_CONSTRAINTS = {
    "projects_project": ("project_fiscal_year_in_range", "project_dates_in_range"),
    "projects_event": ("event_dates_in_range",),
}


@pytest.fixture(autouse=True)
def data_from_before_the_range_constraints(db):
    """Lift the date-range constraints for this test only (its transaction rolls back)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table, names in RANGE_CONSTRAINTS.items():
                for name in names:
                    cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            yield
            return
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            yield
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


UTC = datetime.UTC

# name: (project fields, 後援 event date, event date)
STORED = {
    "fiscal year 202": ({"fiscal_year": 202}, datetime.date(2026, 12, 1), None),
    "fiscal year 20255": ({"fiscal_year": 20255}, datetime.date(2026, 12, 1), None),
    "fiscal year 0": ({"fiscal_year": 0}, datetime.date(2026, 12, 1), None),
    "fiscal year 32767": ({"fiscal_year": 32767}, datetime.date(2026, 12, 1), None),
    "dates in 1900": (
        {"fiscal_year": 1900, "starts_on": datetime.date(1900, 1, 1), "ends_on": None},
        datetime.date(1900, 1, 1),
        datetime.date(1900, 1, 1),
    ),
    "dates before every era": (
        {"starts_on": datetime.date(1, 1, 1), "ends_on": datetime.date(1, 1, 2)},
        datetime.date(1, 1, 1),
        datetime.date(1, 1, 1),
    ),
    "dates at the end of the calendar": (
        {"starts_on": datetime.date(9999, 12, 31), "ends_on": datetime.date(9999, 12, 31)},
        datetime.date(9999, 12, 31),
        datetime.date(9999, 12, 31),
    ),
    "times at the ends of the calendar": (
        {
            "published_at": datetime.datetime(9999, 12, 31, 0, 0, tzinfo=UTC),
            "submitted_at": datetime.datetime(1, 1, 1, tzinfo=UTC),
        },
        None,
        None,
    ),
    "後援 without its date": ({}, None, None),
}

PUBLIC_PAGES = [
    "/",
    "/projects/",
    "/projects/{public}/",
    "/projects/?year=202",
    "/organizations/{organization}/",
    "/feeds/projects.atom",
    "/calendar.ics",
    "/opendata/projects.csv",
    "/opendata/projects.json",
    "/opendata/events.csv",
    "/sitemap.xml",
    "/events/",
    "/events/?when=past",
    "/events/?month=2026-12",
    "/events/{event}/",
    "/events/{event}/calendar.ics",
]
MEMBER_PAGES = ["/mypage/", "/projects/{public}/proposal/", "/projects/{submitted}/proposal/"]
STAFF_PAGES = [
    "/staff/",
    "/staff/projects/",
    "/staff/projects/?export=csv",
    "/staff/projects/?export=xlsx",
    "/staff/projects/{public}/",
    "/staff/projects/{submitted}/",
    "/staff/projects/{public}/edit/",
    "/staff/organizations/?export=xlsx",
    "/staff/figures/",
    "/staff/figures/fiscal-year.csv",
    "/staff/figures/fiscal-year.xlsx",
    *(
        f"/staff/queues/{name}.{fmt}"
        for name in ("submitted-proposals", "reports-due", "returned-proposals")
        for fmt in ("csv", "xlsx")
    ),
]


def _store(organization, fields, event_date, day):
    """A public 後援 and a submitted one of the organisation, then the odd values."""
    projects = {
        "public": factories.make_project(lead_organization=organization, form="patronage"),
        "submitted": factories.make_project(
            lead_organization=organization,
            form="patronage",
            status="submitted",
            submitted_at=timezone.now(),
        ),
    }
    for project in projects.values():
        PatronageDetail.objects.create(
            project=project, event_name="講演会", event_date=None, venue="市民会館"
        )
        factories.make_event(project, title="説明会")
    pks = [project.pk for project in projects.values()]
    Project.objects.filter(pk__in=pks).update(**fields)
    PatronageDetail.objects.filter(project__in=pks).update(event_date=event_date)
    if day is not None:
        Event.objects.filter(project__in=pks).update(starts_on=day, ends_on=day)
    return {name: project.pk for name, project in projects.items()}


@pytest.mark.parametrize("stored", list(STORED), ids=list(STORED))
def test_every_page_showing_a_stored_date_answers(
    client, stored, organization, member, coordinating_staff
):
    ids = _store(organization, *STORED[stored])
    ids["organization"] = organization.pk
    ids["event"] = Event.objects.get(project_id=ids["public"]).pk
    for path in PUBLIC_PAGES:
        response = client.get(path.format(**ids))
        assert response.status_code == 200, path
    client.force_login(member)
    for path in MEMBER_PAGES:
        assert client.get(path.format(**ids)).status_code == 200, path
    client.force_login(coordinating_staff)
    for path in STAFF_PAGES:
        assert client.get(path.format(**ids)).status_code == 200, path


def test_a_typo_in_the_fiscal_year_shows_in_seireki(client, organization):
    ids = _store(organization, {"fiscal_year": 202}, None, None)
    assert "西暦202年度" in client.get("/projects/").content.decode()
    assert "西暦202年度" in client.get(f"/projects/{ids['public']}/").content.decode()
    assert "西暦202年度" in client.get(f"/organizations/{organization.pk}/").content.decode()


def test_a_date_before_every_era_shows_in_seireki(client, organization):
    ids = _store(
        organization,
        {"starts_on": datetime.date(1868, 1, 1), "ends_on": None},
        None,
        datetime.date(1868, 1, 1),
    )
    body = client.get(f"/projects/{ids['public']}/").content.decode()
    assert '<time datetime="1868-01-01">1868年1月1日</time>' in body
    event = Event.objects.get(project_id=ids["public"])
    body = client.get(f"/events/{event.pk}/").content.decode()
    assert '<time datetime="1868-01-01">1868年1月1日(水)</time>' in body


def test_a_date_in_1900_shows_in_meiji_beside_seireki(client, organization):
    ids = _store(organization, {"starts_on": datetime.date(1900, 1, 1)}, None, None)
    body = client.get(f"/projects/{ids['public']}/").content.decode()
    assert "明治33年1月1日" in body
    assert "1900年1月1日" in body


def test_staff_export_names_an_odd_year_in_seireki(client, organization, coordinating_staff):
    _store(organization, {"fiscal_year": 20255}, None, None)
    client.force_login(coordinating_staff)
    body = client.get("/staff/projects/?export=csv").content.decode("utf-8-sig")
    assert "西暦20255年度" in body
    body = client.get("/staff/figures/fiscal-year.csv").content.decode("utf-8-sig")
    assert "西暦20255年度" in body


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(1900, 1, 1, tzinfo=UTC),
        datetime.datetime(1, 1, 1, tzinfo=UTC),
        datetime.datetime(9999, 12, 31, 0, 0, tzinfo=UTC),
    ],
)
def test_member_and_invitation_dates_of_any_value_render(client, member, organization, moment):
    from organizations.models import Invitation, Membership

    Membership.objects.filter(organization=organization).update(created_at=moment)
    Invitation.objects.create(
        organization=organization,
        email=member.email,
        token_hash="x" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    Invitation.objects.update(expires_at=moment)
    client.force_login(member)
    assert client.get(f"/organizations/{organization.pk}/members/").status_code == 200
    assert client.get("/mypage/").status_code == 200
