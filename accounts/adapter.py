"""django-allauth's mails written like the portal's own: the city's sender and subject prefix,
plain text without HTML escaping, and every link on the public address (SITE_URL) rather than
the host a request named. They leave through the portal's queue (portal.mail.send_later),
never holding up the request, and, since they carry single-use links, no copy of their text
is kept for anyone to read or send again."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMessage
from django.utils.encoding import force_str

from city.profile import current, mail_sender
from portal.mail import render_subject, render_text, send_later
from portal.site import absolute_url


def on_site_url(url):
    """An absolute link of the portal moved onto SITE_URL (path and query kept)."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def _links_on_site_url(context):
    return {
        key: on_site_url(value)
        for key, value in context.items()
        if key.endswith("_url")
        and isinstance(value, str)
        and urlsplit(value).scheme in ("http", "https")
    }


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        return mail_sender()

    def format_email_subject(self, subject):
        return f"[{current().localized().portal_name}] {force_str(subject)}"

    def render_mail(self, template_prefix, email, context, headers=None):
        # Rendered without the request, hence without the context processors: add the city.
        context = {"city": current().localized(), **context, **_links_on_site_url(context)}
        subject = render_subject(f"{template_prefix}_subject.txt", context)
        body = render_text(f"{template_prefix}_message.txt", context).strip()
        to = [email] if isinstance(email, str) else email
        return EmailMessage(
            self.format_email_subject(subject), body, self.get_from_email(), to, headers=headers
        )

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, {"email": email, **context})
        send_later(
            "account:" + template_prefix.rsplit("/", 1)[-1],
            message.subject,
            message.body,
            message.to,
            sender=message.from_email,
            holds_secret=True,
        )
