"""Proposals submitted at the same moment, in separate database connections, each get their
own 受付番号: the counter row of (form, fiscal year) is locked while it counts."""

import threading
import time

import pytest
from django.db import connection, connections

from projects import lifecycle
from projects.models import Project, ReceiptCounter
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)


def _submit_at_once(projects, monkeypatch):
    barrier = threading.Barrier(len(projects))
    errors = []
    save = ReceiptCounter.save

    def slow_save(self, *args, **kwargs):
        # Hold the counter a moment, so that the other connections surely meet the lock.
        time.sleep(0.2)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(ReceiptCounter, "save", slow_save)

    def submit(project):
        try:
            barrier.wait(timeout=10)
            lifecycle.apply(project, "submit", actor=None)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(project,)) for project in projects]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_first_submissions_get_distinct_numbers(organization, monkeypatch):
    # No counter row yet: the first submissions of the year also race to create it.
    projects = [factories.make_proposal(lead_organization=organization) for _ in range(4)]
    errors = _submit_at_once(projects, monkeypatch)
    assert errors == []
    numbers = sorted(
        Project.objects.filter(pk__in=[p.pk for p in projects]).values_list(
            "receipt_number", flat=True
        )
    )
    assert numbers == [f"共催-R7-000{n}" for n in range(1, 5)]
    assert ReceiptCounter.objects.get(form="cohosting", fiscal_year=2025).last == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_submissions_of_other_forms_count_apart(organization, monkeypatch):
    projects = [
        factories.make_proposal(lead_organization=organization, form=form)
        for form in ("cohosting", "subsidy", "cohosting", "subsidy")
    ]
    errors = _submit_at_once(projects, monkeypatch)
    assert errors == []
    numbers = sorted(
        Project.objects.filter(pk__in=[p.pk for p in projects]).values_list(
            "receipt_number", flat=True
        )
    )
    assert numbers == ["共催-R7-0001", "共催-R7-0002", "補助-R7-0001", "補助-R7-0002"]
