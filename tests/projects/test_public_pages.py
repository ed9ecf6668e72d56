import datetime

import pytest
from django.utils import timezone

from principles.models import Evaluation, EvaluationScore, Principle
from projects.models import CommitteeDetail, Project, Report
from tests import factories

pytestmark = pytest.mark.django_db


def test_project_list_shows_published_projects(client):
    project = factories.make_project(title="上福岡七夕まつり")
    response = client.get("/projects/")
    assert response.status_code == 200
    assert project.title in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "rejected", "withdrawn"])
def test_private_project_is_404_and_absent_from_the_list(client, status):
    project = factories.make_project(title="【非公開】テスト提案", status=status)
    assert client.get(f"/projects/{project.pk}/").status_code == 404
    assert "【非公開】テスト提案" not in client.get("/projects/").content.decode()


def test_hidden_project_is_404(client):
    project = factories.make_project(is_hidden=True)
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_unknown_project_is_404(client):
    assert client.get("/projects/999999/").status_code == 404


def test_project_list_filters_by_form(client):
    committee = factories.make_project(title="おおい祭り", form="committee")
    subsidy = factories.make_project(title="自治組織運営活動への支援", form="subsidy")
    body = client.get("/projects/", {"form": "committee"}).content.decode()
    assert committee.title in body
    assert subsidy.title not in body


def test_project_list_filters_by_field_area_year_and_status(client):
    match = factories.make_project(
        title="環境フェア",
        fields=("environment",),
        fiscal_year=2024,
        status="completed",
    )
    factories.make_project(title="別分野の事業", fields=("children",), fiscal_year=2024)
    factories.make_project(title="別年度の事業", fields=("environment",), fiscal_year=2025)
    response = client.get(
        "/projects/",
        {"field": "environment", "area": "citywide", "year": "2024", "status": "completed"},
    )
    body = response.content.decode()
    assert match.title in body
    assert "別分野の事業" not in body
    assert "別年度の事業" not in body


def test_project_list_keyword_search_matches_japanese_words(client):
    factories.make_project(title="上福岡七夕まつり", summary="商店街で七夕飾りを楽しむ夏祭り")
    factories.make_project(title="スポーツカレッジ", summary="体を動かす講座")
    body = client.get("/projects/", {"q": "七夕"}).content.decode()
    assert "上福岡<mark>七夕</mark>まつり" in body
    assert "スポーツカレッジ" not in body


def test_keyword_search_never_finds_private_projects(client):
    factories.make_project(title="七夕の下書き", status="draft")
    body = client.get("/projects/", {"q": "七夕"}).content.decode()
    assert "七夕の下書き" not in body


def test_status_filter_cannot_reveal_private_states(client):
    factories.make_project(title="下書きの事業", status="draft")
    response = client.get("/projects/", {"status": "draft"})
    assert response.status_code == 200
    assert "下書きの事業" not in response.content.decode()
    assert "検索条件に誤りがあります" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"form": "unknown"},
        {"field": "no-such-field"},
        {"page": "9999"},
        {"page": "-1"},
        {"q": "x" * 500},
        {"q": "\x00\x01"},
    ],
)
def test_bad_filter_values_never_give_500(client, query):
    factories.make_project()
    assert client.get("/projects/", query).status_code == 200


