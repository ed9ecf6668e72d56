"""The Atom feed and the calendar, read back with real parsers (feedparser, icalendar):
what is public only, text as typed, UTF-8, links on SITE_URL."""

import datetime
import re

import feedparser
import pytest
from icalendar import Calendar

from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db

# Everything a title may hold that a feed must not turn into markup or new lines of its own.
TITLES = [
    "子ども & \"親\" <会> 'ふじみ野'",
    "<b>太字</b> &amp; ではない",
    "改行\r\nのある\rタイトル\nです",
    "説明会\r\nDTSTART:19990101T000000\rATTENDEE:mailto:evil@example.jp",
    "セミコロン; カンマ, バックスラッシュ\\ です",
]


def parse_feed(client, **params):
    response = client.get("/feeds/projects.atom", params)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def parse_calendar(client):
    response = client.get("/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    response.content.decode("utf-8")  # UTF-8 throughout
    return Calendar.from_ical(response.content)


@pytest.mark.parametrize("title", TITLES)
def test_atom_titles_and_summaries_survive_exactly(client, title):
    project = factories.make_project(title=title, summary=f"概要: {title}", form="subsidy")
    (entry,) = parse_feed(client).entries
    assert entry.title == f"[補助] {title}"
    assert entry.summary == f"概要: {title}"
    assert entry.summary_detail.type == "text/plain"
    assert entry.link == f"https://kyodo.example.jp/projects/{project.pk}/"
    assert entry.author == project.lead_organization.name


def test_atom_summary_is_sent_as_text(client):
    factories.make_project(summary="<script>alert(1)</script>")
    body = client.get("/feeds/projects.atom").content.decode()
    assert 'type="html"' not in body
    assert "<summary>&lt;script&gt;alert(1)&lt;/script&gt;</summary>" in body


def test_atom_feed_names_itself_and_the_list_on_site_url(client):
    factories.make_project()
    feed = parse_feed(client, form="cohosting")
    assert feed.feed.title == "ふじみ野 協働ポータル: 新しい協働事業"
    assert feed.feed.link == "https://kyodo.example.jp/projects/"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == "https://kyodo.example.jp/feeds/projects.atom?form=cohosting"


def test_atom_feed_is_limited_to_public_projects(client):
    factories.make_project(title="公開の事業")
    factories.make_project(title="下書きの事業", status="draft")
    factories.make_project(title="非公開の事業", is_hidden=True)
    assert [entry.title for entry in parse_feed(client).entries] == ["[共催] 公開の事業"]


@pytest.mark.parametrize("title", TITLES)
def test_calendar_text_survives_and_never_breaks_out_of_its_property(client, title):
    project = factories.make_project(title=f"事業 {title}")
    factories.make_event(
        project,
        title=title,
        place=f"会場 {title}",
        starts_on=datetime.date(2027, 1, 10),
        start_time=datetime.time(10, 0),
    )
    (event,) = parse_calendar(client).walk("VEVENT")
    # iCalendar text knows one line break, \n: CR LF and a lone CR come back as one.
    as_read = title.replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["SUMMARY"]) == as_read
    assert str(event["LOCATION"]) == f"会場 {as_read}"
    assert str(event["DESCRIPTION"]).startswith(f"事業 {as_read}(共催)\n")
    assert event.decoded("DTSTART") == datetime.datetime(
        2027, 1, 10, 10, 0, tzinfo=event.decoded("DTSTART").tzinfo
    )
    assert str(event.decoded("DTSTART").tzinfo) == "Asia/Tokyo"
    assert "ATTENDEE" not in event


def test_calendar_events_carry_uid_url_and_whole_days(client):
    project = factories.make_project(title="清掃活動")
    event = factories.make_event(
        project, title="河川清掃", starts_on=datetime.date(2027, 3, 1), ends_on=None
    )
    calendar = parse_calendar(client)
    assert str(calendar["X-WR-CALNAME"]) == "ふじみ野 協働ポータル イベント"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == []
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"event-{event.pk}@kyodo.example.jp"
    assert str(entry["URL"]) == f"https://kyodo.example.jp/projects/{project.pk}/"
    assert entry.decoded("DTSTART") == datetime.date(2027, 3, 1)
    assert entry.decoded("DTEND") == datetime.date(2027, 3, 2)


