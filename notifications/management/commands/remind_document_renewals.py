"""Mail the owners of every organisation whose kept document (規約・会則, 役員名簿, …) runs
out within 30 days, once per valid-until date (run daily, e.g. from cron:
`python manage.py remind_document_renewals`; Celery beat runs the same task)."""

from django.core.management.base import BaseCommand

from notifications.renewals import RENEW_BEFORE_DAYS, remind_document_renewals


class Command(BaseCommand):
    help = (
        f"Mail the owners of organisations whose documents run out within {RENEW_BEFORE_DAYS} "
        "days, once per valid-until date."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"reminded: {remind_document_renewals()}")
