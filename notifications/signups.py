"""The mails of event sign-ups (events.services names the kind after each write's commit):
to the applicant's address only, with their own single-use links."""

from django.urls import reverse

from events.models import Application
from events.selectors import when_text
from portal.site import absolute_url

from .services import send


def send_application_mail(kind, application_id):
    application = (
        Application.objects.select_related("event__project__lead_organization")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    event = application.event
    context = {
        "application": application,
        "event": event,
        "when": when_text(event),
        "event_url": absolute_url(reverse("events:detail", args=[event.pk])),
        "confirm_url": "",
        "page_url": "",
    }
    if application.confirm_token:
        context["confirm_url"] = absolute_url(
            reverse("events:confirm", args=[application.confirm_token])
        )
    elif application.cancel_token:
        context["page_url"] = absolute_url(
            reverse("events:application", args=[application.cancel_token])
        )
    send(f"signup_{kind}", [application.email], context, project=event.project)