def test_project_list_is_paginated_and_keeps_filters(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for number in range(5):
        factories.make_project(title=f"実行委員会の事業{number}", form="committee")
    response = client.get("/projects/", {"form": "committee", "page": "2"})
    body = response.content.decode()
    assert response.context["page"].number == 2
    assert "form=committee&amp;page=3" in body


def test_project_page_shows_partners_roles_and_fiscal_year_in_wareki(client):
    project = factories.make_project(
        title="おおい祭り", form="committee", fiscal_year=2025, starts_on=datetime.date(2025, 8, 2)
    )
    CommitteeDetail.objects.create(project=project, committee_name="おおい祭り実行委員会")
    partner_org = factories.make_organization(name="大井商店会")
    factories.make_partner(project, partner_org, role="模擬店の運営")
    factories.make_partner(project, name="市内小中学校PTA", role="子ども神輿の見守り")
    body = client.get(f"/projects/{project.pk}/").content.decode()
    assert "令和7年度" in body
    assert "令和7年8月2日" in body and "2025年8月2日" in body
    assert "大井商店会" in body and "模擬店の運営" in body
    assert "市内小中学校PTA" in body and "子ども神輿の見守り" in body
    assert "おおい祭り実行委員会" in body


def test_project_page_hides_partners_not_approved(client):
    project = factories.make_project()
    pending = factories.make_organization(name="審査待ちの会", status="pending")
    factories.make_partner(project, pending, role="秘密の役割")
    body = client.get(f"/projects/{project.pk}/").content.decode()
    assert "審査待ちの会" not in body
    assert "秘密の役割" not in body


def test_project_page_shows_accepted_report(client):
    project = factories.make_project(status="completed")
    Report.objects.create(
        project=project, activities="講座を12回開いた", participants=340, status="accepted"
    )
    body = client.get(f"/projects/{project.pk}/").content.decode()
    assert "講座を12回開いた" in body
    assert "340人" in body


def test_project_page_hides_report_not_yet_accepted(client):
    project = factories.make_project(status="published")
    Report.objects.create(project=project, activities="まだ下書きの報告", status="submitted")
    assert "まだ下書きの報告" not in client.get(f"/projects/{project.pk}/").content.decode()


def _evaluate(project, party, scores):
    evaluation = Evaluation.objects.create(
        project=project,
        status="submitted",
        submitted_at=timezone.now(),
        outcomes="成果あり",
        **party,
    )
    for principle, score in zip(Principle.objects.all(), scores, strict=True):
        EvaluationScore.objects.create(evaluation=evaluation, principle=principle, score=score)
    return evaluation


def test_evaluated_project_shows_the_comparison_and_points_to_discuss(client):
    department = factories.make_department()
    project = factories.make_project(status="evaluated", department=department)
    partner = factories.make_organization(name="ふじみ野環境ネット")
    factories.make_partner(project, partner)
    _evaluate(project, {"department": department}, [4, 4, 3, 3, 4, 4, 3])
    _evaluate(project, {"organization": partner}, [2, 4, 3, 3, 4, 4, 3])
    response = client.get(f"/projects/{project.pk}/")
    body = response.content.decode()
    assert "相互評価" in body
    assert "ふじみ野市(生涯学習課)" in body
    assert "ふじみ野環境ネット" in body
    comparison = response.context["comparison"]
    assert [row.principle.name for row in comparison.points_to_discuss] == ["対等"]
    assert 'class="to-discuss"' in body


def test_comparison_is_not_shown_before_the_project_is_evaluated(client):
    department = factories.make_department()
    project = factories.make_project(status="completed", department=department)
    _evaluate(project, {"department": department}, [4, 4, 3, 3, 4, 4, 3])
    response = client.get(f"/projects/{project.pk}/")
    assert "comparison" not in response.context
    body = response.content.decode()
    assert "基本原則ごとの評価の比較" not in body and 'id="evaluation-title"' not in body


def test_lead_member_sees_own_draft(client, member, organization):
    project = factories.make_project(lead_organization=organization, status="draft")
    client.force_login(member)
    response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    assert "この事業は公開されていません" in response.content.decode()


def test_member_of_another_organisation_gets_404_for_a_draft(client, other_member, organization):
    project = factories.make_project(lead_organization=organization, status="draft")
    client.force_login(other_member)
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_coordinating_staff_sees_submitted_proposal(client, coordinating_staff):
    project = factories.make_project(status="submitted")
    client.force_login(coordinating_staff)
    assert client.get(f"/projects/{project.pk}/").status_code == 200


def test_projects_are_listed_newest_first(client):
    older = factories.make_project(
        title="古い事業", published_at=timezone.now() - datetime.timedelta(days=30)
    )
    newer = factories.make_project(title="新しい事業")
    projects = list(client.get("/projects/").context["projects"])
    assert projects == [newer, older]


def test_project_model_counts_are_unchanged_by_viewing(client):
    project = factories.make_project()
    client.get(f"/projects/{project.pk}/")
    assert Project.objects.count() == 1


def test_project_list_filters_by_organisation_led_or_partnered(client):
    organization = factories.make_organization()
    led = factories.make_project(title="主催する事業", lead_organization=organization)
    partnered = factories.make_project(title="協力する事業")
    factories.make_partner(partnered, organization)
    factories.make_project(title="関係のない事業")
    projects = set(client.get("/projects/", {"organization": organization.pk}).context["projects"])
    assert projects == {led, partnered}


def test_fiscal_year_reads_whole_in_japanese_and_in_english(client, settings):
    project = factories.make_project(fiscal_year=2025)
    assert "令和7年度(2025年度)" in client.get(f"/projects/{project.pk}/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "(FY2025)" in client.get(f"/projects/{project.pk}/").content.decode()
