"""allauth's mails speak for the city of the profile: its sender, subject prefix and texts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.encoding import force_str

from city.profile import current, mail_sender


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        return mail_sender()

    def format_email_subject(self, subject):
        return f"[{current().localized().portal_name}] {force_str(subject)}"

    def send_mail(self, template_prefix, email, context):
        # Subjects are rendered without the request, hence without the context processors.
        super().send_mail(template_prefix, email, {"city": current().localized(), **context})
