from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from staff.exports import purge_exports


class Command(BaseCommand):
    help = (
        "Delete the desk's background exports asked more than EXPORT_KEEP_DAYS days ago, "
        "with their files. Run daily."
    )

    def handle(self, *args, **options):
        count = purge_exports(now=timezone.now(), keep_days=settings.EXPORT_KEEP_DAYS)
        self.stdout.write(f"{count} export(s) deleted")
