"""What the event pages read. An event is public when its project is
(`Project.objects.public()`, the one definition): every list, page, file and sitemap entry
of an event starts from `public_events()`."""

import datetime

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.wareki import month_label, weekday_date
from projects.models import Event, Project

from .models import ApplicationStatus, Signup

# This week's and this month's events on the top page: at most this many of each.
TOP_PAGE_EVENTS = 6


def public_events():
    return (
        Event.objects.filter(project__in=Project.objects.public())
        .select_related(
            "project",
            "project__lead_organization",
            "project__area",
            "project__patronage",
        )
        .annotate(last_day=Coalesce("ends_on", "starts_on"))
    )


def upcoming(events, today):
    """Events not yet over (one running today included), soonest first."""
    return events.filter(last_day__gte=today).order_by(
        "starts_on", F("start_time").asc(nulls_first=True), "id"
    )


def past(events, today):
    """Events that are over, the latest first."""
    return events.filter(last_day__lt=today).order_by(
        "-starts_on", F("start_time").desc(nulls_last=True), "-id"
    )


def week_bounds(today):
    """Monday to Sunday of the week of `today`."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def month_bounds(today):
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def between(events, first, last):
    """Events taking place on at least one day from `first` to `last`."""
    return events.filter(starts_on__lte=last, last_day__gte=first)


def this_week_and_month(today):
    """(this week's events, the rest of this month's) from today on, for the top page."""
    events = upcoming(public_events(), today)
    _monday, sunday = week_bounds(today)
    first, last = month_bounds(today)
    week = list(between(events, today, sunday)[:TOP_PAGE_EVENTS])
    month = list(
        between(events, today, last).exclude(pk__in=[e.pk for e in week])[:TOP_PAGE_EVENTS]
    )
    labelled = with_labels(week + month, today)  # one query for the sign-ups of both
    return labelled[: len(week)], labelled[len(week) :]


def accepting_signups(today):
    """Public events taking sign-ups now (open, deadline not passed, not yet begun), soonest
    first, at most TOP_PAGE_EVENTS: the top page's "what can I join"."""
    events = (
        upcoming(public_events(), today)
        .filter(signup__is_open=True, starts_on__gte=today)
        .exclude(project__status=Project.Status.CANCELLED)
        .filter(Q(signup__deadline__isnull=True) | Q(signup__deadline__gte=today))
    )
    events = list(events[:TOP_PAGE_EVENTS])
    for event in events:  # all take sign-ups: no need to ask again
        event.month = month_label(event.starts_on)
        event.fee_label = event_fee(event)
        event.takes_signups = True
    return events


def with_labels(events, today=None):
    """The events as a list, each with the month it is listed under, its fee and whether it
    takes sign-ups now (one query for all of them)."""
    events = list(events)
    today = today or timezone.localdate()
    signups = {
        signup.event_id: signup
        for signup in Signup.objects.filter(event__in=[e.pk for e in events], is_open=True)
    }
    for event in events:
        event.month = month_label(event.starts_on)
        event.fee_label = event_fee(event)
        signup = signups.get(event.pk)
        if signup is not None:
            signup.event = event  # already here: asking it costs no query
        event.takes_signups = signup is not None and signup.is_accepting(today)
    return events


def event_fee(event):
    """The fee as the organiser wrote it: the event's own, else the 後援 application's."""
    if event.fee:
        return event.fee
    if event.project.form == Project.Form.PATRONAGE:
        detail = event.project.form_detail()
        return detail.fee if detail else ""
    return ""


# --- Sign-ups: what the event page says about places, and the applicants' list -----------


def signup_of(event):
    """The event's sign-up settings, or None when it takes no sign-ups."""
    return Signup.objects.filter(event=event).first()


def places_left(event, signup):
    """Places not yet taken (never below zero)."""
    return max(signup.capacity - places_taken(event), 0)


def applications_of(event):
    """Every application of the event, in the order they came (for the organiser's list)."""
    return event.applications.select_related("user").order_by("created_at", "id")


def waiting_count(event):
    return event.applications.filter(status=ApplicationStatus.WAITING).count()


def places_taken(event):
    """People holding a place: the accepted applications (each counts its party)."""
    total = event.applications.filter(status=ApplicationStatus.ACCEPTED).aggregate(
        people=Sum("party_size")
    )["people"]
    return total or 0


def when_text(event):
    """The event's days and times as plain text, for mails: 令和8年12月12日(土) 13:30〜15:00."""
    text = weekday_date(event.starts_on)
    if event.ends_on and event.ends_on != event.starts_on:
        text += f" – {weekday_date(event.ends_on)}"
    if event.start_time:
        text += f" {event.start_time.hour}:{event.start_time:%M}"
        if event.end_time:
            text += f"〜{event.end_time.hour}:{event.end_time:%M}"
    return text
