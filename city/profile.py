"""The city profile in use: `current()` for code, `city` for templates (context processor).

The profile is read once and kept in the cache (local memory, or Redis when configured):
pages add no query while it is cached. Saving or deleting the profile forgets it; the
timeout bounds how long another process's local cache may show an older version.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext

from . import datafiles
from .models import CityProfile

CACHE_KEY = "city:profile"
CACHE_SECONDS = 300


def current():
    """The profile in use: the database row, or, before one is loaded, the profile of the
    configured data files (unsaved)."""
    profile = cache.get(CACHE_KEY)
    if profile is None:
        profile = CityProfile.objects.order_by("pk").first()
        if profile is None:
            profile = CityProfile(
                **datafiles.profile_fields(datafiles.read("profile"), tables=datafiles.EVERY_TABLE)
            )
        cache.set(CACHE_KEY, profile, CACHE_SECONDS)
    return profile


def forget():
    cache.delete(CACHE_KEY)
    # A request between the change and its commit may have cached the old row again.
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def mail_sender():
    """The From of every e-mail: the profile's sender, or the DEFAULT_FROM_EMAIL setting."""
    return current().mail_from or settings.DEFAULT_FROM_EMAIL


def _admin_title():
    return gettext("%(portal)s 管理") % {"portal": current().localized().portal_name}


# For admin.site.site_header: read when a page is drawn, not when the URLs are loaded.
admin_title = lazy(_admin_title, str)
