"""Contact requests for tests: made through the service, as the portal makes them."""

from matching.services import contact_request_send


def make_contact_request(sender, recipient, user, message="活動についてご相談させてください。"):
    return contact_request_send(sender=sender, recipient=recipient, user=user, message=message)
