from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from volunteers.services import purge_applications


class Command(BaseCommand):
    help = (
        "Delete the answered applications of volunteer requests closed more than "
        "EVENT_APPLICATION_RETENTION_DAYS days ago. Run daily."
    )

    def handle(self, *args, **options):
        count = purge_applications(
            now=timezone.now(), retention_days=settings.EVENT_APPLICATION_RETENTION_DAYS
        )
        self.stdout.write(f"{count} application(s) deleted")
