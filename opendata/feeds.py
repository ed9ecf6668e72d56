"""Feeds of what is public: Atom for new projects, iCalendar for their events.

Both carry text as it was typed: the Atom summaries are text (not HTML), a carriage return
stays one, and the calendar is written by the icalendar library, which escapes every
character that would end a line or a value.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from city.profile import current as current_city
from events.calendar import calendar_event, new_calendar
from events.filters import EventFilter
from portal.filtering import filter_results
from portal.site import absolute_url
from projects.filters import ProjectFilter, public_years
from projects.models import Event, Project

from .datasets import public_events

FEED_SIZE = 30


class _XMLGenerator(SimplerXMLGenerator):
    """Writes a carriage return as a character reference: XML parsers turn a raw one into a
    line feed, so only the reference reaches the reader as typed."""

    def characters(self, content):
        first, *rest = content.split("\r")
        super().characters(first)
        for part in rest:
            self.ignorableWhitespace("&#13;")  # written as it is, unescaped
            super().characters(part)


class TextAtom1Feed(Atom1Feed):
    """Atom whose summaries are plain text (Django's are `type="html"`)."""

    def write(self, outfile, encoding):
        handler = _XMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"])


class NewProjectsFeed(Feed):
    """Newly published projects; accepts the filters of /projects/."""

    feed_type = TextAtom1Feed

    def title(self):
        return _("%(portal)s: 新しい協働事業") % {"portal": current_city().localized().portal_name}

    def subtitle(self):
        return _("%(city)sの協働のまちづくりで新たに公開された協働事業です。") % {
            "city": current_city().localized().name
        }

    def link(self):
        return absolute_url("/projects/")

    def feed_url(self):
        return absolute_url(self.request.get_full_path())

    def get_object(self, request):
        self.request = request
        return None

    def items(self):
        public = Project.objects.public().with_card_data()
        project_filter = ProjectFilter(
            self.request.GET or None, queryset=public, year_choices=public_years()
        )
        return filter_results(project_filter).order_by("-published_at", "-id")[:FEED_SIZE]

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_title(self, item):
        return f"[{item.get_form_display()}] {item.title}"

    def item_description(self, item):
        return item.summary

    # In Japan time (+09:00), as the open data writes them: the same instant, read as people
    # here read it.
    def item_pubdate(self, item):
        return timezone.localtime(item.published_at) if item.published_at else None

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item):
        return item.lead_organization.name

    def item_categories(self, item):
        return [str(item.get_form_display()), *[field.name for field in item.fields.all()]]


# The filters of /events/ a calendar subscription keeps (the month and the tab are a view of
# the list, not a choice of events).
CALENDAR_FILTERS = ("q", "area", "field", "form")


def calendar_events(query):
    """The public events the calendar carries: all of them, or those the filters of /events/
    in `query` choose (invalid filters choose none, as on the list)."""
    events = public_events()
    chosen = query.copy()
    for name in list(chosen):
        if name not in CALENDAR_FILTERS:
            del chosen[name]
    if not chosen:
        return events
    event_filter = EventFilter(chosen, queryset=Event.objects.all())
    return events.filter(pk__in=filter_results(event_filter).values("pk"))


def calendar(request):
    """iCalendar feed of the events of public projects; accepts the filters of /events/."""
    city = current_city()
    feed = new_calendar()
    stamp = timezone.now().astimezone(datetime.UTC)
    for event in calendar_events(request.GET):
        feed.add_component(calendar_event(event, stamp))
    feed.add_missing_timezones()
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{city.slug}-kyodo.ics"'
    return response
