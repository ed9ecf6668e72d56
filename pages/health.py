"""What /healthz looks at: the database, the cache, and the task broker when one is set.

Each check answers True or False and logs what went wrong; the page itself names nothing
but the part and its state, so that a load balancer (or anyone) learns no private detail.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connections

logger = logging.getLogger(__name__)

# How long the broker may take to answer before it counts as down, in seconds.
BROKER_TIMEOUT = 2


def database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache():
    """Writes a key and reads it back: a cache that only pretends to answer is down too."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    default = caches["default"]
    default.set(key, value, timeout=10)
    answered = default.get(key) == value
    default.delete(key)
    return answered


def broker():
    from kombu import Connection  # Celery's own transport library, there when Celery is

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT) as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    return True


def checks():
    """The parts this installation uses, by the name /healthz reports them under."""
    parts = {"database": database, "cache": cache}
    # Without CELERY_BROKER_URL in the environment tasks run in-process on Celery's in-memory
    # transport: there is no broker to ask.
    if getattr(settings, "CELERY_BROKER_URL", "") not in ("", "memory://"):
        parts["broker"] = broker
    return parts


def report():
    """`{"database": True, "cache": True, …}`: which parts answered."""
    states = {}
    for name, check in checks().items():
        try:
            states[name] = bool(check())
        except Exception:  # noqa: BLE001 - any failure of a part means "down"
            logger.warning("Health check %s failed", name, exc_info=True)
            states[name] = False
    return states
