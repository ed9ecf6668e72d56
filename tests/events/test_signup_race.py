"""More people sign up at the same moment than there are places, each in their own database
connection: the event's row lock lets exactly the capacity in, and the rest go to the
waiting list (or are told it is full)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from events.models import Application, ApplicationStatus
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)

PEOPLE = 6
CAPACITY = 3


def _sign_up_at_once(event):
    users = [factories.make_user(f"racer{n}@example.jp") for n in range(PEOPLE)]
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(PEOPLE)
    answers = []

    def post(client):
        try:
            barrier.wait(timeout=10)
            answers.append(client.post(f"/events/{event.pk}/", {"name": "同時 申込"}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_signups_accept_exactly_the_capacity_and_wait_the_rest(organization):
    event = factories.make_event(factories.make_project(lead_organization=organization))
    factories.make_signup(event, capacity=CAPACITY, keeps_waiting_list=True)
    answers = _sign_up_at_once(event)
    assert answers == [302] * PEOPLE
    statuses = list(Application.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(ApplicationStatus.ACCEPTED) == CAPACITY
    assert statuses.count(ApplicationStatus.WAITING) == PEOPLE - CAPACITY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_signups_without_waiting_list_refuse_the_rest(organization):
    event = factories.make_event(factories.make_project(lead_organization=organization))
    factories.make_signup(event, capacity=CAPACITY)
    answers = _sign_up_at_once(event)
    assert sorted(answers) == [200] * (PEOPLE - CAPACITY) + [302] * CAPACITY
    accepted = Application.objects.filter(event=event, status=ApplicationStatus.ACCEPTED)
    assert accepted.count() == CAPACITY
    assert Application.objects.filter(event=event).count() == CAPACITY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_confirmations_accept_exactly_the_capacity(organization):
    event = factories.make_event(factories.make_project(lead_organization=organization))
    factories.make_signup(event, capacity=CAPACITY, keeps_waiting_list=True)
    pending = [
        factories.make_application(event, status="pending", email=f"p{n}@example.jp")
        for n in range(PEOPLE)
    ]
    barrier = threading.Barrier(PEOPLE)
    answers = []

    def confirm(token):
        try:
            barrier.wait(timeout=10)
            answers.append(Client().post(f"/events/signup/confirm/{token}/").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(a.confirm_token,)) for a in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [302] * PEOPLE
    statuses = list(Application.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(ApplicationStatus.ACCEPTED) == CAPACITY
    assert statuses.count(ApplicationStatus.WAITING) == PEOPLE - CAPACITY
