"""Figures for staff: project counts by form, 年度, field, area and state, as SVG bar charts
drawn on the server (no script, no CDN) with the same numbers in a table beside them, and the
totals of 事業費, 申請額, 交付決定額 and 確定額 by form and 年度.

A chart is drawn 360 units wide, the width of a phone: each label sits on its own lines above
its bar, wrapped rather than cut, so that at 360 px it reads at the size of the text."""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area
from portal.exports import Column, Table
from portal.wareki import fiscal_year_label
from projects.models import Form, Status

CHART_WIDTH = 360
FONT_SIZE = 14
LINE_HEIGHT = 18
BAR_HEIGHT = 16
COUNT_SPACE = 48  # room after the longest bar for its number
ROW_GAP = 10
LABEL_WIDTH = 0  # labels sit above their bars


def _display_width(character):
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def wrap(text, width=(CHART_WIDTH * 2) // FONT_SIZE):
    """The text in lines of at most `width` half-width units (a full-width character is 2)."""
    lines, line, used = [], "", 0
    for character in text:
        size = _display_width(character)
        if used + size > width and line:
            lines.append(line)
            line, used = "", 0
        line += character
        used += size
    return [*lines, line] if line or not lines else lines


@dataclass
class Bar:
    label: str
    count: int
    y: int = 0
    width: int = 0
    lines: list = field(default_factory=list)
    line_ys: list = field(default_factory=list)
    bar_y: int = 0

    @property
    def label_lines(self):
        return list(zip(self.lines, self.line_ys, strict=True))


@dataclass
class Chart:
    code: str
    title: str
    bars: list
    height: int
    width: int
    label_width: int = LABEL_WIDTH
    total: int = 0

    @property
    def table(self):
        return Table(
            name=f"figures-{self.code}",
            title=self.title,
            columns=[
                Column(_("区分"), lambda bar: bar.label),
                Column(_("件数"), lambda bar: bar.count),
            ],
            rows=self.bars,
        )


def _layout(code, title, pairs):
    bars = [Bar(str(label), count) for label, count in pairs]
    largest = max((bar.count for bar in bars), default=0) or 1
    y = 4
    for bar in bars:
        bar.lines = wrap(bar.label)
        bar.y = y
        bar.line_ys = [y + LINE_HEIGHT * (number + 1) - 4 for number in range(len(bar.lines))]
        bar.bar_y = y + LINE_HEIGHT * len(bar.lines) + 2
        bar.width = round((CHART_WIDTH - COUNT_SPACE) * bar.count / largest)
        y = bar.bar_y + BAR_HEIGHT + ROW_GAP
    return Chart(
        code=code,
        title=title,
        bars=bars,
        height=y,
        width=CHART_WIDTH,
        total=sum(bar.count for bar in bars),
    )


def by_form(projects):
    counts = dict(projects.values_list("form").annotate(n=Count("id")).order_by())
    return _layout("form", _("協働の形態別"), [(f.label, counts.get(f.value, 0)) for f in Form])


def by_status(projects):
    counts = dict(projects.values_list("status").annotate(n=Count("id")).order_by())
    return _layout("status", _("状態別"), [(s.label, counts.get(s.value, 0)) for s in Status])


def by_fiscal_year(projects):
    counts = projects.values_list("fiscal_year").annotate(n=Count("id")).order_by("fiscal_year")
    return _layout("fiscal-year", _("年度別"), [(fiscal_year_label(year), n) for year, n in counts])


def by_field(projects):
    counts = dict(
        projects.filter(fields__isnull=False)
        .values_list("fields")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    return _layout(
        "field",
        _("活動分野別"),
        [(field.label, counts.get(field.pk, 0)) for field in ActivityField.objects.all()],
    )


def by_area(projects):
    counts = dict(projects.values_list("area").annotate(n=Count("id")).order_by())
    pairs = [(area.label, counts.get(area.pk, 0)) for area in Area.objects.all()]
    if counts.get(None):
        pairs.append((_("地区の指定なし"), counts[None]))
    return _layout("area", _("地区別"), pairs)


CHARTS = {
    "form": by_form,
    "fiscal-year": by_fiscal_year,
    "field": by_field,
    "area": by_area,
    "status": by_status,
}


@dataclass
class AmountRow:
    form: str
    fiscal_year: int
    count: int
    budget: int
    requested: int
    granted: int
    confirmed: int


def amounts(projects):
    """The totals of 事業費, 申請額, 交付決定額 and 確定額 (補助) by form and 年度, as a table."""
    labels = dict(Form.choices)
    rows = [
        AmountRow(
            form=str(labels.get(row["form"], row["form"])),
            fiscal_year=row["fiscal_year"],
            count=row["count"],
            budget=row["budget"] or 0,
            requested=row["requested"] or 0,
            granted=row["granted"] or 0,
            confirmed=row["confirmed"] or 0,
        )
        for row in projects.values("form", "fiscal_year")
        .annotate(
            count=Count("id"),
            budget=Sum("budget"),
            requested=Sum("subsidy__requested_amount"),
            granted=Sum("subsidy__granted_amount"),
            confirmed=Sum("subsidy__confirmed_amount"),
        )
        .order_by("-fiscal_year", "form")
    ]
    return Table(
        name="figures-amounts",
        title=_("事業費・申請額・交付決定額・確定額の合計(形態・年度別)"),
        columns=[
            Column(_("協働の形態"), lambda row: row.form),
            Column(_("年度"), lambda row: fiscal_year_label(row.fiscal_year)),
            Column(_("件数"), lambda row: row.count),
            Column(_("事業費の合計(円)"), lambda row: row.budget),
            Column(_("申請額の合計(円)"), lambda row: row.requested),
            Column(_("交付決定額の合計(円)"), lambda row: row.granted),
            Column(_("確定額の合計(円)"), lambda row: row.confirmed),
        ],
        rows=rows,
        empty=_("条件に合う協働事業はありません。"),
    )


def all_charts(projects):
    return [builder(projects) for builder in CHARTS.values()]


def chart(projects, code):
    builder = CHARTS.get(code)
    return builder(projects) if builder else None
