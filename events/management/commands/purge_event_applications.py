from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from events.services import applications_purge


class Command(BaseCommand):
    help = (
        "Delete the applicants of events that ended more than "
        "EVENT_APPLICATION_RETENTION_DAYS days ago. Run daily."
    )

    def handle(self, *args, **options):
        count = applications_purge(
            today=timezone.localdate(), retention_days=settings.EVENT_APPLICATION_RETENTION_DAYS
        )
        self.stdout.write(f"{count} application(s) deleted")
