"""django-allauth's mails written like the portal's own: plain text without HTML escaping,
and every link on the public address (SITE_URL) rather than the host a request named."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMessage

from portal.mail import render_subject, render_text
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
    def render_mail(self, template_prefix, email, context, headers=None):
        context = {**context, **_links_on_site_url(context)}
        subject = render_subject(f"{template_prefix}_subject.txt", context)
        body = render_text(f"{template_prefix}_message.txt", context).strip()
        to = [email] if isinstance(email, str) else email
        return EmailMessage(
            self.format_email_subject(subject), body, self.get_from_email(), to, headers=headers
        )
