"""Emptying the cache between tests without touching another test process's keys."""

from django.core.cache import cache


def clear_cache():
    """With Redis as the cache (REDIS_URL), django-redis' `clear()` empties the whole Redis
    database, the keys of the other pytest-xdist processes included; each process has a key
    prefix of its own (config/scaling.py), and deletes only the keys under it."""
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()
