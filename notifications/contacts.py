"""The mails of contact requests between organisations (matching.lifecycle): the recipient's
owners hear of a request, the sender of the answer. Only an accepted request carries the
other side's contact; before that no mail names an address of the other side."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from matching.contact import contact_of
from portal.site import absolute_url

MAILS = {
    ("contact", "recipient"): "contact_request",
    ("contact", "recipient", "accept"): "contact_shared",
    ("contact", "recipient", "withdraw"): "contact_withdrawn",
    ("contact", "sender"): "contact_declined",
    ("contact", "sender", "accept"): "contact_shared",
}


def _owner_emails(organization):
    users = get_user_model().objects.filter(
        memberships__organization=organization, memberships__role="owner", is_active=True
    )
    return [user.email for user in users if user.email]


def _links(contact_request):
    return {
        "request_url": absolute_url(reverse("matching:detail", args=[contact_request.pk])),
        "mypage_url": absolute_url(reverse("mypage:index")),
    }


def _recipient(contact_request, entry=None):
    """The recipient's owners; once accepted, they learn the sender's contact."""
    context = {**_links(contact_request), "own": contact_request.recipient}
    if contact_request.is_accepted:
        context["other"] = contact_of(contact_request.sender, contact_request.sender_user)
    return _owner_emails(contact_request.recipient), context


def _sender(contact_request, entry=None):
    """The person who asked and the sender's owners; once accepted, they learn the
    recipient's contact (the person who accepted, and its office address)."""
    recipients = _owner_emails(contact_request.sender)
    user = contact_request.sender_user
    if user is not None and user.is_active and user.email:
        recipients.append(user.email)
    context = {**_links(contact_request), "own": contact_request.sender}
    if contact_request.is_accepted:
        context["other"] = contact_of(contact_request.recipient, contact_request.answered_by)
    return recipients, context


AUDIENCES = {
    ("contact", "recipient"): _recipient,
    ("contact", "sender"): _sender,
}
