"""What the tests of `load_demo` share: running it, and the histories the data files
describe beside those the database holds."""

import io

from django.core.management import call_command

from calls.models import Call
from demo import datafiles
from organizations.models import Organization
from projects.models import Project, Transition

DEMO_EMAILS = (
    "staff@example.jp",
    "dept@example.jp",
    "member@example.jp",
    "reviewer@example.jp",
    "admin@example.jp",
)
DEMO_PASSWORD = datafiles.read("users")["password"]


def run_load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def data_histories():
    """{(kind, natural key): [(action, moment), …]} of every history in the data files."""
    histories = {}
    organizations = datafiles.read("organizations")["organizations"]
    names = {entry["key"]: entry["name"] for entry in organizations}
    for entry in organizations:
        histories[("organization", entry["name"])] = [
            (step["action"], datafiles.moment(step["at"], where="")) for step in entry["history"]
        ]
    for _name, data in datafiles.read_folder("projects"):
        for entry in data["projects"]:
            key = ("project", (entry["title"], names[entry["lead"]], entry["fiscal_year"]))
            histories[key] = [
                (step["action"], datafiles.moment(step["at"], where=""))
                for step in entry.get("history", [])
            ]
    for entry in datafiles.read("calls")["calls"]:
        histories[("call", entry["title"])] = [
            (step["action"], datafiles.moment(step["at"], where="")) for step in entry["history"]
        ]
    return histories


def recorded_histories():
    histories = {}
    for organization in Organization.objects.all():
        histories[("organization", organization.name)] = [
            (entry.action, entry.created_at) for entry in organization.transitions.all()
        ]
    for project in Project.objects.select_related("lead_organization"):
        key = (project.title, project.lead_organization.name, project.fiscal_year)
        # A partner's confirmation is the loader's, not the data files' (see below).
        histories[("project", key)] = [
            (entry.action, entry.created_at)
            for entry in project.transitions.exclude(action__startswith="partner_")
        ]
    for call in Call.objects.all():
        histories[("call", call.title)] = [
            (entry.action, entry.created_at) for entry in call.history.order_by("created_at", "pk")
        ]
    return histories


def partner_confirmations():
    """The confirmations the loader takes for the partner organisations it names."""
    return Transition.objects.filter(action="partner_confirm").count()
