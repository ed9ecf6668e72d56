"""Reads of public pages from a streaming replica; everything else from the primary.

A request may read from the replica (settings.DATABASE_REPLICA_READS) only when it is a GET or
HEAD, carries no session cookie (nobody signed in: the signed-in always see their own writes)
and no pin cookie (its visitor wrote a moment ago, and the replica may not have caught up).
Within such a request, the first write sends every later read to the primary too, and so does
an open transaction. Outside a request (commands, tasks, the shell) everything is on the
primary.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

# The database alias of the replica (config/scaling.py defines it).
REPLICA = "replica"

# Per request: may it read from the replica, and has it written?
_replica_allowed = ContextVar("replica_allowed", default=False)
_wrote = ContextVar("wrote", default=False)

PIN_COOKIE = "kyodo_primary"
SAFE_METHODS = ("GET", "HEAD")


def _may_use_replica(request):
    return (
        settings.DATABASE_REPLICA_READS
        and request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


class ReplicaMiddleware:
    """Says for each request whether its reads may go to the replica; after a request that
    wrote, pins its visitor to the primary for DATABASE_REPLICA_PIN_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = _replica_allowed.set(bool(_may_use_replica(request)))
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() and settings.DATABASE_REPLICA_READS:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            _replica_allowed.reset(allowed)
            _wrote.reset(wrote)


def reading_from_replica():
    """Whether a read made now goes to the replica."""
    return (
        _replica_allowed.get()
        and not _wrote.get()
        and not transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block
    )


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reading_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's very rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
