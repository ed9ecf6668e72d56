"""Remind the parties whose mutual evaluation is still open near or after its deadline (run
daily, e.g. from cron: `python manage.py remind_evaluations`)."""

from django.core.management.base import BaseCommand

from principles.services import REMIND_BEFORE_DAYS, REMIND_EVERY_DAYS, send_due_reminders


class Command(BaseCommand):
    help = (
        f"Mail the parties whose evaluation is open {REMIND_BEFORE_DAYS} days or less before "
        f"its deadline (or after it), at most every {REMIND_EVERY_DAYS} days."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"reminded: {sent}")
