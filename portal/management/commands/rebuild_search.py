from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from portal.search import Index


class Command(BaseCommand):
    help = _("検索用の文書をすべて作り直します(データを一括で取り込んだあとなどに)。")

    def handle(self, *args, **options):
        for index in Index.registry:
            with transaction.atomic():
                count = index.rebuild()
            label = index.document_model._meta.label
            self.stdout.write(f"{label}: {count}")
