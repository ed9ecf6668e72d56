"""The database connection survives a restarted server and never waits without end."""

import pytest
from django.db import connection

from tests.config.test_settings import setting

POSTGRES = {
    "DEBUG": "false",
    "SECRET_KEY": "x",
    "DATABASE_URL": "postgres://kyodo@db.example.jp:5432/kyodo",
}


def test_kept_connections_are_checked_before_reuse():
    assert setting("DATABASES", DEBUG="true")["default"]["CONN_HEALTH_CHECKS"] is True
    assert setting("DATABASES", **POSTGRES)["default"]["CONN_HEALTH_CHECKS"] is True


def test_postgresql_statements_time_out_after_thirty_seconds_by_default():
    options = setting("DATABASES", **POSTGRES)["default"]["OPTIONS"]
    assert options["options"] == "-c statement_timeout=30000"
    assert options["connect_timeout"] == 5


def test_the_timeouts_come_from_the_environment():
    options = setting(
        "DATABASES",
        **POSTGRES,
        DATABASE_STATEMENT_TIMEOUT="1500",
        DATABASE_CONNECT_TIMEOUT="2",
    )["default"]["OPTIONS"]
    assert options["options"] == "-c statement_timeout=1500"
    assert options["connect_timeout"] == 2


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's"
)


@postgresql_only
@pytest.mark.django_db
def test_the_server_applies_the_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting, unit FROM pg_settings WHERE name = 'statement_timeout'")
        value, unit = cursor.fetchone()
    assert (int(value), unit) == (settings.DATABASE_STATEMENT_TIMEOUT, "ms")
    assert settings.DATABASE_STATEMENT_TIMEOUT == 30_000
