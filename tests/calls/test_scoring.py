"""Scoring of an open call: totals, per-item averages and ranking, with the reviews of
reviewers who have a conflict of interest left out (a member of the proposing organisation,
or a declared conflict), and the reviewers' own page refusing them the form."""

from decimal import Decimal

import pytest
from django.urls import reverse

from calls import selectors
from calls.models import Conflict, Review
from tests import factories
from tests.calls.factories import appoint, make_call, make_call_proposal, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return make_call(status="reviewing")


@pytest.fixture
def reviewers(call):
    return [appoint(call, factories.make_user(f"reviewer{n}@example.jp")) for n in range(1, 4)]


def standing_of(call, proposal):
    return next(s for s in selectors.standings(call) if s.proposal.pk == proposal.pk)


def test_totals_averages_and_ranking(call, reviewers):
    first, second, third = (make_call_proposal(call) for _ in range(3))
    one, two, three = reviewers
    score(one, first, [20, 18, 16, 14, 12])  # 80
    score(two, first, [10, 10, 10, 10, 10])  # 50
    score(one, second, 14)  # 70
    score(two, second, 11)  # 55
    score(one, third, 12)  # 60 (three's review is incomplete: not counted)
    score(three, third, [20, 20], summary="途中")
    ranking = selectors.standings(call)
    assert [s.proposal.pk for s in ranking] == [first.pk, second.pk, third.pk]
    top = ranking[0]
    assert top.average_total == Decimal("65.0")
    assert top.counted == 2
    assert [average for _item, average in top.averages] == [
        Decimal("15.0"), Decimal("14.0"), Decimal("13.0"), Decimal("12.0"), Decimal("11.0")
    ]  # fmt: skip
    assert [line.total for line in top.lines] == [80, 50, None]
    assert ranking[1].average_total == Decimal("62.5")
    assert ranking[2].counted == 1
    assert ranking[2].average_total == Decimal("60.0")
    assert [s.rank for s in ranking] == [1, 2, 3]


def test_ties_share_a_rank_and_unscored_proposals_are_unranked(call, reviewers):
    a, b, c, d = (make_call_proposal(call) for _ in range(4))
    score(reviewers[0], a, 15)
    score(reviewers[0], b, 15)
    score(reviewers[0], c, 10)
    ranking = selectors.standings(call)
    ranks = {s.proposal.pk: s.rank for s in ranking}
    assert ranks == {a.pk: 1, b.pk: 1, c.pk: 3, d.pk: None}
    assert ranking[-1].proposal.pk == d.pk


def test_a_member_of_the_proposing_organisation_is_excluded_from_the_average(call, reviewers):
    one, two, _three = reviewers
    organization = factories.make_organization(name="提案する団体", members=[two.user])
    proposal = make_call_proposal(call, lead_organization=organization)
    score(one, proposal, 10)  # 50
    score(two, proposal, 20)  # 100: a member scoring its own organisation
    standing = standing_of(call, proposal)
    assert standing.average_total == Decimal("50.0")
    assert standing.counted == 1
    assert standing.conflicts == 1
    assert standing.lines[1].conflict == str(selectors.MEMBER_CONFLICT)


def test_a_member_of_a_partner_organisation_is_excluded_too(call, reviewers):
    one, two, _three = reviewers
    partner = factories.make_organization(name="協力する団体", members=[two.user])
    proposal = make_call_proposal(call)
    factories.make_partner(proposal.project, partner)
    assert selectors.conflict_reason(two, proposal) == selectors.MEMBER_CONFLICT
    assert selectors.conflict_reason(one, proposal) is None
    assert not selectors.can_score(two, proposal)


def test_a_declared_conflict_is_excluded_from_the_average(call, reviewers):
    one, two, _three = reviewers
    proposal = make_call_proposal(call)
    score(one, proposal, 10)
    score(two, proposal, 20)
    Conflict.objects.create(reviewer=two, proposal=proposal, reason="役員と親族です")
    standing = standing_of(call, proposal)
    assert standing.average_total == Decimal("50.0")
    assert standing.lines[1].conflict == "役員と親族です"
    assert standing.summaries == []


