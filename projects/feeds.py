"""Feeds of what is public: Atom for new projects, iCalendar for their events."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from opendata.datasets import public_events
from portal.filtering import filter_results
from portal.site import absolute_url, site_domain
from portal.wareki import add_days

from .filters import ProjectFilter
from .models import Project

FEED_SIZE = 30


class NewProjectsFeed(Feed):
    """Newly published projects; accepts the filters of /projects/."""

    feed_type = Atom1Feed
    title = "ふじみ野 協働ポータル: 新しい協働事業"
    subtitle = "ふじみ野市の協働のまちづくりで新たに公開された協働事業です。"

    def link(self):
        return absolute_url("/projects/")

    def feed_url(self):
        return absolute_url(self.request.get_full_path())

    def get_object(self, request):
        self.request = request
        return None

    def items(self):
        public = Project.objects.public().with_card_data()
        project_filter = ProjectFilter(self.request.GET or None, queryset=public)
        return (
            filter_results(project_filter).distinct().order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_title(self, item):
        return f"[{item.get_form_display()}] {item.title}"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.lead_organization.name

    def item_categories(self, item):
        return [str(item.get_form_display()), *[field.name for field in item.fields.all()]]


def _ical_escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """RFC 5545 folds lines longer than 75 octets; never split a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _event_lines(event, request, stamp):
    project = event.project
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{site_domain()}",
        f"DTSTAMP:{stamp}",
    ]
    if event.start_time:
        start = datetime.datetime.combine(event.starts_on, event.start_time)
        lines.append(f"DTSTART;TZID=Asia/Tokyo:{start:%Y%m%dT%H%M%S}")
        if event.end_time:
            end = datetime.datetime.combine(event.ends_on or event.starts_on, event.end_time)
            lines.append(f"DTEND;TZID=Asia/Tokyo:{end:%Y%m%dT%H%M%S}")
    else:
        last_day = event.ends_on or event.starts_on
        lines.append(f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}")
        day_after = add_days(last_day, 1)
        if day_after > last_day:  # the last day of the calendar has no day after it
            lines.append(f"DTEND;VALUE=DATE:{day_after:%Y%m%d}")
    url = absolute_url(project.get_absolute_url())
    description = f"{project.title}({project.get_form_display()})\n{url}"
    lines += [
        f"SUMMARY:{_ical_escape(event.title)}",
        f"DESCRIPTION:{_ical_escape(description)}",
        f"URL:{url}",
    ]
    location = " ".join(part for part in (event.place, event.address) if part)
    if location:
        lines.append(f"LOCATION:{_ical_escape(location)}")
    if event.latitude is not None and event.longitude is not None:
        lines.append(f"GEO:{event.latitude};{event.longitude}")
    lines.append("END:VEVENT")
    return lines


def calendar(request):
    """iCalendar feed of the events of public projects."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Fujimino City//Kyodo Portal//JA",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:ふじみ野 協働ポータル イベント",
        "X-WR-TIMEZONE:Asia/Tokyo",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    for event in public_events():
        lines += _event_lines(event, request, stamp)
    lines.append("END:VCALENDAR")
    body = "\r\n".join(_fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="fujimino-kyodo.ics"'
    return response
