"""axe-core finds no violation on any staff page, nor on the report and notice pages the
organisation files after approval (demo data plus what only staff see: a failed e-mail,
a submitted report, a change notice, a form with errors)."""

import datetime

import pytest

from notifications.models import NotificationFailure
from organizations.models import Organization
from projects import lifecycle
from projects.models import PatronageDetail, Project, Report
from tests import factories

from .conftest import PHONE
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO_PASSWORD = "kyodo-demo-2026"


@pytest.fixture
def desk_data(demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    member = users.get(email="member@example.jp")
    lead = Organization.objects.filter(memberships__user=member, status="approved").first()
    running = factories.make_project(
        lead_organization=lead, title="実績報告を提出した事業", department=None
    )
    Report.objects.create(project=running, activities="講座を6回開きました", participants=80)
    lifecycle.apply(running, "submit_report", actor=member)
    patronage = factories.make_project(
        lead_organization=lead, form="patronage", title="後援の講演会"
    )
    PatronageDetail.objects.create(
        project=patronage,
        event_name="講演会",
        event_date=datetime.date.today() + datetime.timedelta(days=40),
        venue="市民会館",
        name_on_web=True,
    )
    lifecycle.apply(patronage, "change_notice", actor=member, comment="会場を変更します")
    NotificationFailure.objects.create(
        kind="project_decision",
        subject="【ふじみ野 協働ポータル】送れなかった通知",
        body="本文",
        recipients="member@example.jp",
        error="SMTPException: 421",
        project=running,
    )
    return {
        "running": running,
        "patronage": patronage,
        "submitted": Project.objects.filter(status="submitted").first(),
        "pending": Organization.objects.filter(status="pending").first(),
    }


def _sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_every_staff_page_has_no_axe_violation(
    desk_data, live_server, page, assert_accessible, screenshot
):
    base = live_server.url
    _sign_in(page, base, "staff@example.jp")
    pages = [
        "/staff/",
        "/staff/projects/",
        "/staff/projects/?status=submitted&form=subsidy",
        "/staff/projects/new/",
        f"/staff/projects/{desk_data['submitted'].pk}/",
        f"/staff/projects/{desk_data['running'].pk}/",
        f"/staff/projects/{desk_data['patronage'].pk}/",
        f"/staff/projects/{desk_data['running'].pk}/edit/",
        "/staff/organizations/",
        f"/staff/organizations/{desk_data['pending'].pk}/",
        f"/staff/organizations/{desk_data['pending'].pk}/edit/",
        "/staff/figures/",
    ]
    for path in pages:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert_accessible(path)
        screenshot("staff-" + path.strip("/").replace("/", "-").replace("?", "-").replace("&", "-"))

    # A form with errors: the summary at the top and the messages by the fields.
    page.goto(base + "/staff/projects/new/")
    page.get_by_label("年", exact=True).first.fill("2026")
    page.get_by_label("月", exact=True).first.fill("13")
    page.get_by_role("button", name="登録する").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible("/staff/projects/new/ with errors")

    # A decision refused for want of its reason: the error beside the reason box, the
    # summary at the top.
    page.goto(f"{base}/staff/projects/{desk_data['submitted'].pk}/")
    page.get_by_role("button", name="差し戻し", exact=True).click()
    page.locator("#comment-return-error").wait_for()
    assert page.locator(".error-summary").is_visible()
    assert_accessible("project file with a refused comment")
    # And an error message (the action no longer possible), with its word and role.
    page.get_by_label("「差し戻し」: 差し戻しの理由").fill("資料の追加をお願いします。")
    # Someone else took the proposal out of review meanwhile.
    Project.objects.filter(pk=desk_data["submitted"].pk).update(status="returned")
    page.get_by_role("button", name="差し戻し", exact=True).click()
    page.locator(".message-error").wait_for()
    assert "エラー" in page.locator(".message-error").inner_text()
    assert_accessible("project file with an error message")


def test_staff_pages_fit_a_phone(desk_data, live_server, page, assert_accessible):
    base = live_server.url
    page.set_viewport_size(PHONE)
    _sign_in(page, base, "staff@example.jp")
    for path in (
        "/staff/",
        "/staff/projects/",
        f"/staff/projects/{desk_data['submitted'].pk}/",
        f"/staff/projects/{desk_data['running'].pk}/edit/",
        f"/staff/organizations/{desk_data['pending'].pk}/",
        "/staff/figures/",
    ):
        assert page.goto(base + path).status == 200, path
        assert horizontal_overflow(page) == 0, f"{path} is wider than a phone"
        assert_accessible(f"{path} (phone)")


def test_department_staff_desk_has_no_axe_violation(
    desk_data, live_server, page, assert_accessible
):
    base = live_server.url
    _sign_in(page, base, "dept@example.jp")
    own = Project.objects.filter(department__code="lifelong-learning").first()
    for path in ("/staff/", "/staff/projects/", f"/staff/projects/{own.pk}/", "/staff/figures/"):
        assert page.goto(base + path).status == 200, path
        assert_accessible(path)


def test_report_and_notice_pages_have_no_axe_violation(
    desk_data, live_server, page, assert_accessible
):
    base = live_server.url
    _sign_in(page, base, "member@example.jp")
    lead = desk_data["running"].lead_organization
    draft_report = factories.make_project(lead_organization=lead, title="報告を書く事業")
    for path in (
        f"/projects/{draft_report.pk}/report/",
        f"/projects/{desk_data['running'].pk}/report/",
        f"/projects/{desk_data['patronage'].pk}/notices/",
        f"/projects/{desk_data['patronage'].pk}/",
    ):
        assert page.goto(base + path).status == 200, path
        assert_accessible(path)
    page.goto(f"{base}/projects/{draft_report.pk}/report/")
    page.get_by_role("button", name="保存して提出する").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible("report form with errors")
