"""/healthz: the database, the cache and the broker when one is set; JSON, 503 when a part is
down, never cached, and nothing private in the answer."""

import os

import pytest
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db

# What a real driver says when the server is away: the host must not reach the page.
REFUSED = 'connection to server at "10.9.8.7", port 5432 failed: Connection refused'


@pytest.fixture
def in_process(settings):
    """Tasks run in-process (no CELERY_BROKER_URL), as `make run` does: no broker to check."""
    settings.CELERY_BROKER_URL = "memory://"


def test_answers_ok_when_every_part_answers(client, in_process):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_is_never_cached(client):
    cache_control = client.get("/healthz")["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_answers_503_when_the_database_is_down(client, in_process, monkeypatch):
    from django.db import connections

    def refused(*args, **kwargs):
        raise OperationalError(REFUSED)

    monkeypatch.setattr(connections["default"], "cursor", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert "10.9.8.7" not in response.content.decode()


@pytest.mark.parametrize(
    "session_engine",
    ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cache"],
)
def test_answers_503_when_the_cache_is_down(client, in_process, session_engine):
    """A Redis server nobody answers at, as production's cache (and session store, when
    REDIS_URL is set) would be when Redis is away: the page still answers, with 503."""
    away = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://:cache-password@127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    # Over before the other fixtures clear the cache.
    with override_settings(CACHES=away, SESSION_ENGINE=session_engine):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}
    assert "cache-password" not in response.content.decode()


def test_checks_the_broker_when_one_is_set(client, settings):
    settings.CELERY_BROKER_URL = "redis://:secret-password@127.0.0.1:1/0"  # nothing listens
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
    assert "secret-password" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_names_no_broker_when_none_is_set(client, settings, in_process):
    assert "broker" not in client.get("/healthz").json()


def test_a_broker_that_answers_is_ok(client, settings):
    """The local Redis, as CI's CELERY_BROKER_URL is."""
    settings.CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/7")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
