"""An event as iCalendar (one VEVENT), for the whole calendar (/calendar.ics) and for an
event's own file (/events/<id>/calendar.ics). Written by the icalendar library, which escapes
every character that would end a line or a value."""

import datetime
import zoneinfo

from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from city.profile import current as current_city
from portal.site import absolute_url, site_domain
from portal.wareki import add_days
from projects.models import Status as ProjectStatus

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def calendar_event(event, stamp, *, url=None):
    """One VEVENT: timed in Asia/Tokyo, or whole days (the end is the day after the last).
    Its link is the project's page unless `url` names another."""
    project = event.project
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{site_domain()}")
    entry.add("dtstamp", stamp)
    if event.start_time:
        entry.add("dtstart", datetime.datetime.combine(event.starts_on, event.start_time, TOKYO))
        if event.end_time:
            last_day = event.ends_on or event.starts_on
            entry.add("dtend", datetime.datetime.combine(last_day, event.end_time, TOKYO))
    else:
        last_day = event.ends_on or event.starts_on
        entry.add("dtstart", event.starts_on)
        day_after = add_days(last_day, 1)
        if day_after > last_day:  # the last day of the calendar has no day after it
            entry.add("dtend", day_after)
    url = url or absolute_url(project.get_absolute_url())
    cancelled = project.status == ProjectStatus.CANCELLED
    # A cancelled event stays in subscribed calendars, marked so (RFC 5545 STATUS).
    entry.add("summary", f"【{_('中止')}】{event.title}" if cancelled else event.title)
    if cancelled:
        entry.add("status", "CANCELLED")
    entry.add("description", f"{project.title}({project.get_form_display()})\n{url}")
    entry.add("url", url)
    location = " ".join(part for part in (event.place, event.address) if part)
    if location:
        entry.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        entry.add("geo", (float(event.latitude), float(event.longitude)))
    return entry


def new_calendar():
    """An empty calendar named after the city's portal."""
    city = current_city()
    feed = Calendar()
    feed.add("prodid", f"-//{city.name_en or city.slug}//Kyodo Portal//JA")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", f"{city.portal_name} イベント")
    feed.add("x-wr-timezone", "Asia/Tokyo")
    return feed
