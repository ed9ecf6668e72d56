"""Reads of contact requests for the pages."""

from .models import ContactRequest


def requests_of_user(user):
    """(received, sent): the requests of the organisations the user belongs to."""
    base = ContactRequest.objects.select_related("sender", "recipient").order_by(
        "-created_at", "-pk"
    )
    organizations = user.memberships.values("organization")
    return (
        list(base.filter(recipient__in=organizations)),
        list(base.filter(sender__in=organizations)),
    )


def waiting_for(user):
    """The open requests the user may answer: those to an organisation they own."""
    return list(
        ContactRequest.objects.filter(
            status=ContactRequest.Status.OPEN,
            recipient__memberships__user=user,
            recipient__memberships__role="owner",
        ).select_related("sender", "recipient")
    )
