"""A 後援 is one event: its name, date and place are asked once (the 後援's own part), and
the project's period and place and its event on the calendar follow from them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.completeness import proposal_problems
from projects.models import Event, PatronageDetail, Project
from tests.projects.proposal_data import date_parts, proposal_data

pytestmark = pytest.mark.django_db


def create_url(form_code):
    return reverse("projects:proposal_create") + f"?form={form_code}"


@pytest.fixture
def signed_in(client, member, organization, media):
    client.force_login(member)
    return client


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def create_patronage(client, organization, event_date, **overrides):
    data = proposal_data("patronage", organization, event_date=event_date, **overrides)
    response = client.post(create_url("patronage"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Project.objects.latest("pk")


def test_the_patronage_page_asks_the_date_and_place_once(signed_in):
    page = signed_in.get(create_url("patronage")).content.decode()
    assert 'name="detail-event_date_0"' in page
    assert 'name="detail-venue"' in page
    for asked_elsewhere in ('name="starts_on_0"', 'name="ends_on_0"', 'name="place"'):
        assert asked_elsewhere not in page
    assert 'name="events-TOTAL_FORMS"' not in page
    assert 'id="section-events"' not in page


def test_other_forms_still_ask_their_period_place_and_events(signed_in):
    page = signed_in.get(create_url("subsidy")).content.decode()
    for name in ('name="starts_on_0"', 'name="ends_on_0"', 'name="place"', "events-TOTAL_FORMS"):
        assert name in page


def test_saving_a_patronage_derives_its_period_place_and_calendar_event(signed_in, organization):
    event_date = in_days(60)
    # What an old page or a client posts for the period and place is not what counts.
    project = create_patronage(
        signed_in,
        organization,
        event_date,
        place="駅前広場",
        **date_parts("ends_on", in_days(90)),
    )
    assert project.starts_on == project.ends_on == event_date
    assert project.place == "ふじみ野市立産業文化センター"
    [event] = project.events.all()
    assert (event.title, event.starts_on, event.ends_on, event.place) == (
        "ふじみ野こども防災フェア",
        event_date,
        None,
        "ふじみ野市立産業文化センター",
    )


def test_a_new_date_moves_the_event_instead_of_adding_one(signed_in, organization):
    project = create_patronage(signed_in, organization, in_days(60))
    Event.objects.filter(project=project).update(start_time=datetime.time(13, 30))
    moved = in_days(75)
    data = proposal_data("patronage", event_date=moved, **{"detail-venue": "大井中央公民館"})
    data["partners-TOTAL_FORMS"] = "0"
    response = signed_in.post(reverse("projects:proposal_edit", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.starts_on, project.place) == (moved, "大井中央公民館")
    [event] = project.events.all()
    assert (event.starts_on, event.place) == (moved, "大井中央公民館")
    assert event.start_time == datetime.time(13, 30)  # what only the event holds stays


def test_without_an_event_date_there_is_no_event_and_only_the_date_is_missing(
    signed_in, organization
):
    project = create_patronage(signed_in, organization, in_days(60))
    PatronageDetail.objects.filter(project=project).update(event_date=None)
    data = proposal_data("patronage")
    for part in ("0", "1", "2"):
        data[f"detail-event_date_{part}"] = ""
    data["partners-TOTAL_FORMS"] = "0"
    signed_in.post(reverse("projects:proposal_edit", args=[project.pk]), data)
    project.refresh_from_db()
    assert project.starts_on is None
    assert not project.events.exists()
    missing = {(problem.section, problem.field) for problem in proposal_problems(project)}
    assert ("detail", "event_date") in missing
    assert ("project", "starts_on") not in missing
