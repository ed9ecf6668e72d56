"""Figures for staff: project counts by form, 年度, field, area and state, as SVG bar charts
drawn on the server (no script, no CDN) with the same numbers in a table beside them."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from organizations.models import ActivityField, Area
from portal.exports import Column, Table
from portal.wareki import fiscal_year_label
from projects.models import Form, Status

BAR_AREA = 360  # px of the longest bar
LABEL_WIDTH = 300
ROW_HEIGHT = 28


@dataclass
class Bar:
    label: str
    count: int
    y: int = 0
    width: int = 0


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
    for index, bar in enumerate(bars):
        bar.y = 8 + index * ROW_HEIGHT
        bar.width = round(BAR_AREA * bar.count / largest)
    return Chart(
        code=code,
        title=title,
        bars=bars,
        height=16 + len(bars) * ROW_HEIGHT,
        width=LABEL_WIDTH + BAR_AREA + 60,
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
        [(field.name, counts.get(field.pk, 0)) for field in ActivityField.objects.all()],
    )


def by_area(projects):
    counts = dict(projects.values_list("area").annotate(n=Count("id")).order_by())
    pairs = [(area.name, counts.get(area.pk, 0)) for area in Area.objects.all()]
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


def all_charts(projects):
    return [builder(projects) for builder in CHARTS.values()]


def chart(projects, code):
    builder = CHARTS.get(code)
    return builder(projects) if builder else None
