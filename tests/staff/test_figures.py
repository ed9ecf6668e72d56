"""Figures by form, 年度, field, area and state, drawn as SVG on the server."""

import re

import pytest

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
    assert not re.search(r'<link[^>]+href="(https?:)?//', body)


def test_longest_bar_fills_the_chart(client, coordinating_staff, organization):
    factories.make_project(lead_organization=organization, form="subsidy")
    factories.make_project(lead_organization=organization, form="subsidy")
    factories.make_project(lead_organization=organization, form="patronage")
    client.force_login(coordinating_staff)
    chart = next(c for c in client.get("/staff/figures/").context["charts"] if c.code == "form")
    widths = {bar.label: bar.width for bar in chart.bars}
    assert widths["補助"] == 360
    assert widths["後援"] == 180
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
