"""Documents issued at the same moment, in separate database connections, never share a
文書番号: the fiscal year's counter row is locked while a number is taken (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from notices import services
from notices.models import IssuedDocument, Kind, NumberCounter
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issues_get_distinct_consecutive_numbers(organization, monkeypatch):
    # Different projects, so that only the counter of the year serialises them; no PDFs.
    monkeypatch.setattr(services, "enqueue_render", lambda document_id: None)
    projects = [
        factories.make_project(lead_organization=organization, status="submitted") for _ in range(6)
    ]
    barrier = threading.Barrier(len(projects))
    errors = []

    def issue(project):
        try:
            barrier.wait(timeout=10)
            services.document_issue(project=project, kind=Kind.APPLICATION)
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(project,)) for project in projects]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    numbers = sorted(IssuedDocument.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert len(set(IssuedDocument.objects.values_list("document_number", flat=True))) == 6
    assert NumberCounter.objects.get().last_number == 6