def test_timed_events_come_with_their_time_zone(client):
    factories.make_event(
        factories.make_project(),
        starts_on=datetime.date(2027, 1, 10),
        start_time=datetime.time(13, 30),
        end_time=datetime.time(16, 0),
    )
    calendar = parse_calendar(client)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("DTEND").hour == 16


def test_calendar_lists_events_of_public_projects_only(client):
    factories.make_event(factories.make_project(), title="公開の説明会")
    factories.make_event(factories.make_project(status="draft"), title="下書きの説明会")
    hidden = factories.make_project(is_hidden=True)
    factories.make_event(hidden, title="非公開の説明会")
    assert [str(e["SUMMARY"]) for e in parse_calendar(client).walk("VEVENT")] == ["公開の説明会"]
    assert Project.objects.count() == 3


def test_an_all_day_event_on_the_last_day_of_the_calendar_has_no_end():
    # The database refuses such a date now (projects' date ranges); the helper stays total.
    from django.utils import timezone

    from opendata.feeds import calendar_event
    from projects.models import Event

    event = Event(project=factories.make_project(), title="遠い日", starts_on=datetime.date.max)
    entry = calendar_event(event, timezone.now())
    assert entry.decoded("DTSTART") == datetime.date(9999, 12, 31)
    assert "DTEND" not in entry


def test_atom_feed_lists_public_projects_and_accepts_filters(client, public_and_private):
    factories.make_project(title="実行委員会の事業", form="committee")
    body = client.get("/feeds/projects.atom").content.decode()
    assert "公開の事業" in body and "実行委員会の事業" in body
    assert "非公開の事業" not in body and "下書きの事業" not in body
    body = client.get("/feeds/projects.atom", {"form": "committee"}).content.decode()
    assert "実行委員会の事業" in body and "公開の事業" not in body


def test_atom_feed_with_bad_filter_is_empty_not_an_error(client, public_and_private):
    response = client.get("/feeds/projects.atom", {"status": "draft"})
    assert response.status_code == 200
    assert "<entry>" not in response.content.decode()


