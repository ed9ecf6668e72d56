"""Addresses in a text: a message read before both sides agreed must carry none, and what
each side learns once they agree."""

import re
import unicodedata
from dataclasses import dataclass

from accounts.models import display_name_of

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Japanese phone numbers: 0 and 9 to 10 more digits, with or without hyphens or brackets.
_PHONE = re.compile(r"(?<!\d)0\d{1,4}[-(\s]?\d{1,4}[-)\s]?\d{3,4}(?!\d)")


def find_contact(text):
    """The first e-mail address or phone number in `text` (full-width forms too), or ''."""
    folded = unicodedata.normalize("NFKC", text or "")
    found = _EMAIL.search(folded) or _PHONE.search(folded)
    return found.group(0) if found else ""


@dataclass(frozen=True)
class Contact:
    """What one side of an accepted request tells the other."""

    organization: str
    person: str
    email: str
    office_email: str


def contact_of(organization, user):
    """The organisation's office address (事務連絡用) and the person who asked or answered."""
    return Contact(
        organization=organization.name,
        person=display_name_of(user) if user is not None else "",
        email=(user.email if user is not None else "") or "",
        office_email=organization.private_email,
    )


def shared_contacts(contact_request):
    """(the sender's contact, the recipient's contact), once the request is accepted only."""
    if not contact_request.is_accepted:
        return None, None
    return (
        contact_of(contact_request.sender, contact_request.sender_user),
        contact_of(contact_request.recipient, contact_request.answered_by),
    )
