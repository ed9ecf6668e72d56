from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("団体どうしのつながり")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import RelatedWords

        post_save.connect(RelatedWords.forget, sender=RelatedWords, dispatch_uid="related-words")
        post_delete.connect(RelatedWords.forget, sender=RelatedWords, dispatch_uid="related-words")
