"""The search documents of volunteer requests, kept current on every save of the request and
of its organisation (whose name it carries)."""

from django.db.models.signals import post_save

from organizations.models import Organization
from portal.search import Index, joined

from .models import VolunteerRequest, VolunteerRequestDocument


def request_text(request):
    return request.role, joined(
        request.description, request.skills, request.place, request.organization.name
    )


REQUESTS = Index(
    VolunteerRequestDocument,
    request_text,
    objects=lambda: VolunteerRequest.objects.select_related("organization"),
)


def _on_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        REQUESTS.update(instance)


def _on_organization_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        for request in instance.volunteer_requests.select_related("organization"):
            REQUESTS.update(request)


def connect():
    post_save.connect(_on_saved, sender=VolunteerRequest, dispatch_uid="search_volunteer")
    post_save.connect(
        _on_organization_saved, sender=Organization, dispatch_uid="search_volunteer_org"
    )
