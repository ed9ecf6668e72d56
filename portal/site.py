"""The portal's public address (`SITE_URL`), from which every absolute link is built: mails,
feeds, the sitemap, the calendar, invitation links, robots.txt and the open data.

Links never come from the request's Host header nor from the sites framework's `Site` row
(which says example.com until someone changes it): one setting, checked at start-up.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


def site_url():
    """https://kyodo.example.jp (no trailing slash)."""
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/")


def site_scheme():
    return urlsplit(site_url()).scheme or "https"


def site_domain():
    """kyodo.example.jp (with the port, if it has one)."""
    return urlsplit(site_url()).netloc


def absolute_url(path):
    """The public address of a path: /projects/1/ → https://kyodo.example.jp/projects/1/.
    An address that already is absolute is returned as it is."""
    path = str(path)
    if urlsplit(path).scheme:
        return path
    return site_url() + ("" if path.startswith("/") else "/") + path


def site_url_problem(value):
    """Why `value` cannot be the public address, or None."""
    if not value:
        return "SITE_URL is not set."
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"SITE_URL must be an http:// or https:// address, not {value!r}."
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return f"SITE_URL must be the address of the site alone, without a path: {value!r}."
    return None


@checks.register()
def check_site_url(app_configs=None, **kwargs):
    """In production (DEBUG off) the public address must be set and be http(s)."""
    problem = site_url_problem(getattr(settings, "SITE_URL", ""))
    if problem is None:
        return []
    hint = "Set the SITE_URL environment variable, e.g. SITE_URL=https://kyodo.example.jp"
    if settings.DEBUG:
        if getattr(settings, "SITE_URL", ""):
            return [checks.Warning(problem, hint=hint, id="portal.W001")]
        return []
    return [checks.Error(problem, hint=hint, id="portal.E001")]
