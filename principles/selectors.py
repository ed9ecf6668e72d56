"""Reading evaluations: the side-by-side comparison of the parties."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Department, Organization
from projects.models import Partner, Project

from .models import (
    DONE,
    ChecklistItem,
    Evaluation,
    EvaluationScore,
    EvaluationStatus,
    JointNote,
    Principle,
    SelfCheckAnswer,
)

# Principles where the parties' scores differ by this much or more are the points to talk about.
DIFFERENCE_TO_DISCUSS = 2


@dataclass
class ComparisonRow:
    principle: object
    cells: list = field(default_factory=list)  # one EvaluationScore (or None) per party
    note: object = None  # the parties' JointNote (話し合いの結果), for a point to discuss

    @property
    def spread(self):
        scores = [cell.score for cell in self.cells if cell is not None]
        return max(scores) - min(scores) if len(scores) >= 2 else 0

    @property
    def to_discuss(self):
        return self.spread >= DIFFERENCE_TO_DISCUSS


@dataclass
class Comparison:
    evaluations: list
    rows: list

    @property
    def points_to_discuss(self):
        return [row for row in self.rows if row.to_discuss]


def evaluation_comparison(evaluations, principles):
    """Put the parties' evaluations side by side, principle by principle.

    The city's evaluation comes first, then the organisations in their order.
    """
    evaluations = sorted(evaluations, key=lambda e: (not e.is_city, e.pk))
    by_party = [{score.principle_id: score for score in e.scores.all()} for e in evaluations]
    rows = [
        ComparisonRow(principle, [scores.get(principle.pk) for scores in by_party])
        for principle in principles
    ]
    return Comparison(evaluations=evaluations, rows=rows)


def city_department_id(project):
    """The city side of a project: its 担当課, or 協働推進課 where it has none."""
    return project.department_id or (
        Department.objects.filter(is_coordinating=True).values_list("pk", flat=True).first()
    )


def expected_parties(project):
    """Who evaluates a project: the city side (its 担当課, or 協働推進課 where it has none) and
    every registered partner organisation that confirmed its role, the lead included.
    [("department", id) | ("organization", id)], the city first."""
    department_id = city_department_id(project)
    parties = [("department", department_id)] if department_id else []
    organization_ids = [project.lead_organization_id]
    for organization_id in project.partners.filter(
        organization__isnull=False, consent=Partner.Consent.CONFIRMED
    ).values_list("organization_id", flat=True):
        if organization_id not in organization_ids:
            organization_ids.append(organization_id)
    parties += [("organization", pk) for pk in organization_ids]
    return parties


def party_of(evaluation):
    if evaluation.department_id:
        return ("department", evaluation.department_id)
    return ("organization", evaluation.organization_id)


def missing_parties(project):
    """The expected parties that have neither submitted nor been marked as declined."""
    done = {
        party_of(evaluation)
        for evaluation in Evaluation.objects.filter(project=project, status__in=DONE)
    }
    return [party for party in expected_parties(project) if party not in done]


def party_evaluations(project):
    """The evaluation rows of the expected parties, city first (rows of parties no longer
    expected, e.g. a partner removed afterwards, are left out)."""
    expected = expected_parties(project)
    rows = {
        party_of(evaluation): evaluation
        for evaluation in Evaluation.objects.filter(project=project).select_related(
            "department", "organization", "declined_by"
        )
    }
    return [rows[party] for party in expected if party in rows]


def evaluations_complete(step):
    """The lifecycle's requirement for publishing a project's evaluation: every party has
    submitted its own (projects.lifecycle.EVALUATIONS_COMPLETE)."""
    missing = missing_parties(step.obj)
    if missing:
        return _(
            "まだ相互評価を提出していない当事者があります(%(count)s件)。"
            "すべての当事者が提出してから公開してください。"
        ) % {"count": len(missing)}
    return None


def published_comparison(project, request=None):
    """The comparison on a project's public page, once the evaluation is published (the
    project is `evaluated`); the parties that are not public are left out. None otherwise."""
    if project.status != Project.Status.EVALUATED:
        return None
    evaluations = (
        Evaluation.objects.filter(project=project, status__in=DONE)
        .filter(Q(organization__isnull=True) | Q(organization__status=Organization.Status.APPROVED))
        .select_related("department", "organization")
        .prefetch_related(Prefetch("scores", queryset=EvaluationScore.objects.all()))
    )
    comparison = evaluation_comparison(list(evaluations), list(Principle.objects.all()))
    notes = {note.principle_id: note for note in JointNote.objects.filter(project=project)}
    for row in comparison.rows:
        row.note = notes.get(row.principle.pk) if row.to_discuss else None
    return {"project": project, "comparison": comparison}


def points_to_discuss(project):
    """The rows of the published comparison whose scores differ by DIFFERENCE_TO_DISCUSS or
    more: the principles the parties' joint notes are about. [] before publication."""
    context = published_comparison(project)
    return context["comparison"].points_to_discuss if context else []


