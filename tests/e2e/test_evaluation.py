"""The mutual evaluation (相互評価) in a real browser: a completed project's three parties (the
city side, the lead organisation and a confirmed partner) each enter their evaluation on
their own page; nothing shows publicly until the last one is submitted, then the project is
evaluated by itself and the comparison, with the principle the parties scored 2 apart marked,
appears on the public project page. One invalid submit keeps what was typed; axe-core finds
nothing on the entry pages and the published comparison, on a phone and on a desktop."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from organizations.models import Department, Organization
from principles.models import Evaluation, Principle
from projects import lifecycle
from projects.models import Project, Report
from tests import factories

from .conftest import DESKTOP, PHONE
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO_PASSWORD = "kyodo-demo-2026"
TITLE = "親子で学ぶ川の生きもの教室"
LEAD = "NPO法人ふじみ野子ども未来ネット(デモ)"
PARTNER = "NPO法人まなびの森ふじみ野(デモ)"
CITY = "dept@example.jp"  # 生涯学習課, the project's 担当課
LEAD_MEMBER = "member@example.jp"
PARTNER_MEMBER = "owner-manabi@example.jp"

LEAD_LOW_COMMENT = "日程を市の都合で決めることが多く、対等に話し合えたとは言えなかった。"
PARTNER_LOW_COMMENT = "活動の記録を市民に伝える場がなかった。"
PARTNER_OUTCOMES = "講師の派遣を通じて、団体同士のつながりが生まれた。"


@pytest.fixture
def completed_project(demo):
    """A project of the lead (member@example.jp's organisation) with one registered partner
    that confirmed its role, whose report is in and which 生涯学習課 has completed."""
    users = get_user_model().objects
    lead_member = users.get(email=LEAD_MEMBER)
    city_staff = users.get(email=CITY)
    # The demo's other people cannot sign in: give the partner's registrant a password.
    partner_member = users.get(email=PARTNER_MEMBER)
    partner_member.set_password(DEMO_PASSWORD)
    partner_member.save()
    lead = Organization.objects.get(name=LEAD)
    partner = Organization.objects.get(name=PARTNER)
    project = factories.make_project(
        lead_organization=lead,
        title=TITLE,
        department=Department.objects.get(code="lifelong-learning"),
    )
    factories.make_partner(project, partner, role="講師の派遣")
    Report.objects.create(project=project, activities="川の生きもの観察会を4回開きました。")
    lifecycle.apply(project, "submit_report", actor=lead_member)
    lifecycle.apply(project, "complete", actor=city_staff)
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    return project


def _sign_in(context, base, email):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def _new_context(browser, viewport=DESKTOP):
    return browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", viewport=viewport)


def _fill(page, scores, comments=None, *, outcomes, recommendation="継続"):
    """Score every principle (`scores`: {principle: 1–4}), add comments, the rest."""
    labels = {
        4: "4: 十分できた",
        3: "3: ある程度できた",
        2: "2: あまりできなかった",
        1: "1: できなかった",
    }
    for principle, score in scores.items():
        page.locator(f"#id_score_{principle.pk}_fieldset").get_by_label(
            labels[score], exact=True
        ).check()
    for principle, comment in (comments or {}).items():
        page.get_by_label(f"「{principle.name}」についてのコメント").fill(comment)
    page.get_by_role("textbox", name=re.compile("^成果")).fill(outcomes)
    page.get_by_role("textbox", name=re.compile("^課題")).fill("参加者の募集を早めに始めたい。")
    page.get_by_role("group", name=re.compile("今後の方向性")).get_by_label(
        recommendation, exact=True
    ).check()


def _public_shows_scores(browser, base, project):
    context = _new_context(browser)
    page = context.new_page()
    assert page.goto(f"{base}/projects/{project.pk}/").status == 200
    main = page.locator("main").inner_text()
    shown = {
        "panel": page.locator("section.evaluation").count() > 0,
        "comparison": "基本原則ごとの評価の比較" in main,
        "comments": any(text in main for text in (LEAD_LOW_COMMENT, PARTNER_LOW_COMMENT)),
        "outcomes": PARTNER_OUTCOMES in main,
    }
    context.close()
    return shown


def test_every_party_evaluates_and_the_comparison_is_published(
    completed_project, live_server, browser, screenshot
):
    project = completed_project
    base = live_server.url
    principles = list(Principle.objects.order_by("pk"))
    first, second = principles[0], principles[1]

    # 1. The city side (生涯学習課) from the staff file: every principle 4.
    city_context = _new_context(browser)
    city = _sign_in(city_context, base, CITY)
    city.goto(f"{base}/staff/projects/{project.pk}/")
    city.get_by_role("link", name="市の評価を入力する・辞退を記録する").click()
    assert city.get_by_role("heading", level=1).inner_text() == f"相互評価: {TITLE}"
    _fill(city, dict.fromkeys(principles, 4), outcomes="子どもたちが川に親しむ機会が増えた。")
    city.get_by_role("button", name="提出", exact=True).click()
    assert "相互評価を提出しました。" in city.locator(".messages").inner_text()
    assert "状態: 提出済み" in city.locator("main").inner_text()
    screenshot("evaluation-01-city-submitted")
    city_context.close()

    # 2. The lead's member, from /mypage/'s link: the first principle 2, with its comment.
    lead_context = _new_context(browser)
    lead = _sign_in(lead_context, base, LEAD_MEMBER)
    lead.goto(f"{base}/mypage/")
    lead.get_by_role("region", name="相互評価のお願い").get_by_role(
        "link", name=f"「{TITLE}」の相互評価を入力する({LEAD})"
    ).click()
    assert f"評価する当事者: {LEAD}" in lead.locator("main").inner_text()
    _fill(
        lead,
        {p: (2 if p == first else 3) for p in principles},
        {first: LEAD_LOW_COMMENT},
        outcomes="親子の参加が多く、次の年につながる声が集まった。",
    )
    lead.get_by_role("button", name="提出", exact=True).click()
    assert "相互評価を提出しました。" in lead.locator(".messages").inner_text()
    lead_context.close()

    # Two of three have submitted: the public page shows nothing of the evaluations.
    assert _public_shows_scores(browser, base, project) == {
        "panel": False,
        "comparison": False,
        "comments": False,
        "outcomes": False,
    }
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED

    # 3. The partner's member, from /mypage/'s link. First an invalid submit: the second
    #    principle 1 without its comment.
    partner_context = _new_context(browser)
    partner = _sign_in(partner_context, base, PARTNER_MEMBER)
    partner.goto(f"{base}/mypage/")
    partner.get_by_role("region", name="相互評価のお願い").get_by_role(
        "link", name=f"「{TITLE}」の相互評価を入力する({PARTNER})"
    ).click()
    assert f"評価する当事者: {PARTNER}" in partner.locator("main").inner_text()
    partner_scores = {p: (1 if p == second else 3) for p in principles}
    _fill(partner, partner_scores, outcomes=PARTNER_OUTCOMES, recommendation="拡充")
    partner.get_by_role("button", name="提出", exact=True).click()

    message = (
        "「あまりできなかった」「できなかった」を選んだときは、理由をコメントに書いてください。"
    )
    summary = partner.locator(".error-summary")
    expect(summary).to_be_visible()
    assert message in summary.inner_text()
    comment_field = partner.get_by_label(f"「{second.name}」についてのコメント")
    comment_box = partner.locator(".form-field.has-error").filter(has=comment_field)
    assert message in comment_box.inner_text()
    assert comment_field.get_attribute("aria-invalid") == "true"
    # The summary's link leads to the field.
    summary.get_by_role("link", name=re.compile("できなかった")).click()
    assert comment_field.evaluate("el => el === document.activeElement")
    # What was typed is kept.
    assert (
        partner.locator(f"#id_score_{second.pk}_fieldset")
        .get_by_label("1: できなかった", exact=True)
        .is_checked()
    )
    assert (
        partner.locator(f"#id_score_{first.pk}_fieldset")
        .get_by_label("3: ある程度できた", exact=True)
        .is_checked()
    )
    assert (
        partner.get_by_role("textbox", name=re.compile("^成果")).input_value() == PARTNER_OUTCOMES
    )
    assert (
        partner.get_by_role("group", name=re.compile("今後の方向性"))
        .get_by_label("拡充", exact=True)
        .is_checked()
    )
    screenshot("evaluation-02-partner-error")
    evaluation = Evaluation.objects.get(project=project, organization__name=PARTNER)
    assert evaluation.status == "draft"

    # Now with the comment: the last submission.
    comment_field.fill(PARTNER_LOW_COMMENT)
    partner.get_by_role("button", name="提出", exact=True).click()
    assert "相互評価を提出しました。" in partner.locator(".messages").inner_text()
    partner.get_by_role("link", name="すべての当事者の評価の比較を見る").click()
    partner_context.close()

    # 4. The project is evaluated by itself; the comparison is public, the gap marked.
    project.refresh_from_db()
    assert project.status == Project.Status.EVALUATED
    assert _public_shows_scores(browser, base, project) == {
        "panel": True,
        "comparison": True,
        "comments": True,
        "outcomes": True,
    }
    public_context = _new_context(browser)
    public = public_context.new_page()
    public.goto(f"{base}/projects/{project.pk}/")
    panel = public.get_by_role("region", name="相互評価", exact=True)
    table = panel.get_by_role("table", name="基本原則ごとの評価の比較")
    headers = table.locator("thead th").all_inner_texts()
    city_name = Evaluation.objects.get(project=project, organization=None).party_name
    assert "生涯学習課" in city_name
    assert headers == ["基本原則", city_name, LEAD, PARTNER]
    # The first principle: the city 4, the lead 2 — two apart, to be talked over.
    first_row = table.locator("tbody tr").filter(
        has=public.get_by_role("rowheader", name=re.compile("^" + re.escape(first.name)))
    )
    assert first_row.get_attribute("class") == "to-discuss"
    assert "話し合うべき点" in first_row.get_by_role("rowheader").inner_text()
    assert LEAD_LOW_COMMENT in first_row.inner_text()
    scores = [cell.split()[0] for cell in first_row.get_by_role("cell").all_inner_texts()]
    assert scores == ["4", "2", "3"]
    # The second: the city 4, the partner 1.
    second_row = table.locator("tbody tr").filter(
        has=public.get_by_role("rowheader", name=re.compile("^" + re.escape(second.name)))
    )
    assert "話し合うべき点" in second_row.inner_text()
    # The others (4, 3, 3) are not marked.
    marked = table.locator("tbody tr.to-discuss")
    assert marked.count() == 2
    assert "話し合いの論点" in panel.inner_text()
    screenshot("evaluation-03-public-comparison")
    public_context.close()


def _submit_through_the_service(evaluation, actor, scores):
    """Submit a party's evaluation the way its page does (the form, then the service)."""
    from principles import services
    from principles.forms import EvaluationForm

    version = EvaluationForm(instance=evaluation)["version"].value()
    data = {"version": version, "outcomes": "成果", "issues": "課題", "recommendation": "review"}
    for principle, score in scores.items():
        data[f"score_{principle.pk}"] = str(score)
        data[f"comment_{principle.pk}"] = "理由を書きました。" if score <= 2 else ""
    form = EvaluationForm(data, instance=evaluation, submitting=True)
    assert form.is_valid(), form.errors
    services.evaluation_save(form=form, evaluation=evaluation, actor=actor, submit=True)


def _check(page, assert_accessible, path, size):
    assert_accessible(f"{path} ({size['width']}px)")
    if size == PHONE:
        assert horizontal_overflow(page) == 0, f"{path} is wider than a phone"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_evaluation_pages_have_no_axe_violation(
    completed_project, size, live_server, browser, assert_accessible, page
):
    from principles import services

    project = completed_project
    base = live_server.url
    page.set_viewport_size(size)
    member_path = f"/projects/{project.pk}/evaluation/"
    staff_path = f"/staff/projects/{project.pk}/evaluation/"

    # The member's entry page, empty and then with an error.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(LEAD_MEMBER)
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.goto(base + member_path).status == 200
    _check(page, assert_accessible, member_path, size)
    page.get_by_role("button", name="提出", exact=True).click()
    expect(page.locator(".error-summary")).to_be_visible()
    _check(page, assert_accessible, f"{member_path} with errors", size)

    # The city's entry page: the 担当課's, and 協働推進課's with the decline form.
    for email in (CITY, "staff@example.jp"):
        context = _new_context(browser, size)
        staff = _sign_in(context, base, email)
        assert staff.goto(base + staff_path).status == 200
        _check(staff, assert_accessible, f"{staff_path} as {email}", size)
        context.close()

    # Every party submits (the city 4, the lead 2 on the first principle): the comparison.
    users = get_user_model().objects
    principles = list(Principle.objects.order_by("pk"))
    parties = {e.party_name: e for e in services.evaluations_open(project=project)}
    by_party = {
        LEAD: (
            users.get(email=LEAD_MEMBER),
            {p: 2 if p == principles[0] else 3 for p in principles},
        ),
        PARTNER: (users.get(email=PARTNER_MEMBER), dict.fromkeys(principles, 3)),
    }
    for name, evaluation in parties.items():
        actor, scores = by_party.get(name, (users.get(email=CITY), dict.fromkeys(principles, 4)))
        _submit_through_the_service(evaluation, actor, scores)
    project.refresh_from_db()
    assert project.status == Project.Status.EVALUATED

    public_path = f"/projects/{project.pk}/"
    assert page.goto(base + public_path).status == 200
    assert page.locator("tr.to-discuss").count() == 1
    _check(page, assert_accessible, f"{public_path} with the comparison", size)
    # The member's page, read-only once submitted.
    assert page.goto(base + member_path).status == 200
    _check(page, assert_accessible, f"{member_path} submitted", size)
