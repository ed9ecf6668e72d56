from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("ポータル")

    def ready(self):
        from . import caching  # site registers the SITE_URL system check

        caching.connect()
