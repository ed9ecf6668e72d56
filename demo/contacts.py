"""The demo's contact requests between organisations (contacts.toml), sent through
`matching.services` as of their date. A request is found again by its pair; a second run
adds nothing. Nobody is told (the portal records past requests silently)."""

from matching.models import ContactRequest
from matching.services import contact_request_send

from .datafiles import moment, pick, read


def load(command):
    for entry in read("contacts").get("requests", []):
        where = f"contacts.toml {entry.get('sender')} → {entry.get('recipient')}"
        sender = pick(command.organizations, entry.get("sender"), where=where)
        recipient = pick(command.organizations, entry.get("recipient"), where=where)
        if ContactRequest.objects.filter(sender=sender, recipient=recipient).exists():
            continue
        contact_request_send(
            sender=sender,
            recipient=recipient,
            user=pick(command.users, entry.get("user"), where=where),
            message=entry["message"].strip(),
            at=moment(entry["at"], where=where),
        )
