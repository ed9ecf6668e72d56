"""The public pages, cached whole for the anonymous visitor, and what they count, remembered.

Everything public is drawn from the database, so everything cached is stamped with one
version: the time of the last change to anything public. Saving or deleting a row of any
model outside `PUBLIC_CACHE["IGNORE"]` (sessions, the mail queue, …) moves the version on, at
once and again when the transaction commits (a request between the two could have cached
the old state), so the next request after a publish, a hide, an edit, an evaluation, an
organisation's approval or an event's change draws the page again. Nothing is ever deleted:
an entry kept under an older version is not used (it is overwritten, or expires); the version
and the entry are read in one round trip. With a read replica, a page drawn within
DATABASE_REPLICA_PIN_SECONDS of a change is not kept (the replica may not have it yet).

- `public_page(view)` marks a view whose anonymous answer is the same for every anonymous
  visitor: `PublicPageCacheMiddleware` answers it from the cache, keyed by the full URL, the
  language, the day (pages say 実施中 and "upcoming" from the date) and the version. Never
  for a signed-in person, never a response that sets a cookie or shows a message, never a
  status other than 200; a form's CSRF token is the visitor's own, put in on every hit.
- `public_page(view, shared=True)` marks the feeds, calendars and open data, which are the
  same for everyone: cached for the signed-in too, with `Cache-Control`, an `ETag` and a
  `Last-Modified`, and answered 304 when the client already has this version.
- `remember(name, compute)` keeps what a public list computes (its count, its 年度) until
  the next change, so that a list of 100,000 projects does not count them on every request.

The pages carry no CSP nonce (no inline script or style: settings.CONTENT_SECURITY_POLICY),
and the header is added outside this cache, on every response: a cached page is served with
the same policy as a fresh one.
"""

import functools
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.utils.translation import get_language

VERSION_KEY = "public:version"
MARK = "public_page"
# The CSRF token of a form ({% csrf_token %}: the language switch of every page, an event's
# sign-up form) is the visitor's own: a page is kept with a placeholder in its place, and
# each visitor served from the cache gets a token of their own there (and its cookie).
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"__public_cache_csrf_token__"


def _settings():
    return {"SECONDS": 300, "SHARED_MAX_AGE": 300, "IGNORE": (), **settings.PUBLIC_CACHE}


def enabled():
    return _settings()["SECONDS"] > 0


# -- the version ---------------------------------------------------------------------------


def version():
    """The time (in microseconds) of the last change to anything public."""
    return _read(None)[0]


def _read(key):
    """(the version, the entry at `key` if it was kept under that version): one round trip
    to the cache for both."""
    found = cache.get_many([VERSION_KEY, key] if key else [VERSION_KEY])
    stamp = found.get(VERSION_KEY)
    if stamp is None:
        return _bump(), None
    entry = found.get(key)
    return stamp, entry if entry is not None and entry["version"] == stamp else None


def _keep(key, stamp, entry):
    cache.set(key, {**entry, "version": stamp}, timeout=_settings()["SECONDS"])


def _bump():
    # A time rather than a counter: it is also the pages' Last-Modified, and two web
    # machines bumping at once still both leave a version no page was cached under.
    stamp = time.time_ns() // 1000
    cache.set(VERSION_KEY, stamp, timeout=None)
    return stamp


def public_changed(using=None):
    """Something public changed: the next request draws every page again."""
    _bump()
    connection = transaction.get_connection(using)
    # Once a transaction: a savepoint rolled back drops its callback with it, and a change
    # after that registers another.
    if connection.in_atomic_block and not any(
        callback is _bump for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump, using=using)


def _ignored(sender):
    meta = sender._meta
    ignore = _settings()["IGNORE"]
    return meta.app_label in ignore or meta.label_lower in ignore


def _on_change(sender, using=None, **kwargs):
    if kwargs.get("raw") or _ignored(sender):
        return
    if "action" in kwargs and not kwargs["action"].startswith("post_"):
        return
    public_changed(using)


