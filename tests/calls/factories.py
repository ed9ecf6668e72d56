"""Open calls, their reviewers and reviews for tests."""

import datetime
import itertools

from django.utils import timezone

from calls.models import Call, CallProposal, CallStatus, Question, Review, Reviewer, ScoringItem
from projects.models import Project
from tests.projects.factories import make_proposal

_sequence = itertools.count(1)

ITEMS = (
    ("公益性", 20),
    ("協働の必要性", 20),
    ("実現性", 20),
    ("役割分担の明確さ", 20),
    ("独創性", 20),
)


def make_call(*, status=CallStatus.OPEN, items=ITEMS, questions=("提案の背景",), **attributes):
    today = timezone.localdate()
    defaults = {
        "title": f"テスト公募{next(_sequence)}",
        "theme": "地域の居場所づくり",
        "fiscal_year": 2027,
        "opens_on": today - datetime.timedelta(days=10),
        "closes_on": today + datetime.timedelta(days=20),
        "budget_ceiling": 500000,
    }
    defaults.update(attributes)
    call = Call.objects.create(status=status, **defaults)
    for order, (name, points) in enumerate(items):
        ScoringItem.objects.create(call=call, name=name, max_points=points, order=order)
    for order, text in enumerate(questions):
        Question.objects.create(call=call, text=text, order=order)
    return call


def make_call_proposal(call, *, status=Project.Status.SUBMITTED, **attributes):
    """A complete proposal linked to the call (answers given), in `status`."""
    submitted = {"submitted_at": timezone.now()} if status != Project.Status.DRAFT else {}
    project = make_proposal(status=status, **submitted, **attributes)
    proposal = CallProposal.objects.create(call=call, project=project)
    for question in call.questions.all():
        proposal.answers.create(question=question, text="地区に居場所が足りません。")
    return proposal


def appoint(call, user):
    return Reviewer.objects.create(call=call, user=user)


def score(reviewer, proposal, points, *, summary="", comment=""):
    """A review giving each item the points in order (an int: the same for every item)."""
    items = list(proposal.call.items.all())
    if isinstance(points, int):
        points = [points] * len(items)
    review = Review.objects.create(reviewer=reviewer, proposal=proposal, summary=summary)
    for item, value in zip(items, points, strict=False):
        review.scores.create(item=item, points=value, comment=comment)
    return review
