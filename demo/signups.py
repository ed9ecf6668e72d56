"""The demo's sign-ups (signups.toml): the settings of a few coming events and their
applicants, through `events.services` as the organiser would record them. Rows are found
again by their natural keys (a sign-up by its event, an application by event + address); a
second run adds nothing. The run is silenced: nobody is told."""

from django.utils.translation import gettext as _

from events import services
from events.models import Application, Signup
from projects.models import Event

from .datafiles import DataError, ensure, pick, read

SIGNUP_FIELDS = (
    "capacity",
    "deadline",
    "asks_phone",
    "asks_party_size",
    "asks_accessibility",
    "keeps_waiting_list",
)
APPLICATION_FIELDS = ("name", "email", "party_size", "phone", "accessibility_needs")


def load(command):
    for entry in read("signups").get("signups", []):
        where = f"signups.toml {entry.get('event')}"
        project = pick(command.projects, entry.get("project"), where=where)
        event = Event.objects.filter(project=project, title=entry.get("event")).first()
        if event is None:
            raise DataError(_("%(where)s: このイベントはありません。") % {"where": where})
        values = {name: entry[name] for name in SIGNUP_FIELDS if name in entry}
        ensure(Signup, {"event": event}, values)
        for person in entry.get("applications", []):
            if Application.objects.filter(event=event, email=person["email"]).exists():
                continue
            services.application_record(
                event=event, **{k: person[k] for k in APPLICATION_FIELDS if k in person}
            )
