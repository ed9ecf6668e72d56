"""The demo's open calls: one closed with its result published, one under review (with a
declared conflict left out of the averages), one accepting proposals with the member's draft
to it, and the outside reviewer's login reaching the review pages."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from calls import selectors
from calls.models import Call, CallStatus
from projects.models import Project

from .test_load_demo import demo, loaded_demo  # noqa: F401

pytestmark = pytest.mark.django_db


def test_one_call_of_each_kind_of_moment(demo):  # noqa: F811
    assert sorted(Call.objects.values_list("status", flat=True)) == sorted(
        [CallStatus.CLOSED, CallStatus.REVIEWING, CallStatus.OPEN]
    )


def test_the_closed_call_publishes_its_adopted_proposals(demo, client):  # noqa: F811
    call = Call.objects.get(status=CallStatus.CLOSED)
    results = selectors.published_results(call)
    assert results["received"] == 3
    assert len(results["adopted"]) == 2
    page = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    for standing in results["adopted"]:
        assert standing.project.title in page
        assert str(standing.average_total) in page
    rejected = call.proposals.get(project__status=Project.Status.REJECTED).project
    assert rejected.title not in page


def test_the_call_under_review_has_scores_and_a_declared_conflict(demo, client):  # noqa: F811
    call = Call.objects.get(status=CallStatus.REVIEWING)
    ranking = selectors.standings(call)
    assert [s.rank for s in ranking] == [1, 2]
    assert sum(s.conflicts for s in ranking) == 1
    assert all(s.project.status == Project.Status.SUBMITTED for s in ranking)
    page = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert str(ranking[0].average_total) not in page
    staff = get_user_model().objects.get(email="staff@example.jp")
    client.force_login(staff)
    desk = client.get(reverse("staff:call_file", args=[call.pk])).content.decode()
    assert str(ranking[0].average_total) in desk


def test_the_open_call_has_the_members_draft_and_the_reviewers_page(demo, client):  # noqa: F811
    call = Call.objects.get(status=CallStatus.OPEN)
    draft = call.proposals.get(project__status=Project.Status.DRAFT).project
    member = get_user_model().objects.get(email="member@example.jp")
    assert draft.lead_organization.memberships.filter(user=member).exists()
    reviewer = get_user_model().objects.get(email="reviewer@example.jp")
    client.force_login(reviewer)
    for call in Call.objects.exclude(status=CallStatus.CLOSED):
        assert client.get(reverse("calls:review_list", args=[call.pk])).status_code == 200
    assert client.get(reverse("mypage:index")).context["reviewer_calls"].count() == 2
