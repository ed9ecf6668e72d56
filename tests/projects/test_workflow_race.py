"""Two staff members act on the same proposal at the same moment, in two database
connections: the row lock lets exactly one transition through; the other gets a message."""

import threading
import time

import pytest
from django.db import connection, connections

from projects import lifecycle
from projects.models import Transition
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)


def _race(project, actors_and_actions, monkeypatch):
    barrier = threading.Barrier(len(actors_and_actions))
    outcomes = {}
    create = Transition.objects.create

    def slow_create(**kwargs):
        # Hold the lock a moment, so that the other connection surely waits for it.
        time.sleep(0.3)
        return create(**kwargs)

    monkeypatch.setattr(Transition.objects, "create", slow_create)

    def act(name, actor, action, comment):
        try:
            barrier.wait(timeout=10)
            lifecycle.apply(project, action, actor=actor, comment=comment)
            outcomes[name] = "won"
        except lifecycle.LifecycleError as error:
            outcomes[name] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(name, actor, action, comment))
        for name, (actor, action, comment) in actors_and_actions.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approve_and_reject_at_once_end_with_exactly_one_transition(
    organization, coordinating_staff, monkeypatch
):
    second_staff = factories.make_user("staff2@example.jp")
    factories.coordinating_department().staff.add(second_staff)
    project = factories.make_project(lead_organization=organization, status="submitted")

    outcomes = _race(
        project,
        {
            "approver": (coordinating_staff, "approve", ""),
            "rejecter": (second_staff, "reject", "要件を満たしません"),
        },
        monkeypatch,
    )

    assert sorted(type(o).__name__ if o != "won" else o for o in outcomes.values()) == [
        "LifecycleError",
        "won",
    ]
    loser = next(o for o in outcomes.values() if o != "won")
    assert "他の人が先に操作した可能性があります" in str(loser)
    project.refresh_from_db()
    transitions = list(Transition.objects.filter(project=project))
    assert len(transitions) == 1
    assert project.status == transitions[0].to_status
    assert project.status in ("published", "rejected")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_approval_twice_at_once_is_recorded_once(
    organization, coordinating_staff, monkeypatch
):
    second_staff = factories.make_user("staff3@example.jp")
    factories.coordinating_department().staff.add(second_staff)
    project = factories.make_project(lead_organization=organization, status="submitted")

    outcomes = _race(
        project,
        {
            "first": (coordinating_staff, "approve", ""),
            "second": (second_staff, "approve", ""),
        },
        monkeypatch,
    )

    assert list(outcomes.values()).count("won") == 1
    assert Transition.objects.filter(project=project, action="approve").count() == 1
