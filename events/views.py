"""The public event pages: the list (upcoming by month, the past on a second tab), each
event's page and its own calendar file."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from portal.filtering import filter_results
from portal.site import absolute_url

from . import selectors
from .calendar import calendar_event, new_calendar
from .filters import EventFilter


def event_list(request):
    today = timezone.localdate()
    past = request.GET.get("when") == "past"
    event_filter = EventFilter(request.GET or None, queryset=selectors.public_events())
    events = filter_results(event_filter).distinct()
    events = selectors.past(events, today) if past else selectors.upcoming(events, today)
    page = Paginator(events, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "filter": event_filter,
            "page": page,
            "events": selectors.with_labels(page.object_list),
            "past": past,
        },
    )


def _public_event(pk):
    return get_object_or_404(selectors.public_events(), pk=pk)


def event_detail(request, pk):
    event = _public_event(pk)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "project": event.project,
            "organization": event.project.lead_organization,
            "fee": selectors.event_fee(event),
            "is_past": event.last_day < timezone.localdate(),
        },
    )


def event_calendar(request, pk):
    """The event alone, as a calendar file to import."""
    event = _public_event(pk)
    feed = new_calendar()
    stamp = timezone.now().astimezone(datetime.UTC)
    url = absolute_url(reverse("events:detail", args=[event.pk]))
    feed.add_component(calendar_event(event, stamp, url=url))
    feed.add_missing_timezones()
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response
