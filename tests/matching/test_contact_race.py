"""Two organisations ask each other at the same moment, in two connections: exactly one
request is made; the other sender is told there is one awaiting an answer (PostgreSQL row
locks on both organisations)."""

import threading
import time

import pytest
from django.db import connection, connections

from matching import services
from matching.models import ContactRequest
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_of_one_pair_at_once_make_one(member, other_member, monkeypatch):
    one = factories.make_organization(members=[member])
    two = factories.make_organization(members=[other_member])
    refusal = services._refusal

    def slow_refusal(*args):
        found = refusal(*args)
        time.sleep(0.3)  # hold the locks so that the other connection waits for them
        return found

    monkeypatch.setattr(services, "_refusal", slow_refusal)
    barrier = threading.Barrier(2)
    outcomes = []

    def send(sender, recipient, user):
        try:
            barrier.wait(timeout=10)
            services.contact_request_send(
                sender=sender, recipient=recipient, user=user, message="ご相談です。"
            )
            outcomes.append("sent")
        except services.ContactError as error:
            outcomes.append(str(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(one, two, member)),
        threading.Thread(target=send, args=(two, one, other_member)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes.count("sent") == 1
    assert any("回答を待っている連絡のお願いがすでにあります" in o for o in outcomes)
    assert ContactRequest.objects.count() == 1
