"""The last two parties submit their evaluations at the same moment, in two database
connections: the second waits for the first on the project's row, then sees the first's
answer, and the project becomes `evaluated` exactly once (were both to look at the same
time, each would find the other still missing, and the project would wait for ever)."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from principles import services
from principles.models import Evaluation
from projects.models import Project, ProjectAction, Transition
from tests import factories
from tests.principles.test_evaluation import entry_data, member_url, staff_url, submit_as

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; CI runs this on PostgreSQL",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_two_submissions_at_once_evaluate_the_project_once(
    organization, other_organization, member, other_member, department_staff, monkeypatch
):
    department = department_staff.departments.first()
    project = factories.make_project(
        lead_organization=organization, status=Project.Status.COMPLETED, department=department
    )
    factories.make_partner(project, other_organization)
    city = Client()
    submit_as(city, department_staff, staff_url(project))

    posts = {}
    for name, user in (("lead", member), ("partner", other_member)):
        client = Client()
        client.force_login(user)
        posts[name] = (client, entry_data(client, member_url(project)))

    evaluate = services._evaluate_when_complete

    def slow_evaluate(project):
        time.sleep(1.0)  # the first holds the project's lock a moment longer
        return evaluate(project)

    monkeypatch.setattr(services, "_evaluate_when_complete", slow_evaluate)
    barrier = threading.Barrier(2)
    answers = {}

    def post(name):
        client, data = posts[name]
        try:
            barrier.wait(timeout=10)
            answers[name] = client.post(member_url(project), data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(name,)) for name in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert answers == {"lead": 302, "partner": 302}
    project.refresh_from_db()
    assert project.status == Project.Status.EVALUATED
    assert Transition.objects.filter(project=project, action=ProjectAction.EVALUATE).count() == 1
    assert not Evaluation.objects.filter(project=project, submitted_at__isnull=True).exists()
