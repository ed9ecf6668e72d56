"""Figures by form, 年度, field, area and state, drawn as SVG on the server."""

import re

import pytest

from staff import figures
from tests import factories

pytestmark = pytest.mark.django_db


def test_figures_count_every_project_and_draw_svg(client, coordinating_staff, organization):
    factories.make_project(lead_organization=organization, form="subsidy", fiscal_year=2024)
    factories.make_project(lead_organization=organization, form="subsidy", status="draft")
    factories.make_project(lead_organization=organization, form="patronage")
    client.force_login(coordinating_staff)
    response = client.get("/staff/figures/")
    assert response.status_code == 200
    charts = {chart.code: chart for chart in response.context["charts"]}
    assert set(charts) == {"form", "fiscal-year", "field", "area", "status"}
    by_form = {bar.label: bar.count for bar in charts["form"].bars}
    assert (by_form["補助"], by_form["後援"], by_form["委託"]) == (2, 1, 0)
    assert {bar.label: bar.count for bar in charts["fiscal-year"].bars} == {
        "令和6年度": 1,
        "令和7年度": 2,
    }
    by_status = {bar.label: bar.count for bar in charts["status"].bars}
    assert (by_status["実施中"], by_status["下書き"]) == (2, 1)
    body = response.content.decode()
    assert body.count("<svg") == 5
    assert 'role="img"' in body
    # Charts are drawn on the server: no script or style from another host.
    assert not re.search(r'src="(https?:)?//', body)
    assert not re.search(r'<link rel="stylesheet"[^>]+href="(https?:)?//', body)
    assert not re.search(r'<link[^>]+href="(https?:)?//(?!kyodo\.example\.jp/)', body)


def test_longest_bar_fills_the_chart(client, coordinating_staff, organization):
    factories.make_project(lead_organization=organization, form="subsidy")
    factories.make_project(lead_organization=organization, form="subsidy")
    factories.make_project(lead_organization=organization, form="patronage")
    client.force_login(coordinating_staff)
    chart = next(c for c in client.get("/staff/figures/").context["charts"] if c.code == "form")
    widths = {bar.label: bar.width for bar in chart.bars}
    longest = figures.CHART_WIDTH - figures.COUNT_SPACE
    assert widths["補助"] == longest
    assert widths["後援"] == longest // 2
    assert widths["委託"] == 0


def test_figures_export_as_csv_and_xlsx(client, coordinating_staff, organization):
    factories.make_project(lead_organization=organization, form="committee")
    client.force_login(coordinating_staff)
    response = client.get("/staff/figures/form.csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "区分,件数"
    assert "実行委員会,1" in text
    assert client.get("/staff/figures/area.xlsx").status_code == 200
    assert client.get("/staff/figures/nothing.csv").status_code == 404


def test_department_staff_figures_count_their_projects(client, department_staff, organization):
    factories.make_project(lead_organization=organization, department=factories.make_department())
    factories.make_project(lead_organization=organization)
    client.force_login(department_staff)
    chart = next(c for c in client.get("/staff/figures/").context["charts"] if c.code == "form")
    assert chart.total == 1


def test_labels_wrap_instead_of_being_cut(client, coordinating_staff, organization):
    long = "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動"
    lines = figures.wrap(long)
    assert len(lines) > 1 and "".join(lines) == long
    for line in lines:
        assert sum(figures._display_width(c) for c in line) * figures.FONT_SIZE / 2 <= (
            figures.CHART_WIDTH
        )
    client.force_login(coordinating_staff)
    body = client.get("/staff/figures/").content.decode()
    assert "…</text>" not in body
    # The fields of activity show their plain names.
    chart = next(c for c in client.get("/staff/figures/").context["charts"] if c.code == "field")
    assert "市民活動団体の支援" in [bar.label for bar in chart.bars]


def test_figures_are_filtered_by_year_and_state(client, coordinating_staff, organization):
    factories.make_project(lead_organization=organization, form="subsidy", fiscal_year=2025)
    factories.make_project(lead_organization=organization, form="subsidy", fiscal_year=2026)
    factories.make_project(
        lead_organization=organization, form="subsidy", fiscal_year=2026, status="draft"
    )
    client.force_login(coordinating_staff)

    def subsidy_count(query):
        charts = client.get(f"/staff/figures/{query}").context["charts"]
        form = next(c for c in charts if c.code == "form")
        return next(bar.count for bar in form.bars if bar.label == "補助")

    assert subsidy_count("") == 3
    assert subsidy_count("?fiscal_year=2026") == 2
    assert subsidy_count("?fiscal_year=R8&status=published") == 1
    page = client.get("/staff/figures/?fiscal_year=2026").content.decode()
    assert "令和8年度" in re.search(r"<title>(.*?)</title>", page).group(1)
    text = client.get("/staff/figures/form.csv?fiscal_year=2025").content.decode("utf-8-sig")
    assert "補助,1" in text


def test_the_totals_of_amounts_by_form_and_year(client, coordinating_staff, organization):
    from projects.models import SubsidyDetail

    for requested, granted, confirmed in ((300000, 250000, 240000), (200000, None, None)):
        project = factories.make_project(
            lead_organization=organization, form="subsidy", fiscal_year=2026, budget=500000
        )
        SubsidyDetail.objects.create(
            project=project,
            requested_amount=requested,
            granted_amount=granted,
            confirmed_amount=confirmed,
        )
    factories.make_project(
        lead_organization=organization, form="cohosting", fiscal_year=2026, budget=80000
    )
    client.force_login(coordinating_staff)
    table = client.get("/staff/figures/").context["amounts"]
    rows = {(row.form, row.fiscal_year): row for row in table.rows}
    subsidy = rows[("補助", 2026)]
    assert (
        subsidy.count,
        subsidy.budget,
        subsidy.requested,
        subsidy.granted,
        subsidy.confirmed,
    ) == (2, 1000000, 500000, 250000, 240000)
    assert rows[("共催", 2026)].budget == 80000
    text = client.get("/staff/figures/amounts.csv").content.decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "協働の形態,年度,件数,事業費の合計(円),申請額の合計(円),交付決定額の合計(円),"
        "確定額の合計(円)"
    )
    assert "補助,令和8年度,2,1000000,500000,250000,240000" in text


def test_xlsx_exports_fit_their_columns_and_filter(client, coordinating_staff, organization):
    import io

    from openpyxl import load_workbook

    factories.make_project(lead_organization=organization, form="subsidy", budget=123456789)
    client.force_login(coordinating_staff)
    sheet = load_workbook(io.BytesIO(client.get("/staff/figures/field.xlsx").content)).active
    assert sheet.auto_filter.ref == sheet.dimensions
    longest = max(len(str(cell.value or "")) for cell in sheet["A"])
    # A full-width character is two units wide.
    assert sheet.column_dimensions["A"].width >= min(60, longest * 2)
