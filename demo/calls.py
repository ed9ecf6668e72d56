"""The demo's open calls (calls.toml): each call with its scoring items and questions, its
reviewers, the proposals made to it (projects of projects/proposals.toml) with their answers
and scores, and the call's history, taken in date order with every other (demo.history).

A call is written as 準備中 with its content; `open`, `start_review` and `close` are actions
of its history, so that a proposal is submitted while the call accepts proposals and 採択 /
不採択 happen while it is under review, as the lifecycles require. Rows are found again by
their natural keys (a call by its title, an item by call + name, a question by call + text, a
reviewer by call + user, a proposal by its project, an answer by proposal + question, a review
by reviewer + proposal, a score by review + item); a second run adds nothing.
"""

from django.utils.translation import gettext as _

from calls.lifecycle import CALL_LIFECYCLE
from calls.models import (
    Answer,
    Call,
    CallAction,
    CallProposal,
    Conflict,
    Question,
    Review,
    Reviewer,
    ReviewScore,
    ScoringItem,
)

from .datafiles import DataError, ensure, pick, read

CALL_FIELDS = (
    "kind",
    "fiscal_year",
    "opens_on",
    "closes_on",
    "budget_ceiling",
    "theme",
    "description",
    "result_summary",
)


def load(command):
    for entry in read("calls").get("calls", []):
        where = f"calls.toml {entry.get('key')}"
        history = entry.get("history") or [{}]
        if history[0].get("action") != CallAction.CREATE:
            raise DataError(_("%(where)s: 履歴の最初は create(登録)です。") % {"where": where})
        values = {name: entry[name] for name in CALL_FIELDS if name in entry}
        if entry.get("department"):
            values["department"] = pick(command.departments, entry["department"], where=where)
        call, _created = ensure(Call, {"title": entry["title"]}, values)
        items = [
            ensure(
                ScoringItem,
                {"call": call, "name": item["name"]},
                {
                    "description": item.get("description", ""),
                    "max_points": item["max_points"],
                    "order": order,
                },
            )[0]
            for order, item in enumerate(entry.get("items", []))
        ]
        questions = [
            ensure(
                Question,
                {"call": call, "text": question["text"]},
                {"is_required": question.get("required", True), "order": order},
            )[0]
            for order, question in enumerate(entry.get("questions", []))
        ]
        reviewers = {
            key: ensure(Reviewer, {"call": call, "user": pick(command.users, key, where=where)})[0]
            for key in entry.get("reviewers", [])
        }
        for number, proposal in enumerate(entry.get("proposals", []), start=1):
            place = f"{where} proposal {number}"
            project = pick(command.projects, proposal["project"], where=place)
            link, _created = ensure(CallProposal, {"project": project}, {"call": call})
            answers = proposal.get("answers", [])
            if len(answers) > len(questions):
                raise DataError(_("%(where)s: 回答が設問より多くあります。") % {"where": place})
            for question, text in zip(questions, answers, strict=False):
                ensure(Answer, {"proposal": link, "question": question}, {"text": text})
            for review in proposal.get("reviews", []):
                write_review(link, review, reviewers=reviewers, items=items, where=place)
        command.timeline.add(CALL_LIFECYCLE, call, history, where=where)


def write_review(link, entry, *, reviewers, items, where):
    reviewer = pick(reviewers, entry.get("reviewer"), where=where)
    if entry.get("conflict"):
        ensure(Conflict, {"reviewer": reviewer, "proposal": link}, {"reason": entry["conflict"]})
        return
    scores = entry.get("scores", [])
    if len(scores) != len(items):
        raise DataError(
            _("%(where)s: 審査委員 %(reviewer)s の得点は、審査項目の数(%(count)s)だけ必要です。")
            % {"where": where, "reviewer": entry.get("reviewer"), "count": len(items)}
        )
    review, _created = ensure(
        Review, {"reviewer": reviewer, "proposal": link}, {"summary": entry.get("summary", "")}
    )
    for item, points in zip(items, scores, strict=True):
        if not 0 <= points <= item.max_points:
            raise DataError(
                _("%(where)s: 「%(item)s」の得点 %(points)s は0から%(max)s点までです。")
                % {"where": where, "item": item.name, "points": points, "max": item.max_points}
            )
        ensure(ReviewScore, {"review": review, "item": item}, {"points": points})
