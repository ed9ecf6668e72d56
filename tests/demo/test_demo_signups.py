"""The demo's sign-ups: a few coming events take them, one is full with a waiting list, and
the applicants' names stay off the public pages."""

import pytest

from events.models import Application, ApplicationStatus, Signup

from .test_load_demo import demo, loaded_demo  # noqa: F401

pytestmark = pytest.mark.django_db

FULL = "学生と考えるまちづくりワークショップ(第2回)"


def test_a_few_events_take_signups_and_one_is_full_with_a_waiting_list(demo):  # noqa: F811
    assert Signup.objects.count() >= 3
    full = Signup.objects.get(event__title=FULL)
    assert full.keeps_waiting_list
    accepted = Application.objects.filter(event=full.event, status=ApplicationStatus.ACCEPTED)
    assert accepted.count() == full.capacity
    assert Application.objects.filter(event=full.event, status=ApplicationStatus.WAITING).exists()


def test_the_full_event_offers_the_waiting_list_and_names_nobody(demo, client):  # noqa: F811
    full = Signup.objects.get(event__title=FULL)
    page = client.get(f"/events/{full.event_id}/").content.decode()
    assert "キャンセル待ちに申し込む" in page
    for application in Application.objects.all():
        assert application.name not in page
        assert application.email not in page
