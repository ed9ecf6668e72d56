"""Settings that follow from the environment."""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction

WRITERS = 6


def _concurrent_writes(settings_dict):
    """WRITERS threads, each reading then writing in one transaction, all at once."""
    alias = "concurrent_writers"
    connections.settings[alias] = settings_dict
    errors, start = [], threading.Barrier(WRITERS)

    def write(number):
        try:
            start.wait()
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM writes")
                cursor.fetchone()
                time.sleep(0.05)  # everyone has read before anyone writes
                cursor.execute("INSERT INTO writes (number) VALUES (%s)", [number])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[alias].close()

    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE writes (number integer)")
    connections[alias].close()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM writes")
        (count,) = cursor.fetchone()
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]
    return errors, count


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite settings apply to SQLite only"
)


@sqlite_only
def test_sqlite_waits_for_the_lock_and_starts_writing_transactions_at_once():
    options = connection.settings_dict["OPTIONS"]
    assert options["timeout"] >= 5
    assert options["transaction_mode"] == "IMMEDIATE"


@sqlite_only
def test_concurrent_writers_on_sqlite_all_succeed(tmp_path, django_db_blocker):
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "concurrent.sqlite3")}
    with django_db_blocker.unblock():
        errors, count = _concurrent_writes(settings_dict)
    assert errors == []
    assert count == WRITERS


@sqlite_only
def test_without_those_options_concurrent_writers_fail(tmp_path, django_db_blocker):
    """The check above is a real one: SQLite's defaults lose writes here."""
    settings_dict = {
        **connection.settings_dict,
        "NAME": str(tmp_path / "concurrent.sqlite3"),
        "OPTIONS": {},
    }
    with django_db_blocker.unblock():
        errors, count = _concurrent_writes(settings_dict)
    assert any("database is locked" in error for error in errors)
    assert count < WRITERS


# ---- settings read from the environment, in a fresh interpreter each ----------------------

ENVIRONMENT = (
    # The browser tests switch off async safety; production never does (async.E001).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "SITE_URL",
    "BEHIND_PROXY",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
    "ORGANIZATION_INVITATIONS_PER_DAY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "DATABASE_STATEMENT_TIMEOUT",
    "DATABASE_CONNECT_TIMEOUT",
)


def _run(args, **environment):
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {key: value for key, value in os.environ.items() if key not in ENVIRONMENT}
    env.update(environment)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(name, **environment):
    result = _run(
        ["-c", f"from config import settings; print(repr(settings.{name}))"], **environment
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - our own repr()


def test_site_url_defaults_to_the_development_server_in_debug():
    assert setting("SITE_URL", DEBUG="true") == "http://127.0.0.1:8000"


def test_site_url_has_no_default_in_production():
    assert setting("SITE_URL", DEBUG="false", SECRET_KEY="x") == ""


def test_site_url_comes_from_the_environment():
    assert setting(
        "SITE_URL", DEBUG="false", SECRET_KEY="x", SITE_URL="https://kyodo.example.jp"
    ) == ("https://kyodo.example.jp")


def test_production_does_not_start_without_site_url():
    result = _run(["manage.py", "check"], DEBUG="false", SECRET_KEY="x")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr


def test_production_starts_with_site_url():
    result = _run(
        ["manage.py", "check"], DEBUG="false", SECRET_KEY="x", SITE_URL="https://kyodo.example.jp"
    )
    assert result.returncode == 0, result.stderr


def test_allauth_trusts_no_proxy_by_default():
    assert setting("ALLAUTH_TRUSTED_PROXY_COUNT", DEBUG="true") == 0


def test_allauth_trusts_one_proxy_behind_the_documented_proxy():
    assert setting("ALLAUTH_TRUSTED_PROXY_COUNT", DEBUG="true", BEHIND_PROXY="true") == 1


def test_allauth_proxy_count_comes_from_the_environment():
    assert (
        setting(
            "ALLAUTH_TRUSTED_PROXY_COUNT",
            DEBUG="true",
            BEHIND_PROXY="true",
            ALLAUTH_TRUSTED_PROXY_COUNT="2",
        )
        == 2
    )
