"""Two staff members decide on the same organisation at once, in two connections: exactly
one decision is recorded; the other gets a message (PostgreSQL row lock)."""

import threading
import time

import pytest
from django.db import connection, connections

from organizations import lifecycle
from organizations.models import OrganizationTransition
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approve_and_reject_of_one_organisation_at_once(coordinating_staff, monkeypatch):
    second_staff = factories.make_user("staff2@example.jp")
    factories.coordinating_department().staff.add(second_staff)
    organization = factories.make_organization(status="pending")
    create = OrganizationTransition.objects.create

    def slow_create(**kwargs):
        time.sleep(0.3)  # hold the lock so that the other connection waits for it
        return create(**kwargs)

    monkeypatch.setattr(OrganizationTransition.objects, "create", slow_create)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(actor, action, comment):
        try:
            barrier.wait(timeout=10)
            lifecycle.apply(organization, action, actor=actor, comment=comment)
            outcomes.append("won")
        except lifecycle.LifecycleError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(coordinating_staff, "approve", "")),
        threading.Thread(target=decide, args=(second_staff, "reject", "市外の団体")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes.count("won") == 1
    loser = next(outcome for outcome in outcomes if outcome != "won")
    assert "他の職員が先に操作した可能性があります" in loser
    assert OrganizationTransition.objects.filter(organization=organization).count() == 1
    organization.refresh_from_db()
    assert organization.status in ("approved", "rejected")
