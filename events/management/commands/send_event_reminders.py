from django.core.management.base import BaseCommand
from django.utils import timezone

from events.services import reminders_send


class Command(BaseCommand):
    help = (
        "Mail a reminder to everyone holding a place for an event tomorrow. Run daily; "
        "each person is reminded once however often it runs."
    )

    def handle(self, *args, **options):
        count = reminders_send(today=timezone.localdate())
        self.stdout.write(f"{count} reminder(s) sent")