def connect():
    """Every save, delete and many-to-many change moves the version (portal.apps)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"public_cache_{id(signal)}")


# -- what the lists compute ----------------------------------------------------------------


def remember(name, compute):
    """`compute()`, kept until anything public changes (or the cache's time is up)."""
    if not enabled():
        return compute()
    key = f"public:{name}"
    stamp, entry = _read(key)
    if entry is None:
        entry = {"value": compute()}
        _keep(key, stamp, entry)
    return entry["value"]


class PublicPaginator(Paginator):
    """A paginator of a public list: its count is remembered (counting 100,000 public
    projects is the dearest part of a list page), keyed by the count's own SQL. `counted`:
    a narrower queryset that counts the same rows (the kind's search documents, under an
    index that answers the count alone)."""

    def __init__(self, object_list, per_page, *args, counted=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        # A search answered from its documents (portal.search.PublicResults) counts them.
        self.counted = (
            counted if counted is not None else getattr(object_list, "documents", object_list)
        )

    @cached_property
    def count(self):
        queryset = self.counted
        try:
            sql, params = queryset.order_by().query.sql_with_params()
        except EmptyResultSet:  # an invalid filter's .none(): nothing to count
            return 0
        digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
        return remember(f"count:{digest}", queryset.order_by().count)


# -- the pages -----------------------------------------------------------------------------


def public_page(view=None, *, shared=False):
    """Mark a view as public (see the module's text); `shared`: the same for everyone."""
    if view is None:
        return functools.partial(public_page, shared=shared)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    setattr(wrapped, MARK, {"shared": shared})
    return wrapped


def _key(request):
    today = timezone.localdate().isoformat()
    url = request.build_absolute_uri()
    digest = hashlib.sha256(f"{url}|{get_language()}|{today}".encode()).hexdigest()
    return f"public:page:{digest}"


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and (len(storage) > 0 or storage.added_new)


def _last_modified(stamp):
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(int(stamp / 1_000_000), int(midnight.timestamp()))


def _storable(request, response, stamp):
    # Just after a change a replica may not have it yet: what it answers is not kept.
    recent = time.time() - stamp / 1_000_000 < settings.DATABASE_REPLICA_PIN_SECONDS
    if settings.DATABASE_REPLICA_READS and recent:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _has_messages(request):
        return False  # a message is this visitor's own
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _stored(response):
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    headers = [(h, v) for h, v in response.items() if h.lower() != "set-cookie"]
    return {"status": 200, "content": content, "headers": headers}


def _rebuild(request, stored):
    content = stored["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=stored["status"])
    for header, value in stored["headers"]:
        response[header] = value
    return response


class PublicPageCacheMiddleware:
    """Serves and stores the pages marked `public_page` (the last middleware: the session,
    the user, the language and the messages are known when it runs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(request, "_public_page", None)
        if entry is None:
            return response
        key, stamp, shared = entry
        if request.method == "GET" and _storable(request, response, stamp):
            _keep(key, stamp, _stored(response))
        if shared:
            self._shared_headers(response, key, stamp)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        mark = getattr(view_func, MARK, None)
        if mark is None or not enabled() or request.method not in ("GET", "HEAD"):
            return None
        shared = mark["shared"]
        if not shared and (request.user.is_authenticated or _has_messages(request)):
            return None
        key = _key(request)
        stamp, stored = _read(key)
        response = None
        if shared:
            etag, modified = self._validators(key, stamp)
            response = get_conditional_response(request, etag=etag, last_modified=modified)
        if response is None:
            if stored is None:
                request._public_page = (key, stamp, shared)  # drawn, then stored
                return None
            response = _rebuild(request, stored)
            response["X-Public-Cache"] = "hit"
        if shared:
            self._shared_headers(response, key, stamp)
        return response

    @staticmethod
    def _validators(key, stamp):
        tag = hashlib.sha256(f"{key}|{stamp}".encode()).hexdigest()[:32]
        return f'W/"{tag}"', _last_modified(stamp)

    def _shared_headers(self, response, key, stamp):
        etag, modified = self._validators(key, stamp)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        patch_cache_control(response, public=True, max_age=_settings()["SHARED_MAX_AGE"])
