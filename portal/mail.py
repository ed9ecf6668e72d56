"""Plain-text mail rendered as plain text: subjects and bodies are not HTML, so nothing in them
is HTML-escaped (a title with & or ' arrives as typed, not as &amp; or &#x27;)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context, Engine

# Where mail that must not hold up a request goes: notifications registers its queue (the mail
# is kept in the database and sent by a task, tried again while the server refuses it). Until
# one is registered, a mail is sent at once.
_outbox = []


def render_text(template_name, context):
    """A template rendered without HTML escaping, for a mail's plain-text body."""
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))


def render_subject(template_name, context):
    """A mail subject: rendered without HTML escaping, on one line (a line break in a
    subject would start a new mail header)."""
    return " ".join(render_text(template_name, context).split())


def register_outbox(queue):
    """`queue(kind, subject, body, recipients, *, holds_secret)` takes every mail of
    `send_later`."""
    _outbox[:] = [queue]


def send_later(kind, subject, body, recipients, *, sender=None, holds_secret=False):
    """Hand a mail to the outbox. `holds_secret`: the text carries a single-use link (a
    password reset, an address confirmation, an invitation), so a copy of it is never kept
    for staff to read or send again."""
    if _outbox:
        _outbox[0](kind, subject, body, list(recipients), holds_secret=holds_secret)
    else:
        send_mail(subject, body, sender or settings.DEFAULT_FROM_EMAIL, list(recipients))