def test_calendar_has_public_events_only(client, public_and_private):
    response = client.get("/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    unfolded = body.replace("\r\n ", "")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:公開の説明会" in unfolded
    assert "DTSTART;TZID=Asia/Tokyo:20270110T100000" in unfolded
    geo = Calendar.from_ical(body).walk("VEVENT")[0]["GEO"]
    assert (geo.latitude, geo.longitude) == (35.8795, 139.5197)
    assert "非公開の説明会" not in unfolded and "下書きの説明会" not in unfolded
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


# --- The feed takes every filter of /projects/, and its times are right ------------------


@pytest.fixture
def two_projects():
    from organizations.models import ActivityField, Area

    lead = factories.make_organization(name="福岡の会")
    wanted = factories.make_project(
        title="防災訓練",
        form="subsidy",
        fiscal_year=2024,
        fields=("disaster-relief",),
        area=Area.objects.get(code="kamifukuoka"),
        status="completed",
        lead_organization=lead,
    )
    factories.make_project(title="子ども食堂", fiscal_year=2025)
    assert ActivityField.objects.filter(code="disaster-relief").exists()
    return wanted, lead


@pytest.mark.parametrize(
    "params",
    [
        {"form": "subsidy"},
        {"year": "2024"},
        {"field": "disaster-relief"},
        {"area": "kamifukuoka"},
        {"status": "completed"},
        {"q": "防災"},
        {"organization": "LEAD"},
        {"form": "subsidy", "year": "2024", "area": "kamifukuoka", "q": "訓練"},
    ],
    ids=lambda params: "&".join(params),
)
def test_atom_feed_takes_every_filter_of_the_project_list(client, two_projects, params):
    wanted, lead = two_projects
    params = {key: (lead.pk if value == "LEAD" else value) for key, value in params.items()}
    feed = parse_feed(client, **params)
    assert [entry.title for entry in feed.entries] == ["[補助] 防災訓練"]
    # The list with the same filters shows the same project.
    # (a keyword is highlighted there: 「<mark>防災</mark>訓練」)
    listed = re.sub(r"</?mark>", "", client.get("/projects/", params).content.decode())
    assert "防災訓練" in listed and "子ども食堂" not in listed


def test_atom_times_are_in_japan_time_and_the_same_instant(client):
    published = datetime.datetime(2025, 3, 31, 16, 30, tzinfo=datetime.UTC)  # 4/1 01:30 JST
    project = factories.make_project(published_at=published)
    body = client.get("/feeds/projects.atom").content.decode()
    assert "<published>2025-04-01T01:30:00+09:00</published>" in body
    (entry,) = parse_feed(client).entries
    assert entry.published_parsed[:6] == (2025, 3, 31, 16, 30, 0)  # feedparser reads UTC
    project.refresh_from_db()
    updated = project.updated_at.astimezone(datetime.UTC)
    assert entry.updated_parsed[:6] == updated.timetuple()[:6]
    assert entry.updated.endswith("+09:00")


@pytest.mark.parametrize("which", ["all", "one"])
def test_every_calendar_file_reads_back_in_japan_time_with_utc_stamps(client, which):
    project = factories.make_project(title="上福岡七夕まつり")
    event = factories.make_event(
        project,
        title="七夕まつり 二日目まで",
        starts_on=datetime.date(2027, 7, 3),
        ends_on=datetime.date(2027, 7, 4),
        start_time=datetime.time(10, 30),
        end_time=datetime.time(21, 0),
    )
    path = "/calendar.ics" if which == "all" else f"/events/{event.pk}/calendar.ics"
    response = client.get(path)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content.decode("utf-8"))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Tokyo"
    offsets = {part.decoded("TZOFFSETTO") for part in zone.walk("STANDARD")}
    assert offsets == {datetime.timedelta(hours=9)}
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "七夕まつり 二日目まで"
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2027, 7, 3, 1, 30, tzinfo=datetime.UTC
    )
    assert end.astimezone(datetime.UTC) == datetime.datetime(2027, 7, 4, 12, 0, tzinfo=datetime.UTC)
    assert entry.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert "DTSTAMP:" in response.content.decode() and "Z\r\n" in response.content.decode()


# --- The calendar takes the filters of /events/ -------------------------------------------


@pytest.fixture
def two_events(two_projects):
    wanted, _lead = two_projects
    other = Project.objects.get(title="子ども食堂")
    factories.make_event(project=wanted, title="防災訓練の説明会")
    factories.make_event(project=other, title="子ども食堂の試食会")
    return wanted


def calendar_titles(client, params):
    response = client.get("/calendar.ics", params)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content.decode("utf-8"))
    return sorted(str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    "params",
    [
        {"form": "subsidy"},
        {"field": "disaster-relief"},
        {"area": "kamifukuoka"},
        {"q": "防災"},
        {"form": "subsidy", "area": "kamifukuoka", "q": "説明会"},
    ],
    ids=lambda params: "&".join(params),
)
def test_calendar_takes_the_filters_of_the_event_list(client, two_events, params):
    assert calendar_titles(client, params) == ["防災訓練の説明会"]
    listed = re.sub(r"</?mark>", "", client.get("/events/", params).content.decode())
    assert "防災訓練の説明会" in listed and "子ども食堂の試食会" not in listed


def test_calendar_without_filters_or_with_empty_ones_has_every_event(client, two_events):
    expected = ["子ども食堂の試食会", "防災訓練の説明会"]
    assert calendar_titles(client, {}) == expected
    assert calendar_titles(client, {"q": "", "area": "", "month": "2026-01"}) == expected


def test_calendar_with_a_bad_filter_is_empty_not_an_error(client, two_events):
    assert calendar_titles(client, {"area": "nowhere"}) == []


def test_the_event_list_offers_the_calendar_of_its_filters(client, two_events):
    page = client.get("/events/", {"area": "kamifukuoka", "month": "2026-01"}).content.decode()
    assert 'href="webcal://kyodo.example.jp/calendar.ics?area=kamifukuoka"' in page
    assert "この条件に合う公開中のイベント" in page
    plain = client.get("/events/").content.decode()
    assert 'href="webcal://kyodo.example.jp/calendar.ics"' in plain
