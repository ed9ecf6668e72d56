"""The demo's volunteer requests (volunteers.toml) and one answered application, through
`volunteers.services`. Rows are found again by their natural keys (a request by organisation
+ role, an application by request + user); a second run adds nothing. The run is silenced:
nobody is told."""

from volunteers import services
from volunteers.models import VolunteerApplication, VolunteerRequest

from .datafiles import pick, read

REQUEST_FIELDS = ("starts_on", "ends_on", "place", "people", "skills", "description", "is_open")


def load(command):
    for entry in read("volunteers").get("requests", []):
        where = f"volunteers.toml {entry.get('role')}"
        organization = pick(command.organizations, entry.get("organization"), where=where)
        volunteer_request = VolunteerRequest.objects.filter(
            organization=organization, role=entry["role"]
        ).first()
        if volunteer_request is None:
            volunteer_request = VolunteerRequest(
                organization=organization,
                role=entry["role"],
                **{name: entry[name] for name in REQUEST_FIELDS if name in entry},
            )
            if entry.get("project"):
                volunteer_request.project = pick(command.projects, entry["project"], where=where)
            volunteer_request.full_clean()
            services.request_save(volunteer_request=volunteer_request)
        for person in entry.get("applications", []):
            user = pick(command.users, person["user"], where=where)
            if VolunteerApplication.objects.filter(request=volunteer_request, user=user).exists():
                continue
            application = services.application_create(
                volunteer_request=volunteer_request, user=user, message=person["message"]
            )
            if person.get("name"):
                application.name = person["name"]
                application.save(update_fields=["name"])
            if person.get("answer"):
                services.application_answer(
                    application=application,
                    accept=person["answer"] == "accepted",
                    answer=person.get("reply", ""),
                )
