from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("通知")

    def ready(self):
        # Every lifecycle tells its audiences by mail after each action (notifications sits
        # above the domain apps, which therefore never import it).
        from calls.lifecycle import CALL_LIFECYCLE
        from events.services import subscribe as subscribe_to_signups
        from matching.lifecycle import CONTACT_LIFECYCLE
        from organizations.lifecycle import ORGANIZATION_LIFECYCLE
        from portal.mail import register_outbox
        from principles.lifecycle import EVALUATION_LIFECYCLE
        from projects.lifecycle import PROJECT_LIFECYCLE
        from volunteers.services import subscribe as subscribe_to_volunteers

        from . import contacts
        from .services import AUDIENCES, MAILS, announce, queue_account_mail
        from .signups import send_application_mail
        from .volunteers import send_volunteer_mail

        for lifecycle in (
            PROJECT_LIFECYCLE,
            ORGANIZATION_LIFECYCLE,
            EVALUATION_LIFECYCLE,
            CALL_LIFECYCLE,
            CONTACT_LIFECYCLE,
        ):
            lifecycle.subscribe(announce)
        MAILS.update(contacts.MAILS)
        AUDIENCES.update(contacts.AUDIENCES)
        subscribe_to_signups(send_application_mail)
        subscribe_to_volunteers(send_volunteer_mail)
        # Account mails (sign-up, confirmation, password reset) and invitations leave through
        # the same queue, outside the request.
        register_outbox(queue_account_mail)
