import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from projects.models import PatronageDetail
from tests import factories

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def titles(response):
    html = re.sub(r"</?mark>", "", response.content.decode())  # the matched words, marked
    return re.findall(r'<a href="/events/\d+/">([^<]+)</a>', html)


def test_upcoming_events_come_soonest_first_and_leave_the_past_out(client):
    project = factories.make_project()
    factories.make_event(project, title="来月の講座", starts_on=days(40))
    factories.make_event(project, title="明日の講座", starts_on=days(1))
    factories.make_event(project, title="先週の講座", starts_on=days(-7))
    factories.make_event(project, title="開催中の展示", starts_on=days(-2), ends_on=days(2))
    assert titles(client.get("/events/")) == ["開催中の展示", "明日の講座", "来月の講座"]


def test_past_events_are_on_their_own_tab_latest_first(client):
    project = factories.make_project()
    factories.make_event(project, title="昨年の講座", starts_on=days(-400))
    factories.make_event(project, title="先週の講座", starts_on=days(-7))
    factories.make_event(project, title="明日の講座", starts_on=days(1))
    response = client.get("/events/?when=past")
    assert titles(response) == ["先週の講座", "昨年の講座"]
    body = client.get("/events/").content.decode()
    assert 'href="/events/?when=past"' in body


def test_list_shows_the_month_the_weekday_the_time_place_project_and_fee(client):
    project = factories.make_project(title="子ども食堂の協働")
    factories.make_event(
        project,
        title="子ども食堂",
        starts_on=datetime.date(2099, 12, 12),
        start_time=datetime.time(10, 30),
        place="上福岡公民館",
        fee="無料",
    )
    body = client.get("/events/?month=2099-12").content.decode()
    assert "令和81年12月" in body  # the month heading
    assert "令和81年12月12日(土)" in body
    assert "10:30" in body
    assert "上福岡公民館" in body
    assert "子ども食堂の協働" in body and "共催" in body
    assert "無料" in body


def test_the_fee_of_a_patronage_comes_from_its_application(client):
    project = factories.make_project(form="patronage")
    PatronageDetail.objects.create(
        project=project, event_name="講演会", event_date=days(5), venue="市民会館", fee="500円"
    )
    event = factories.make_event(project, title="講演会")
    assert "500円" in client.get(f"/events/{event.pk}/").content.decode()


@pytest.mark.parametrize(
    ("month", "shown"),
    [("2099-12", ["十二月の講座", "年をまたぐ展示"]), ("2100-01", ["年をまたぐ展示"])],
)
def test_month_filter_keeps_the_events_of_that_month(client, month, shown):
    project = factories.make_project()
    factories.make_event(project, title="十二月の講座", starts_on=datetime.date(2099, 12, 5))
    factories.make_event(
        project,
        title="年をまたぐ展示",
        starts_on=datetime.date(2099, 12, 28),
        ends_on=datetime.date(2100, 1, 5),
    )
    factories.make_event(project, title="二月の講座", starts_on=datetime.date(2100, 2, 1))
    assert titles(client.get(f"/events/?month={month}")) == shown


def test_empty_month_filter_shows_every_upcoming_event(client):
    project = factories.make_project()
    factories.make_event(project, title="明日の講座", starts_on=days(1))
    response = client.get("/events/?month=")
    assert response.status_code == 200
    assert titles(response) == ["明日の講座"]


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "abc", "202612", "1999-12", "9" * 40])
def test_invalid_month_explains_itself_and_lists_nothing(client, month):
    factories.make_event(factories.make_project(), title="明日の講座", starts_on=days(1))
    response = client.get("/events/", {"month": month})
    assert response.status_code == 200
    body = response.content.decode()
    assert "は年月として読めません。2026-12 のように" in body
    assert titles(response) == []


def test_other_filters_narrow_the_list(client):
    kamifukuoka = factories.make_project(form="subsidy", title="七夕まつり")
    factories.make_event(kamifukuoka, title="七夕の飾りつけ", starts_on=days(3))
    other = factories.make_project(title="防災訓練の協働")
    factories.make_event(other, title="防災訓練", starts_on=days(4))
    assert titles(client.get("/events/?form=subsidy")) == ["七夕の飾りつけ"]
    assert titles(client.get("/events/?q=防災")) == ["防災訓練"]
    assert titles(client.get("/events/?field=community-development&area=citywide")) == [
        "七夕の飾りつけ",
        "防災訓練",
    ]
    assert titles(client.get("/events/?area=no-such-area")) == []


def test_list_is_paginated(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    project = factories.make_project()
    for n in range(5):
        factories.make_event(project, title=f"講座{n}", starts_on=days(n + 1))
    assert titles(client.get("/events/")) == ["講座0", "講座1"]
    assert titles(client.get("/events/?page=3")) == ["講座4"]
    assert 'rel="next"' in client.get("/events/?page=2").content.decode()


def test_event_page_shows_the_event_and_the_lead_organisations_public_contact(client):
    organization = factories.make_organization(
        name="ふじみ野子ども食堂ネット",
        public_email="info@example.jp",
        public_phone="049-000-0000",
        representative_phone="090-1111-2222",
        private_email="private@example.jp",
    )
    project = factories.make_project(lead_organization=organization, title="子ども食堂の協働")
    event = factories.make_event(
        project,
        title="子ども食堂",
        starts_on=datetime.date(2026, 12, 12),
        place="上福岡公民館",
        address="ふじみ野市上福岡1-1",
    )
    body = client.get(f"/events/{event.pk}/").content.decode()
    for shown in (
        "子ども食堂",
        "令和8年12月12日(土)",
        "上福岡公民館",
        "ふじみ野市上福岡1-1",
        "info@example.jp",
        "049-000-0000",
        f'href="/projects/{project.pk}/"',
        f'href="/events/{event.pk}/calendar.ics"',
        'href="/calendar.ics"',
    ):
        assert shown in body
    assert "090-1111-2222" not in body
    assert "private@example.jp" not in body


def test_the_event_calendar_file_holds_that_event_with_its_start(client):
    project = factories.make_project()
    event = factories.make_event(
        project,
        title="子ども食堂",
        starts_on=datetime.date(2026, 12, 12),
        start_time=datetime.time(10, 30),
        end_time=datetime.time(12, 0),
    )
    factories.make_event(project, title="別のイベント")
    response = client.get(f"/events/{event.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in entries] == ["子ども食堂"]
    start = entries[0].decoded("dtstart")
    assert start.isoformat() == "2026-12-12T10:30:00+09:00"
    assert str(entries[0]["url"]).endswith(f"/events/{event.pk}/")


def test_a_whole_day_event_file_starts_on_its_date(client):
    event = factories.make_event(factories.make_project(), starts_on=datetime.date(2026, 12, 12))
    calendar = Calendar.from_ical(client.get(f"/events/{event.pk}/calendar.ics").content)
    assert calendar.walk("VEVENT")[0].decoded("dtstart") == datetime.date(2026, 12, 12)


def test_event_pages_stay_under_ten_queries(client, django_assert_max_num_queries):
    project = factories.make_project(form="patronage")
    events = [factories.make_event(project, starts_on=days(n + 1)) for n in range(8)]
    with django_assert_max_num_queries(10):
        client.get("/events/?field=community-development")
    with django_assert_max_num_queries(10):
        client.get(f"/events/{events[0].pk}/")
    with django_assert_max_num_queries(10):
        client.get("/")