def self_check_by_principle(project):
    """The proposal's self-check (事前チェック) answers, grouped by principle, to be read
    beside the evaluation: {principle_id: [(item, answer or None)]} for the active items and
    any item that was answered."""
    answers = {answer.item_id: answer for answer in SelfCheckAnswer.objects.filter(project=project)}
    items = ChecklistItem.objects.filter(Q(is_active=True) | Q(pk__in=list(answers)))
    grouped = {}
    for item in items.order_by("principle__order", "order", "pk"):
        grouped.setdefault(item.principle_id, []).append((item, answers.get(item.pk)))
    return grouped


@dataclass
class Awaiting:
    """A completed project still waiting for evaluations, for the desk's queue."""

    project: object
    expected: int
    done: int
    deadline: object  # the earliest deadline of the open evaluations, or None
    overdue: bool


def awaiting_evaluations(projects, today):
    """Of these completed projects, those where a party is still missing, with counts and
    the earliest open deadline, in a fixed number of queries (a party that is asked but has
    no row yet counts as missing)."""
    projects = list(
        projects.prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.filter(
                    organization__isnull=False, consent=Partner.Consent.CONFIRMED
                ),
                to_attr="confirmed_partners",
            ),
            Prefetch("evaluations", to_attr="evaluation_rows"),
        )
    )
    awaiting = []
    for project in projects:
        organizations = {project.lead_organization_id} | {
            partner.organization_id for partner in project.confirmed_partners
        }
        expected = len(organizations) + 1  # the city side is always a party
        done = sum(
            1
            for e in project.evaluation_rows
            if e.status in DONE and (e.department_id or e.organization_id in organizations)
        )
        if done >= expected:
            continue
        open_deadlines = [
            e.deadline
            for e in project.evaluation_rows
            if e.status == EvaluationStatus.DRAFT and e.deadline
        ]
        deadline = min(open_deadlines) if open_deadlines else None
        awaiting.append(
            Awaiting(project, expected, done, deadline, bool(deadline and deadline < today))
        )
    return awaiting


def owed_evaluations(organizations):
    """The evaluations these organisations still owe: completed projects where one of them
    is a party (the lead, or a partner that confirmed its role) and its evaluation is
    neither submitted nor declined. [(project, organization)], oldest project first."""
    organizations = {organization.pk: organization for organization in organizations}
    if not organizations:
        return []
    projects = (
        Project.objects.filter(status=Project.Status.COMPLETED)
        .filter(
            Q(lead_organization__in=organizations)
            | Q(
                partners__organization__in=organizations,
                partners__consent=Partner.Consent.CONFIRMED,
            )
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.filter(consent=Partner.Consent.CONFIRMED),
                to_attr="confirmed_partners",
            )
        )
        .order_by("pk")
    )
    projects = list(projects)
    if not projects:
        return []
    done = set(
        Evaluation.objects.filter(
            project__in=projects, organization__in=organizations, status__in=DONE
        ).values_list("project_id", "organization_id")
    )
    owed = []
    for project in projects:
        party_ids = [project.lead_organization_id] + [
            partner.organization_id for partner in project.confirmed_partners
        ]
        for organization_id in dict.fromkeys(party_ids):
            if organization_id in organizations and (project.pk, organization_id) not in done:
                owed.append((project, organizations[organization_id]))
    return owed
