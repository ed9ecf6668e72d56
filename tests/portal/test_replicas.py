"""portal.replicas: anonymous reads on the replica, the rest on the primary. The replica
alias mirrors the test database (TEST MIRROR), so that its reads find the rows the test
committed through the primary's connection."""

import pytest
from django.contrib.sites.models import Site
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from portal.replicas import PIN_COOKIE, REPLICA, ReplicaMiddleware, ReplicaRouter
from tests import factories

# serialized_rollback: the master data (areas, fields) comes back after an earlier
# transactional test emptied the database.
both_databases = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA]
)


@pytest.fixture
def replica_reads(settings):
    settings.DATABASE_REPLICA_READS = True


def _through_middleware(view, *, method="get", cookies=None):
    """The aliases a view's reads go to, in order, and the response."""
    request = getattr(RequestFactory(), method)("/")
    request.COOKIES.update(cookies or {})
    seen = []
    response = ReplicaMiddleware(lambda request: view(seen) or HttpResponse())(request)
    return seen, response


def _read_write_read(seen):
    seen.append(Site.objects.all().db)
    Site.objects.update(name="ふじみ野")
    seen.append(Site.objects.all().db)


@both_databases
def test_an_anonymous_page_reads_from_the_replica(client, replica_reads):
    factories.make_project(status="published", title="公開の事業")
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        body = client.get("/projects/").content.decode()
    assert "公開の事業" in body  # committed on the primary, read through the replica's connection
    assert len(on_replica) > 0
    assert len(on_primary) == 0


@both_databases
def test_a_signed_in_page_reads_from_the_primary(client, replica_reads, citizen):
    client.force_login(citizen)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get("/projects/").status_code == 200
    assert len(on_replica) == 0


@both_databases
def test_a_post_reads_from_the_primary(replica_reads):
    seen, _response = _through_middleware(
        lambda seen: seen.append(Site.objects.all().db), method="post"
    )
    assert seen == [DEFAULT_DB_ALIAS]


@both_databases
def test_reads_after_a_write_in_the_same_request_go_to_the_primary(replica_reads):
    seen, response = _through_middleware(_read_write_read)
    assert seen == [REPLICA, DEFAULT_DB_ALIAS]
    # and for the next moments, the visitor's next requests too
    assert response.cookies[PIN_COOKIE]["max-age"] > 0
    seen, _response = _through_middleware(
        lambda seen: seen.append(Site.objects.all().db), cookies={PIN_COOKIE: "1"}
    )
    assert seen == [DEFAULT_DB_ALIAS]


@both_databases
def test_reads_inside_a_transaction_go_to_the_primary(replica_reads):
    def view(seen):
        with transaction.atomic():
            seen.append(Site.objects.all().db)
        seen.append(Site.objects.all().db)

    seen, _response = _through_middleware(view)
    assert seen == [DEFAULT_DB_ALIAS, REPLICA]


def test_without_a_replica_every_read_is_on_the_primary(settings):
    settings.DATABASE_REPLICA_READS = False
    seen, response = _through_middleware(_record_only)
    assert seen == [DEFAULT_DB_ALIAS]
    assert PIN_COOKIE not in response.cookies


def _record_only(seen):
    seen.append(Site.objects.all().db)


def test_outside_a_request_everything_is_on_the_primary(settings):
    settings.DATABASE_REPLICA_READS = True
    assert Site.objects.all().db == DEFAULT_DB_ALIAS


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "projects")
    assert not router.allow_migrate(REPLICA, "projects")
