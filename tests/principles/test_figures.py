"""The figures of the mutual evaluations across projects: /evaluations/ (public) and
/staff/evaluations/ (the desk) with its CSV and XLSX exports."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from organizations.models import Organization
from principles.figures import PARTNER_LOWER_BY, PrincipleRow, Side
from principles.models import Evaluation, EvaluationScore, Principle
from tests import factories

pytestmark = pytest.mark.django_db


def add_evaluation(project, scores, *, status="submitted", **party):
    """One party's evaluation: `scores` is a score for every principle, or {code: score}
    (the others get 3)."""
    evaluation = Evaluation.objects.create(
        project=project,
        status=status,
        submitted_at=timezone.now() if status == "submitted" else None,
        recommendation="continue",
        **party,
    )
    EvaluationScore.objects.bulk_create(
        EvaluationScore(
            evaluation=evaluation,
            principle=principle,
            score=scores.get(principle.code, 3) if isinstance(scores, dict) else scores,
        )
        for principle in Principle.objects.all()
    )
    return evaluation


def evaluated_project(city, *partners, lead=None, department=None, **attributes):
    """An evaluated project with the city's evaluation and one per partner organisation
    (the first partner is the lead)."""
    department = department or factories.make_department()
    organizations = [lead or factories.make_organization()] + [
        factories.make_organization() for _ in partners[1:]
    ]
    attributes.setdefault("status", "evaluated")
    project = factories.make_project(
        lead_organization=organizations[0], department=department, **attributes
    )
    if city is not None:
        add_evaluation(project, city, department=department)
    for organization, scores in zip(organizations, partners, strict=False):
        add_evaluation(project, scores, organization=organization)
    return project


def overall(response):
    return {row.principle.code: row for row in response.context["figures"].overall.rows}


def group(response, code):
    return next(g for g in response.context["figures"].groups if g.code == code)


def rows_of(group_):
    return {row.principle.code: row for row in group_.rows}


# ---- averages -----------------------------------------------------------------------------


def test_averages_of_the_city_and_of_the_partners(client):
    evaluated_project(4, 2, 3)
    evaluated_project(3, 3)
    response = client.get("/evaluations/")
    assert response.status_code == 200
    equality = overall(response)["equality"]
    assert equality.city.average == 3.5
    assert equality.city.evaluations == 2
    assert equality.partners.average == pytest.approx(8 / 3)
    assert equality.partners.evaluations == 3
    figures = response.context["figures"]
    assert figures.overall.projects == 2
    assert (figures.overall.city_evaluations, figures.overall.partner_evaluations) == (2, 3)
    body = response.content.decode()
    assert "3.50" in body and "2.67" in body


def test_averages_by_form_and_by_fiscal_year(client):
    evaluated_project(4, 2, form="subsidy", fiscal_year=2024)
    evaluated_project(2, 4, form="committee", fiscal_year=2025)
    evaluated_project(3, 3, form="committee", fiscal_year=2024)
    response = client.get("/evaluations/")
    figures = response.context["figures"]
    assert [g.code for g in figures.by_form] == ["form-subsidy", "form-committee"]
    assert [g.title for g in figures.by_form] == ["補助", "実行委員会"]
    subsidy = rows_of(group(response, "form-subsidy"))["openness"]
    assert (subsidy.city.average, subsidy.partners.average) == (4, 2)
    committee = rows_of(group(response, "form-committee"))["openness"]
    assert (committee.city.average, committee.partners.average) == (2.5, 3.5)
    assert group(response, "form-committee").projects == 2
    assert [g.title for g in figures.by_fiscal_year] == ["令和6年度", "令和7年度"]
    year_2024 = rows_of(group(response, "year-2024"))["openness"]
    assert (year_2024.city.average, year_2024.partners.average) == (3.5, 2.5)
    assert group(response, "year-2024").projects == 2
    assert group(response, "year-2025").projects == 1


def test_what_is_not_public_counts_nothing_publicly_and_the_hidden_counts_for_staff(
    client, coordinating_staff
):
    evaluated_project(4, 4)
    # Completed, one party's evaluation still a draft: nothing is public yet.
    completed = evaluated_project(1, 1, status="completed")
    add_evaluation(completed, 1, status="draft", organization=factories.make_organization())
    evaluated_project(1, 1, is_hidden=True)
    evaluated_project(1, 1, status="published")  # not evaluated (rows written by hand)
    evaluated_project(1, 1, lead=factories.make_organization(status="suspended"))
    # A partner suspended after the evaluation: the project page leaves it out, so do we.
    public_project = evaluated_project(4, 4)
    add_evaluation(public_project, 1, organization=factories.make_organization(status="suspended"))
    response = client.get("/evaluations/")
    equality = overall(response)["equality"]
    assert (equality.city.average, equality.partners.average) == (4, 4)
    assert (equality.city.evaluations, equality.partners.evaluations) == (2, 2)
    assert response.context["figures"].overall.projects == 2

    client.force_login(coordinating_staff)
    staff = client.get("/staff/evaluations/")
    assert staff.status_code == 200
    equality = overall(staff)["equality"]
    # The hidden project, the suspended lead's and the suspended partner's evaluation count.
    assert staff.context["figures"].overall.projects == 4
    assert (equality.city.evaluations, equality.partners.evaluations) == (4, 5)
    assert staff.context["hidden_count"] == 1
    assert "非公開にした事業" in staff.content.decode()


def test_declined_parties_are_skipped(client):
    project = evaluated_project(4, 2)
    declined = add_evaluation(project, 1, organization=factories.make_organization())
    Evaluation.objects.filter(pk=declined.pk).update(status="declined", submitted_at=None)
    equality = overall(client.get("/evaluations/"))["equality"]
    assert (equality.partners.average, equality.partners.evaluations) == (2, 1)


def test_department_staff_count_their_departments_projects(client, department_staff):
    own = department_staff.departments.get()
    evaluated_project(4, 4, department=own)
    evaluated_project(1, 1, department=factories.make_department("環境課", "environment"))
    client.force_login(department_staff)
    response = client.get("/staff/evaluations/")
    assert response.context["figures"].overall.projects == 1
    assert overall(response)["equality"].city.average == 4


# ---- the principles the partners rate lower ---------------------------------------------------


def test_partner_lower_exactly_from_the_threshold():
    def row(city, partners):
        return PrincipleRow(principle=None, city=Side(average=city), partners=Side(partners))

    assert PARTNER_LOWER_BY == 0.5
    assert row(4, 3.5).partner_lower
    assert row(3.5, 2.0).partner_lower
    assert not row(3.0, 2.51).partner_lower
    assert not row(2.0, 3.0).partner_lower
    assert not row(4, None).partner_lower


def test_a_principle_the_partners_rate_lower_stands_out(client):
    evaluated_project({"equality": 4}, {"equality": 3}, {"equality": 4})  # 0.5 lower
    response = client.get("/evaluations/")
    rows = overall(response)
    assert rows["equality"].partner_lower
    assert not rows["autonomy"].partner_lower
    body = response.content.decode()
    assert "パートナー側の評価が市より低い原則" in body
    assert "0.5点以上低い原則" in body
    assert "「対等」(対等の立場に立つこと)" in body and "「相互理解」" in body
    assert "<strong>対等</strong>" in body
    assert body.count('class="partner-lower"') == 3  # overall, its form, its 年度
    assert "該当する原則はありません" not in body


def test_nothing_stands_out_below_the_threshold(client):
    evaluated_project({"equality": 4}, {"equality": 4}, {"equality": 3}, {"equality": 4})
    response = client.get("/evaluations/")
    assert not overall(response)["equality"].partner_lower  # 0.33 lower
    body = response.content.decode()
    assert "該当する原則はありません" in body
    assert 'class="partner-lower"' not in body


# ---- the page -------------------------------------------------------------------------------


def test_empty_state_before_any_evaluation_is_published(client):
    evaluated_project(4, 4, status="completed")
    response = client.get("/evaluations/")
    assert response.status_code == 200
    assert response.context["figures"].is_empty
    body = response.content.decode()
    assert "まだ相互評価を公開した協働事業はありません。" in body
    assert "<svg" not in body


def test_filters_by_form_and_fiscal_year(client):
    evaluated_project(4, 1, form="subsidy", fiscal_year=2024)
    evaluated_project(2, 3, form="committee", fiscal_year=2025)
    evaluated_project(3, 3, form="committee", fiscal_year=2024)
    by_form = client.get("/evaluations/?form=committee")
    assert overall(by_form)["equality"].city.average == 2.5
    assert [g.code for g in by_form.context["figures"].by_form] == ["form-committee"]
    assert "条件に合う評価済み事業" in by_form.content.decode()
    both = client.get("/evaluations/?form=committee&year=2024")
    assert overall(both)["equality"].city.average == 3
    assert both.context["figures"].overall.projects == 1
    # The 年度 offered are those of evaluated public projects.
    assert [c[0] for c in both.context["filter"].form.fields["year"].choices] == [
        "",
        "2025",
        "2024",
    ]
    nothing = client.get("/evaluations/?form=patronage")
    assert nothing.context["figures"].is_empty
    assert "条件に合う評価済みの協働事業はありません。" in nothing.content.decode()


@pytest.mark.parametrize(
    "query", ["year=1999", "year=令和6年度", "form=unknown", "year=" + "9" * 30, "form=%00"]
)
def test_a_filter_value_that_is_not_offered_shows_nothing_and_says_why(client, query):
    evaluated_project(4, 4, fiscal_year=2024)
    response = client.get(f"/evaluations/?{query}")
    assert response.status_code == 200
    assert response.context["figures"].is_empty
    body = response.content.decode()
    assert "検索条件に誤りがあります" in body
    assert "条件に合う評価済みの協働事業はありません。" in body


def test_charts_are_server_side_svg_with_a_table_beside_each(client):
    evaluated_project(4, 2, form="subsidy", fiscal_year=2024)
    body = client.get("/evaluations/").content.decode()
    # Overall, one form and one 年度: a chart and a table each.
    assert body.count("<svg") == 3
    assert body.count('role="img"') == 3
    assert body.count('width="100%"') == 3
    assert 'viewBox="0 0 440 ' in body
    assert 'aria-labelledby="all-svg-title all-svg-desc"' in body
    assert '<title id="all-svg-title">' in body and '<desc id="all-svg-desc">' in body
    assert body.count('<table class="table figure-table">') == 3
    assert '<caption id="all-caption">' in body
    assert body.count('<th scope="row">') >= 21
    # The sides are told apart by their label and pattern, not by colour alone.
    assert 'fill="url(#all-hatch)"' in body
    assert ">市</text>" in body and ">パートナー</text>" in body
    assert "<script" not in body.split("<main", 1)[-1].split("</main>")[0]


def test_the_page_is_linked_from_the_footer_the_principles_and_the_project_page(client):
    project = evaluated_project(4, 4)
    assert 'href="/evaluations/"' in client.get("/").content.decode()
    assert 'href="/evaluations/"' in client.get("/principles/").content.decode()
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "ほかの事業とあわせた相互評価の集計を見る" in page
    assert "/evaluations/</loc>" in client.get("/sitemap.xml").content.decode()


def test_staff_nav_links_the_evaluation_figures(client, department_staff):
    client.force_login(department_staff)
    body = client.get("/staff/figures/").content.decode()
    assert 'href="/staff/evaluations/"' in body
    assert "/staff/evaluations/summary.csv" in client.get("/staff/evaluations/").content.decode()


def test_public_page_queries_do_not_grow_with_the_projects(client):
    def queries():
        client.get("/evaluations/?form=committee")
        with CaptureQueriesContext(connection) as context:
            assert client.get("/evaluations/").status_code == 200
        return len(context.captured_queries)

    evaluated_project(4, 3, form="committee", fiscal_year=2024)
    few = queries()
    for year in (2023, 2024, 2025, 2026):
        for form in ("subsidy", "committee", "cohosting"):
            evaluated_project(3, 2, 4, form=form, fiscal_year=year)
    assert queries() == few <= 10


# ---- exports --------------------------------------------------------------------------------


def test_summary_exports_as_csv_and_xlsx(client, coordinating_staff):
    evaluated_project({"equality": 4}, {"equality": 2}, form="subsidy", fiscal_year=2024)
    client.force_login(coordinating_staff)
    response = client.get("/staff/evaluations/summary.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["区分", "対象", "事業数", "基本原則"]
    assert [
        "全体",
        "すべての評価済み事業",
        "1",
        "対等",
        "4.0",
        "1",
        "2.0",
        "1",
        "2.0",
        "該当",
    ] in rows
    assert ["協働の形態", "補助", "1", "対等", "4.0", "1", "2.0", "1", "2.0", "該当"] in rows
    assert ["年度", "令和6年度", "1", "自立化", "3.0", "1", "3.0", "1", "0.0", ""] in rows
    assert len(rows) == 1 + 3 * 7
    workbook = load_workbook(io.BytesIO(client.get("/staff/evaluations/summary.xlsx").content))
    sheet = list(workbook.active.values)
    assert sheet[0][0] == "区分"
    assert ("全体", "すべての評価済み事業", 1, "対等", 4, 1, 2, 1, 2, "該当") in sheet


def test_per_project_export_with_each_partys_scores(client, coordinating_staff):
    lead = factories.make_organization(name='=HYPERLINK("http://example.com")の会')
    project = evaluated_project(
        {"equality": 4},
        {"equality": 2},
        lead=lead,
        title='=HYPERLINK("http://example.com","見る")',
        form="committee",
        fiscal_year=2025,
    )
    declined = add_evaluation(project, 1, organization=factories.make_organization())
    Evaluation.objects.filter(pk=declined.pk).update(status="declined")
    client.force_login(coordinating_staff)
    response = client.get("/staff/evaluations/projects.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "事業ID",
        "事業名",
        "協働の形態",
        "年度",
        "年度(和暦)",
        "当事者",
        "立場",
        *Principle.objects.values_list("name", flat=True),
        "今後の方向性",
        "提出日",
        "提出日(和暦)",
    ]
    assert len(rows) == 3  # the declined party has no row
    city, partner = rows[1], rows[2]
    assert city[1] == '\'=HYPERLINK("http://example.com","見る")'
    assert city[2:5] == ["実行委員会", "2025", "令和7年度"]
    assert city[6:8] == ["市", "4"]
    assert partner[5] == '\'=HYPERLINK("http://example.com")の会'
    assert partner[6:9] == ["パートナー", "2", "3"]
    assert partner[14] == "継続"
    workbook = load_workbook(io.BytesIO(client.get("/staff/evaluations/projects.xlsx").content))
    cells = list(workbook.active.values)
    assert cells[1][1] == '\'=HYPERLINK("http://example.com","見る")'
    assert cells[1][0] == project.pk and cells[1][7] == 4
    assert all(not str(cell).startswith("=") for row in cells for cell in row if cell)


def test_exports_follow_the_filters_and_the_users_projects(client, department_staff):
    own = department_staff.departments.get()
    evaluated_project(4, 4, department=own, form="subsidy")
    evaluated_project(4, 4, department=own, form="committee")
    other = factories.make_department("環境課", "environment")
    evaluated_project(1, 1, department=other, form="committee")
    client.force_login(department_staff)
    text = client.get("/staff/evaluations/projects.csv?form=committee").content.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 2
    text = client.get("/staff/evaluations/projects.csv").content.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 4
    assert client.get("/staff/evaluations/other.csv").status_code == 404
    assert client.get("/staff/evaluations/summary.pdf").status_code == 404


def test_suspended_partner_is_public_again_once_approved(client):
    # The public filter reads the organisation's state now, not at the time of evaluation.
    project = evaluated_project(4, 4)
    partner = factories.make_organization(status="suspended")
    add_evaluation(project, 2, organization=partner)
    assert overall(client.get("/evaluations/"))["equality"].partners.evaluations == 1
    Organization.objects.filter(pk=partner.pk).update(status="approved")
    assert overall(client.get("/evaluations/"))["equality"].partners.evaluations == 2
