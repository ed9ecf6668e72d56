import datetime

import pytest
from django.utils import timezone

from events import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def test_top_page_lists_this_weeks_events_before_the_explanation_of_kyodo(client):
    factories.make_event(
        factories.make_project(), title="今日の講座", starts_on=timezone.localdate()
    )
    body = client.get("/").content.decode()
    assert body.index("今週のイベント") < body.index("今日の講座") < body.index("協働とは、市民")
    assert 'href="/events/"' in body


def test_this_week_and_this_month_split_the_rest_of_the_month():
    project = factories.make_project()
    wednesday = datetime.date(2026, 12, 2)  # the week of 11/30 to 12/6
    factories.make_event(project, title="今週", starts_on=datetime.date(2026, 12, 5))
    factories.make_event(project, title="今月", starts_on=datetime.date(2026, 12, 20))
    factories.make_event(project, title="来月", starts_on=datetime.date(2027, 1, 4))
    factories.make_event(project, title="昨日", starts_on=datetime.date(2026, 12, 1))
    week, month = selectors.this_week_and_month(wednesday)
    assert [e.title for e in week] == ["今週"]
    assert [e.title for e in month] == ["今月"]


def test_the_week_may_run_into_the_next_month():
    project = factories.make_project()
    factories.make_event(project, title="土曜", starts_on=datetime.date(2027, 1, 2))
    week, month = selectors.this_week_and_month(datetime.date(2026, 12, 31))
    assert [e.title for e in week] == ["土曜"]
    assert month == []
