"""The mails of volunteer applications (volunteers.services names the kind after each
write's commit): to the organisation's members when someone applies, to the applicant when
answered."""

from django.urls import reverse

from portal.site import absolute_url
from volunteers.models import VolunteerApplication

from .services import send


def send_volunteer_mail(kind, application_id):
    application = (
        VolunteerApplication.objects.select_related("request__organization")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    volunteer_request = application.request
    organization = volunteer_request.organization
    context = {
        "application": application,
        "volunteer_request": volunteer_request,
        "organization": organization,
        "request_url": absolute_url(reverse("volunteers:detail", args=[volunteer_request.pk])),
        "applications_url": absolute_url(
            reverse("volunteers:applications", args=[volunteer_request.pk])
        ),
        "mypage_url": absolute_url(reverse("mypage:index")),
    }
    if kind == "applied":
        recipients = [
            email for email in organization.members.values_list("email", flat=True) if email
        ]
    else:
        recipients = [application.email]
    send(f"volunteer_{kind}", recipients, context, organization=organization)
