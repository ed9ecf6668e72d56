import datetime

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


def test_event_pages_read_in_english(client):
    event = factories.make_event(
        factories.make_project(), title="Workshop", starts_on=datetime.date(2099, 12, 12)
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get("/events/").content.decode()
    assert "1 upcoming event" in listing
    assert "December 2099" in listing
    assert "Sat 12 December 2099" in listing
    assert "Past events" in listing
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "This event&#x27;s calendar file (.ics)" in page or "This event's calendar file" in page
    assert "終わったイベント" not in listing


def test_signup_pages_read_in_english(client):
    event = factories.make_event(
        factories.make_project(), title="Workshop", starts_on=datetime.date(2099, 12, 12)
    )
    factories.make_signup(event, capacity=3, asks_party_size=True)
    application = factories.make_application(event, name="Hanako")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Places left" in page
    assert "Number of people (you included)" in page
    assert "参加を申し込む" not in page
    own = client.get(f"/events/signup/{application.cancel_token}/").content.decode()
    assert "Cancel the sign-up" in own
    assert "申込を取り消す" not in own
