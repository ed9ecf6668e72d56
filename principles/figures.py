"""Figures of the mutual evaluations (相互評価) across projects: for each of the seven
principles, the average score of the city side and of the partners, overall, by form and by
年度, with the number of evaluations behind each; drawn as SVG on the server beside a table.

Only submitted evaluations count (a declined party has no scores). Which projects count is
the caller's choice: the public page passes `public_evaluated_projects()` (evaluated and public),
the staff desk the evaluated projects it may see, hidden ones included. Everything is
aggregated in the database, in a fixed number of queries whatever the number of projects.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Case, CharField, Count, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from portal.exports import Column, Table
from portal.wareki import fiscal_year_label
from projects.models import Form, Project

from .models import Evaluation, EvaluationScore, EvaluationStatus, Principle

# A principle the partners rate lower than the city by this much or more, on average, stands
# out on the figures: the parties did not experience it alike.
PARTNER_LOWER_BY = 0.5
SCALE_MAX = 4

CITY, PARTNERS = "city", "partners"

# The chart: a principle's name on a line of its own, then the city's bar and the partners'
# bar, so that the chart reads at a phone's width (the SVG scales to 100 %).
CHART_WIDTH = 440
SIDE_LABEL_WIDTH = 104
BAR_AREA = 270
TOP = 36
ROW_HEIGHT = 84


def public_evaluated_projects():
    """The projects whose evaluation the public may see: evaluated and public."""
    return Project.objects.public().filter(status=Project.Status.EVALUATED)


@dataclass
class Side:
    average: float | None = None
    evaluations: int = 0
    width: int = 0  # px of its bar

    @property
    def label(self):
        return f"{self.average:.2f}" if self.average is not None else "—"


@dataclass
class PrincipleRow:
    principle: Principle
    city: Side
    partners: Side
    y: int = 0

    @property
    def gap(self):
        """The city's average minus the partners' (None unless both sides scored it)."""
        if self.city.average is None or self.partners.average is None:
            return None
        return round(self.city.average - self.partners.average, 2)

    @property
    def gap_label(self):
        return f"{self.gap:+.2f}" if self.gap is not None else "—"

    @property
    def partner_lower(self):
        return self.gap is not None and self.gap >= PARTNER_LOWER_BY


@dataclass
class Group:
    """The figures of one set of projects: all of them, one form or one 年度."""

    code: str
    title: str
    rows: list
    projects: int = 0

    @property
    def city_evaluations(self):
        return max((row.city.evaluations for row in self.rows), default=0)

    @property
    def partner_evaluations(self):
        return max((row.partners.evaluations for row in self.rows), default=0)

    @property
    def has_scores(self):
        return any(row.city.evaluations or row.partners.evaluations for row in self.rows)

    @property
    def partner_lower_rows(self):
        return [row for row in self.rows if row.partner_lower]

    @property
    def width(self):
        return CHART_WIDTH

    @property
    def height(self):
        return TOP + len(self.rows) * ROW_HEIGHT + 8

    @property
    def bar_x(self):
        return SIDE_LABEL_WIDTH

    @property
    def ticks(self):
        return [
            {"value": value, "x": SIDE_LABEL_WIDTH + round(BAR_AREA * value / SCALE_MAX)}
            for value in range(SCALE_MAX + 1)
        ]


@dataclass
class Figures:
    overall: Group
    by_form: list = field(default_factory=list)
    by_fiscal_year: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.overall.has_scores

    @property
    def groups(self):
        return [self.overall, *self.by_form, *self.by_fiscal_year]

    def principle(self, code):
        """A principle of the figures by its code (None if the city has no such principle)."""
        return next(
            (row.principle for row in self.overall.rows if row.principle.code == code), None
        )


def counted_scores(projects, *, public=True):
    """The scores behind the figures: of the submitted evaluations of these projects; on the
    public page only the city's and those of public organisations (as the project page shows
    them). Each is annotated with its side, city or partners."""
    scores = EvaluationScore.objects.filter(
        evaluation__project__in=projects.values("pk"),
        evaluation__status=EvaluationStatus.SUBMITTED,
    )
    if public:
        scores = scores.filter(
            Q(evaluation__organization__isnull=True)
            | Q(evaluation__organization__status=Organization.Status.APPROVED)
        )
    return scores.annotate(
        side=Case(
            When(evaluation__department__isnull=False, then=Value(CITY)),
            default=Value(PARTNERS),
            output_field=CharField(),
        )
    )


def _averages(scores, key=None):
    """{group value: {(principle id, side): (average, evaluations)}}, one query."""
    names = ["principle_id", "side", *([key] if key else [])]
    result = {}
    for item in (
        scores.values(*names).annotate(average=Avg("score"), evaluations=Count("id")).order_by()
    ):
        cells = result.setdefault(item[key] if key else None, {})
        cells[(item["principle_id"], item["side"])] = (float(item["average"]), item["evaluations"])
    return result


def _side(cells, principle, side):
    average, evaluations = cells.get((principle.pk, side), (None, 0))
    width = round(BAR_AREA * average / SCALE_MAX) if average is not None else 0
    return Side(average=average, evaluations=evaluations, width=width)


def _group(code, title, cells, principles, projects):
    rows = []
    for index, principle in enumerate(principles):
        rows.append(
            PrincipleRow(
                principle=principle,
                city=_side(cells, principle, CITY),
                partners=_side(cells, principle, PARTNERS),
                y=TOP + index * ROW_HEIGHT,
            )
        )
    return Group(code=code, title=title, rows=rows, projects=projects)


def _project_counts(scores):
    """{(form, 年度): projects with counted scores}, one query. A project has one form and
    one 年度, so the counts of the cells add up to those of a form, a 年度 or the whole."""
    return {
        (item["evaluation__project__form"], item["evaluation__project__fiscal_year"]): item["n"]
        for item in scores.values("evaluation__project__form", "evaluation__project__fiscal_year")
        .annotate(n=Count("evaluation__project", distinct=True))
        .order_by()
    }


def evaluation_figures(projects, *, public=True, filtered=False):
    """The figures of the evaluations of `projects`: overall, by form (the six in their
    order, those with scores) and by 年度 (oldest first). Five queries. `filtered`: the
    projects are those a filter chose, and the overall group says so."""
    principles = list(Principle.objects.all())
    scores = counted_scores(projects, public=public)
    overall = _averages(scores).get(None, {})
    by_form = _averages(scores, "evaluation__project__form")
    by_year = _averages(scores, "evaluation__project__fiscal_year")
    counts = _project_counts(scores)
    figures = Figures(
        overall=_group(
            "all",
            _("条件に合う評価済み事業") if filtered else _("すべての評価済み事業"),
            overall,
            principles,
            sum(counts.values()),
        )
    )
    for form in Form:
        if form.value in by_form:
            projects_of_form = sum(n for (code, _year), n in counts.items() if code == form.value)
            figures.by_form.append(
                _group(
                    f"form-{form.value}",
                    form.label,
                    by_form[form.value],
                    principles,
                    projects_of_form,
                )
            )
    for year in sorted(by_year):
        projects_of_year = sum(n for (_code, y), n in counts.items() if y == year)
        figures.by_fiscal_year.append(
            _group(
                f"year-{year}", fiscal_year_label(year), by_year[year], principles, projects_of_year
            )
        )
    return figures


def is_filtered(figure_filter):
    """Whether the filter narrows the projects (a form or 年度 given)."""
    data = figure_filter.data if figure_filter.is_bound else {}
    return any(data.get(name) for name in ("form", "year"))


def evaluated_years(projects):
    """The 年度 of these projects, newest first, for the filter."""
    return list(projects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


# ---- exports (the staff desk) ------------------------------------------------------------


def _kinds(figures):
    yield _("全体"), figures.overall
    for group in figures.by_form:
        yield _("協働の形態"), group
    for group in figures.by_fiscal_year:
        yield _("年度"), group


def _rounded(side):
    return round(side.average, 2) if side.average is not None else None


def summary_table(figures):
    """Every figure of the page, one row per group and principle."""
    rows = [
        (kind, group, row)
        for kind, group in _kinds(figures)
        if group.has_scores
        for row in group.rows
    ]
    return Table(
        name="evaluation-figures",
        title=_("相互評価の集計"),
        columns=[
            Column(_("区分"), lambda item: item[0]),
            Column(_("対象"), lambda item: item[1].title),
            Column(_("事業数"), lambda item: item[1].projects),
            Column(_("基本原則"), lambda item: item[2].principle.label),
            Column(_("市の平均"), lambda item: _rounded(item[2].city)),
            Column(_("市の評価数"), lambda item: item[2].city.evaluations),
            Column(_("パートナーの平均"), lambda item: _rounded(item[2].partners)),
            Column(_("パートナーの評価数"), lambda item: item[2].partners.evaluations),
            Column(_("差(市−パートナー)"), lambda item: item[2].gap),
            Column(
                _("パートナー側の評価が市より低い"),
                lambda item: _("該当") if item[2].partner_lower else "",
            ),
        ],
        rows=rows,
    )


def _score_column(principle):
    return Column(principle.label, lambda evaluation: evaluation.score_of.get(principle.pk))


def project_table(projects):
    """Each submitted evaluation of these projects, one row per party: the project, its form
    and 年度, the party and its side, each principle's score and the recommendation."""
    principles = list(Principle.objects.all())
    evaluations = list(
        Evaluation.objects.filter(
            project__in=projects.values("pk"), status=EvaluationStatus.SUBMITTED
        )
        .select_related("project", "department", "organization")
        .prefetch_related("scores")
        .order_by(
            "project__fiscal_year", "project_id", F("organization_id").asc(nulls_first=True), "pk"
        )
    )
    for evaluation in evaluations:
        evaluation.score_of = {score.principle_id: score.score for score in evaluation.scores.all()}
    return Table(
        name="evaluation-scores",
        title=_("事業ごとの相互評価"),
        columns=[
            Column(_("事業ID"), lambda e: e.project_id),
            Column(_("事業名"), lambda e: e.project.title),
            Column(_("協働の形態"), lambda e: e.project.get_form_display()),
            Column(_("年度"), lambda e: e.project.fiscal_year),
            Column(_("年度(和暦)"), lambda e: fiscal_year_label(e.project.fiscal_year)),
            Column(_("当事者"), lambda e: e.party_name),
            Column(_("立場"), lambda e: _("市") if e.is_city else _("パートナー")),
            *[_score_column(principle) for principle in principles],
            Column(_("今後の方向性"), lambda e: e.get_recommendation_display()),
            Column(_("提出日"), lambda e: e.submitted_at, wareki=True),
        ],
        rows=evaluations,
    )