def review_data(call, points=10, summary="よい提案です"):
    data = {"summary": summary}
    for item in call.items.all():
        data[f"points_{item.pk}"] = str(points)
        data[f"comment_{item.pk}"] = "根拠が明確"
    return data


def test_a_reviewer_scores_on_their_own_page(client, call, reviewers):
    proposal = make_call_proposal(call)
    url = reverse("calls:review", args=[call.pk, proposal.project_id])
    client.force_login(reviewers[0].user)
    page = client.get(url)
    assert page.status_code == 200
    assert "points_" in page.content.decode()
    response = client.post(url, review_data(call, points=12))
    assert response.status_code == 302
    review = Review.objects.get(reviewer=reviewers[0], proposal=proposal)
    assert sorted(review.scores.values_list("points", flat=True)) == [12] * 5
    # A second save corrects the same review.
    client.post(url, review_data(call, points=15))
    assert Review.objects.filter(reviewer=reviewers[0], proposal=proposal).count() == 1
    assert standing_of(call, proposal).average_total == Decimal("75.0")


def test_points_above_an_items_maximum_are_refused(client, call, reviewers):
    proposal = make_call_proposal(call)
    url = reverse("calls:review", args=[call.pk, proposal.project_id])
    client.force_login(reviewers[0].user)
    response = client.post(url, review_data(call, points=21))
    assert response.status_code == 200
    assert not Review.objects.exists()
    assert response.context["form"].errors


def test_a_member_reviewer_gets_no_form_and_cannot_post_a_score(client, call, reviewers):
    reviewer = reviewers[1]
    organization = factories.make_organization(name="提案する団体", members=[reviewer.user])
    proposal = make_call_proposal(call, lead_organization=organization)
    url = reverse("calls:review", args=[call.pk, proposal.project_id])
    client.force_login(reviewer.user)
    page = client.get(url).content.decode()
    assert "points_" not in page
    assert "採点できません" in page
    client.post(url, review_data(call))
    assert not Review.objects.exists()


def test_declaring_a_conflict_removes_the_reviewers_score(client, call, reviewers):
    proposal = make_call_proposal(call)
    score(reviewers[0], proposal, 20)
    score(reviewers[1], proposal, 10)
    client.force_login(reviewers[0].user)
    url = reverse("calls:declare_conflict", args=[call.pk, proposal.project_id])
    response = client.post(url, {"conflict-reason": "提案団体から報酬を受けています"})
    assert response.status_code == 302
    assert standing_of(call, proposal).average_total == Decimal("50.0")
    page = client.get(reverse("calls:review", args=[call.pk, proposal.project_id]))
    assert "points_" not in page.content.decode()


def test_scoring_is_closed_once_the_proposal_is_decided(client, call, reviewers):
    proposal = make_call_proposal(call, status="rejected")
    url = reverse("calls:review", args=[call.pk, proposal.project_id])
    client.force_login(reviewers[0].user)
    client.post(url, review_data(call))
    assert not Review.objects.exists()


def test_only_the_calls_reviewers_see_the_review_pages(client, call, reviewers, member):
    proposal = make_call_proposal(call)
    other_call = make_call(status="reviewing")
    appoint(other_call, member)
    client.force_login(member)
    assert client.get(reverse("calls:review_list", args=[call.pk])).status_code == 404
    url = reverse("calls:review", args=[call.pk, proposal.project_id])
    assert client.get(url).status_code == 404
    client.post(url, review_data(call))
    assert not Review.objects.exists()
    client.force_login(reviewers[2].user)
    listing = client.get(reverse("calls:review_list", args=[call.pk]))
    assert proposal.project.title in listing.content.decode()


def test_the_reviewers_list_hides_the_other_reviewers_scores(client, call, reviewers):
    proposal = make_call_proposal(call)
    score(reviewers[0], proposal, [19, 19, 19, 19, 17], summary="他の委員の秘密の講評")
    client.force_login(reviewers[1].user)
    for url in (
        reverse("calls:review_list", args=[call.pk]),
        reverse("calls:review", args=[call.pk, proposal.project_id]),
    ):
        page = client.get(url).content.decode()
        assert "他の委員の秘密の講評" not in page
        assert ">93<" not in page
