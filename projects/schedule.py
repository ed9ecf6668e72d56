"""A 後援's schedule: its period, place and calendar event follow from its own data."""

from .models import Event


def patronage_schedule_derive(*, project, detail):
    """A 後援 is asked its event's name, date and place once (its PatronageDetail); the
    project's period and place and its event on the calendar follow from them.

    The event keeps what only it holds (times, address); without a date there is no event."""
    project.starts_on = project.ends_on = detail.event_date
    project.place = detail.venue
    project.save(update_fields=["starts_on", "ends_on", "place", "updated_at"])
    event = project.events.order_by("starts_on", "id").first()
    if detail.event_date is None:
        project.events.all().delete()
        return
    if event is None:
        event = Event(project=project)
    event.title = detail.event_name or project.title
    event.starts_on = detail.event_date
    event.ends_on = None
    event.place = detail.venue
    event.save()
