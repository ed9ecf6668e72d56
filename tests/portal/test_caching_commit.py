"""The page cache after real commits, on local memory and on Redis (database 12 of the local
Redis, or REDIS_URL when set): a change moves the version once more when its transaction
commits, and the next anonymous request sees it."""

import os
import uuid

import pytest
from django.db import transaction

from portal import caching
from projects import lifecycle
from tests import factories

# serialized_rollback: see tests/notifications/test_worker.py.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/12"
HIT = "X-Public-Cache"


@pytest.fixture(params=["local memory", "redis"])
def any_cache(request, settings, public_cache_on):
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"kyodo-cache-test-{uuid.uuid4().hex[:8]}",
            }
        }
    from django.core.cache import cache

    yield request.param
    if request.param == "redis":
        cache.delete_pattern("*")
        assert cache.get(caching.VERSION_KEY) is None


def test_the_version_moves_again_when_the_change_commits(any_cache):
    project = factories.make_project(title="公開の事業")
    with transaction.atomic():
        project.title = "書き直した事業"
        project.save()
        during = caching.version()
    assert caching.version() > during


def test_publishing_and_hiding_are_seen_by_the_next_anonymous_request(
    client, any_cache, organization, member, coordinating_staff
):
    proposal = factories.make_proposal(lead_organization=organization, title="承認される事業")
    lifecycle.apply(proposal, "submit", actor=member)
    assert "承認される事業" not in client.get("/projects/").content.decode()
    assert client.get("/projects/")[HIT] == "hit"

    lifecycle.apply(proposal, "approve", actor=coordinating_staff)
    response = client.get("/projects/")
    assert HIT not in response
    assert "承認される事業" in response.content.decode()
    assert client.get(f"/projects/{proposal.pk}/").status_code == 200
    assert client.get("/projects/")[HIT] == "hit"

    lifecycle.apply(proposal, "hide", actor=coordinating_staff, comment="確認中")
    assert "承認される事業" not in client.get("/projects/").content.decode()
    assert client.get(f"/projects/{proposal.pk}/").status_code == 404


def test_the_feed_answers_304_until_a_change_commits(client, any_cache, organization):
    factories.make_project(title="公開の事業", lead_organization=organization)
    first = client.get("/feeds/projects.atom")
    assert (
        client.get("/feeds/projects.atom", headers={"If-None-Match": first["ETag"]}).status_code
        == 304
    )
    factories.make_project(title="新しい事業", lead_organization=organization)
    again = client.get("/feeds/projects.atom", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "新しい事業" in again.content.decode()


def test_many_changes_in_one_transaction_move_the_version_once_more_at_commit(any_cache):
    """One callback a transaction, however many rows it saves (loading the demo saves
    about 1,400); a savepoint rolled back takes its callback with it."""
    from django.db import connection

    def bumps():
        return sum(callback is caching._bump for _s, callback, _r in connection.run_on_commit)

    project = factories.make_project(title="公開の事業")
    with transaction.atomic():
        for number in range(5):
            project.title = f"書き直した事業{number}"
            project.save()
        assert bumps() == 1
        during = caching.version()
    assert caching.version() > during
    with transaction.atomic():
        try:
            with transaction.atomic():
                project.save()
                assert bumps() == 1
                raise RuntimeError
        except RuntimeError:
            pass
        assert bumps() == 0
        project.save()
        assert bumps() == 1
        during = caching.version()
    assert caching.version() > during
