"""What the call pages read: the public calls, the proposals reviewers see, conflicts of
interest, and the totals, averages and ranking of the scoring.

A review counts towards a proposal's averages when it scores every item and its reviewer has
no conflict of interest with the proposal: a member of the proposing organisation (the lead or
a partner organisation named on the proposal), or a conflict the reviewer declared.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from organizations.models import Membership
from projects.models import Project

from .models import Call, CallProposal, CallStatus, Conflict, Review, Reviewer

MEMBER_CONFLICT = _("提案団体の構成員です")
# Proposals the reviewers see: submitted at least once and not withdrawn.
REVIEWABLE = (
    Project.Status.SUBMITTED,
    Project.Status.RETURNED,
    Project.Status.PUBLISHED,
    Project.Status.REJECTED,
    Project.Status.COMPLETED,
    Project.Status.EVALUATED,
)
ADOPTED = (Project.Status.PUBLISHED, Project.Status.COMPLETED, Project.Status.EVALUATED)
# Scores are entered while proposals come in and during the review.
SCORING_OPEN = (CallStatus.OPEN, CallStatus.REVIEWING)


def public_calls():
    return (
        Call.objects.exclude(status=CallStatus.DRAFT)
        .select_related("department")
        .prefetch_related("items")
    )


def reviewer_of(user, call):
    """The user's appointment as a reviewer of the call, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    return Reviewer.objects.filter(call=call, user=user).select_related("user").first()


def reviewable_proposals(call):
    return (
        CallProposal.objects.filter(call=call, project__status__in=REVIEWABLE)
        .select_related("project__lead_organization")
        .order_by("project__submitted_at", "pk")
    )


def proposing_organization_ids(proposal):
    """The lead organisation and every registered partner organisation of the proposal."""
    ids = {proposal.project.lead_organization_id}
    ids.update(
        proposal.project.partners.filter(organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    return ids


def conflict_reason(reviewer, proposal):
    """Why the reviewer may not score this proposal (None: no conflict)."""
    if Membership.objects.filter(
        user_id=reviewer.user_id, organization_id__in=proposing_organization_ids(proposal)
    ).exists():
        return MEMBER_CONFLICT
    declared = Conflict.objects.filter(reviewer=reviewer, proposal=proposal).first()
    return declared.reason if declared else None


def can_score(reviewer, proposal):
    return (
        reviewer is not None
        and reviewer.call_id == proposal.call_id
        and proposal.call.status in SCORING_OPEN
        and proposal.project.status in (Project.Status.SUBMITTED, Project.Status.RETURNED)
        and conflict_reason(reviewer, proposal) is None
    )


def _round(value, places="0.1"):
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass
class ReviewLine:
    reviewer: Reviewer
    review: Review | None
    conflict: str | None
    points: dict = field(default_factory=dict)  # item pk -> points
    cells: list = field(default_factory=list)  # points (or None) in the items' order

    @property
    def is_complete(self):
        return self.review is not None and self.conflict is None and self.total is not None

    total: int | None = None


@dataclass
class Standing:
    """One proposal's place in the call's scoring."""

    proposal: CallProposal
    lines: list
    averages: list  # [(item, Decimal | None)] in the items' order
    average_total: Decimal | None
    counted: int  # complete reviews by reviewers without a conflict
    conflicts: int
    rank: int | None = None

    @property
    def project(self):
        return self.proposal.project

    @property
    def is_adopted(self):
        return self.project.status in ADOPTED

    @property
    def is_rejected(self):
        return self.project.status == Project.Status.REJECTED

    @property
    def summaries(self):
        """The summary comments of the reviews that count, in the reviewers' order."""
        return [
            line.review.summary.strip()
            for line in self.lines
            if line.is_complete and line.review.summary.strip()
        ]


def standings(call, proposals=None):
    """Every reviewable proposal with its reviews, per-item averages and average total,
    ranked by the average total (proposals without a counted review come last, unranked)."""
    items = list(call.items.all())
    reviewers = list(call.reviewers.select_related("user"))
    proposals = list(
        (proposals if proposals is not None else reviewable_proposals(call)).prefetch_related(
            Prefetch("reviews", queryset=Review.objects.prefetch_related("scores")),
            "conflicts",
            "project__partners",
        )
    )
    organization_ids = {
        p.pk: {p.project.lead_organization_id}
        | {
            partner.organization_id
            for partner in p.project.partners.all()
            if partner.organization_id
        }
        for p in proposals
    }
    memberships = {}
    for user_id, organization_id in Membership.objects.filter(
        user_id__in=[r.user_id for r in reviewers]
    ).values_list("user_id", "organization_id"):
        memberships.setdefault(user_id, set()).add(organization_id)
    result = []
    for proposal in proposals:
        reviews = {review.reviewer_id: review for review in proposal.reviews.all()}
        declared = {conflict.reviewer_id: conflict.reason for conflict in proposal.conflicts.all()}
        lines = []
        for reviewer in reviewers:
            conflict = None
            if memberships.get(reviewer.user_id, set()) & organization_ids[proposal.pk]:
                conflict = str(MEMBER_CONFLICT)
            elif reviewer.pk in declared:
                conflict = declared[reviewer.pk]
            review = reviews.get(reviewer.pk)
            points = (
                {score.item_id: score.points for score in review.scores.all()} if review else {}
            )
            total = sum(points.values()) if items and all(i.pk in points for i in items) else None
            cells = [points.get(item.pk) for item in items]
            lines.append(ReviewLine(reviewer, review, conflict, points, cells, total))
        counted = [line for line in lines if line.is_complete]
        averages = [
            (item, _round(sum(line.points[item.pk] for line in counted) / len(counted)))
            if counted
            else (item, None)
            for item in items
        ]
        average_total = (
            _round(sum(line.total for line in counted) / len(counted)) if counted else None
        )
        result.append(
            Standing(
                proposal=proposal,
                lines=lines,
                averages=averages,
                average_total=average_total,
                counted=len(counted),
                conflicts=sum(1 for line in lines if line.conflict),
            )
        )
    result.sort(key=lambda s: (s.average_total is None, -(s.average_total or 0), s.proposal.pk))
    rank, previous = 0, None
    for position, standing in enumerate(result, start=1):
        if standing.average_total is None:
            break
        if standing.average_total != previous:
            rank, previous = position, standing.average_total
        standing.rank = rank
    return result


def published_results(call):
    """What the call page shows once the call is closed (and nothing before): the adopted
    proposals with their scores and summary comments, and how many proposals there were."""
    if call.status != CallStatus.CLOSED:
        return None
    ranked = standings(call)
    return {
        "adopted": [s for s in ranked if s.is_adopted],
        "received": len(ranked),
        "items": list(call.items.all()),
    }


def reviewer_calls(user):
    """The calls the user reviews, with the scoring still open first."""
    if not user.is_authenticated:
        return Reviewer.objects.none()
    return (
        Reviewer.objects.filter(user=user, call__status__in=SCORING_OPEN)
        .select_related("call")
        .order_by("call__closes_on", "pk")
    )
