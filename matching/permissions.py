"""Who sends, answers and reads contact requests. Views and templates ask these."""

from organizations.models import Membership, Organization
from organizations.permissions import is_coordinating_staff


def _memberships(user):
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_matching_memberships", None)
    if cached is None:
        cached = {
            m.organization_id: m
            for m in Membership.objects.filter(user=user).select_related("organization")
        }
        user._matching_memberships = cached
    return cached


def sender_organizations(user, recipient=None):
    """The approved organisations the user may send a request from (any member may), the
    recipient itself aside."""
    return [
        membership.organization
        for membership in _memberships(user).values()
        if membership.organization.status == Organization.Status.APPROVED
        and (recipient is None or membership.organization_id != recipient.pk)
    ]


def can_send_to(user, recipient):
    """Members of an approved organisation may ask any other approved organisation, unless
    they belong to it themselves."""
    if not recipient.is_public or recipient.pk in _memberships(user):
        return False
    return bool(sender_organizations(user, recipient))


def is_sender_member(user, contact_request):
    return contact_request.sender_id in _memberships(user)


def is_recipient_owner(user, contact_request):
    """The recipient's owners (管理者) decide whether to share its contact."""
    membership = _memberships(user).get(contact_request.recipient_id)
    return membership is not None and membership.role == Membership.Role.OWNER


def is_party(user, contact_request):
    memberships = _memberships(user)
    return contact_request.sender_id in memberships or contact_request.recipient_id in memberships


def can_read(user, contact_request):
    """The members of both organisations, and 協働推進課 (who coordinate the network)."""
    return is_party(user, contact_request) or is_coordinating_staff(user)
