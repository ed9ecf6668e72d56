"""後援 notices that change things: a 変更届 waits, as a proposed change, until 協働推進課
acknowledges it, and only then shows publicly and in the history; a 中止届 leaves the project
public as 中止, its events marked so."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from projects import lifecycle
from projects.models import PatronageDetail, ProposedChange
from projects.schedule import patronage_schedule_derive
from tests import factories

pytestmark = pytest.mark.django_db

FUTURE = datetime.date.today() + datetime.timedelta(days=60)
LATER = FUTURE + datetime.timedelta(days=7)


@pytest.fixture
def patronage(organization):
    project = factories.make_project(
        lead_organization=organization, form="patronage", summary="市民会館で講演会を開きます。"
    )
    detail = PatronageDetail.objects.create(
        project=project, event_name="防災講演会", event_date=FUTURE, venue="市民会館"
    )
    patronage_schedule_derive(project=project, detail=detail)
    return project


def file_change(project, member, **proposed):
    return lifecycle.apply(
        project, "change_notice", actor=member, comment="会場の改修のため", proposed=proposed
    )


def public_page(client, project):
    return client.get(reverse("projects:detail", args=[project.pk])).content.decode()


def test_a_change_notice_not_acknowledged_changes_nothing(client, patronage, member):
    file_change(patronage, member, venue="中央公民館", event_date=LATER)
    patronage.refresh_from_db()
    assert (patronage.patronage.venue, patronage.patronage.event_date) == ("市民会館", FUTURE)
    assert patronage.events.get().place == "市民会館"
    page = public_page(client, patronage)
    assert "市民会館" in page and "中央公民館" not in page
    change = ProposedChange.objects.get(project=patronage)
    assert change.status == "pending"
    assert {item["field"] for item in change.changes} == {"venue", "event_date"}
    entry = patronage.transitions.get(action="change_notice")
    assert {"field": "venue", "label": "開催場所", "old": "市民会館", "new": "中央公民館"} in (
        entry.changes
    )


def test_an_acknowledged_change_shows_publicly_and_in_the_history(
    client, patronage, member, coordinating_staff
):
    file_change(
        patronage, member, venue="中央公民館", event_date=LATER, summary="中央公民館で開きます。"
    )
    client.force_login(coordinating_staff)
    response = client.post(
        reverse("staff:project_action", args=[patronage.pk, "acknowledge_change"])
    )
    assert response.status_code == 302
    client.logout()
    patronage.refresh_from_db()
    assert (patronage.patronage.venue, patronage.patronage.event_date) == ("中央公民館", LATER)
    assert (patronage.place, patronage.starts_on) == ("中央公民館", LATER)
    event = patronage.events.get()
    assert (event.place, event.starts_on) == ("中央公民館", LATER)
    page = public_page(client, patronage)
    assert "中央公民館で開きます。" in page and "市民会館で講演会" not in page
    assert "中央公民館" in client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert ProposedChange.objects.get(project=patronage).status == "acknowledged"
    entry = patronage.transitions.get(action="acknowledge_change")
    assert entry.actor == coordinating_staff
    changed = {item["field"]: item for item in entry.changes}
    assert changed["venue"]["old"] == "市民会館" and changed["venue"]["new"] == "中央公民館"
    assert LATER.isoformat() in changed["event_date"]["new"]
    # The history on the organisation's page shows what changed, field by field.
    client.force_login(member)
    page = client.get(reverse("projects:proposal_detail", args=[patronage.pk])).content.decode()
    history = page[page.index('id="history"') :]
    assert "変更届の確認" in history and "市民会館" in history and "中央公民館" in history


def test_the_staff_file_shows_the_pending_change_beside_the_acknowledge_button(
    client, patronage, member, coordinating_staff
):
    file_change(patronage, member, venue="中央公民館")
    client.force_login(coordinating_staff)
    page = client.get(reverse("staff:project_file", args=[patronage.pk])).content.decode()
    assert "確認を待っている変更届があります" in page and "中央公民館" in page
    assert "/actions/acknowledge_change/" in page
    desk = client.get(reverse("staff:desk")).content.decode()
    assert "確認待ちの変更届" in desk and patronage.title in desk


def test_only_the_coordinator_acknowledges_and_only_a_pending_change(
    patronage, member, coordinating_staff
):
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.apply(patronage, "acknowledge_change", actor=coordinating_staff)
    file_change(patronage, member, venue="中央公民館")
    with pytest.raises(lifecycle.LifecycleError, match="権限"):
        lifecycle.apply(patronage, "acknowledge_change", actor=member)
    lifecycle.apply(patronage, "acknowledge_change", actor=coordinating_staff)
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.apply(patronage, "acknowledge_change", actor=coordinating_staff)


def test_a_change_notice_must_change_something(patronage, member):
    with pytest.raises(lifecycle.LifecycleError, match="変更する項目"):
        file_change(patronage, member, venue="市民会館")
    assert not ProposedChange.objects.exists()
    assert not patronage.transitions.exists()


def test_the_acknowledgement_mail_tells_the_organiser_what_changed(
    patronage, member, coordinating_staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    file_change(patronage, member, venue="中央公民館")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(patronage, "acknowledge_change", actor=coordinating_staff)
    message = next(m for m in mail.outbox if member.email in m.to)
    assert "開催場所: 市民会館 → 中央公民館" in message.body


def test_a_cancelled_patronage_stays_public_as_cancelled(client, patronage, member):
    event = patronage.events.get()
    signup = factories.make_signup(event)
    lifecycle.apply(patronage, "cancel", actor=member, comment="台風のため")
    patronage.refresh_from_db()
    assert patronage.status == "cancelled"
    page = public_page(client, patronage)
    assert "中止" in page and "この事業は中止になりました。" in page
    events = client.get(reverse("events:list")).content.decode()
    assert event.title in events and "中止" in events
    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "このイベントは中止になりました。" in detail
    signup.refresh_from_db()
    assert not signup.is_accepting(datetime.date.today())
    calendar = Calendar.from_ical(client.get(reverse("calendar")).content)
    entry = next(
        c for c in calendar.walk("VEVENT") if str(c["uid"]).startswith(f"event-{event.pk}@")
    )
    assert str(entry["status"]) == "CANCELLED"
    listed = client.get(reverse("projects:list") + "?status=cancelled").content.decode()
    assert patronage.title in listed
    response = client.get("/opendata/events.csv")
    opendata = b"".join(response.streaming_content).decode("utf-8-sig")
    assert f"中止。{patronage.title}" in opendata
