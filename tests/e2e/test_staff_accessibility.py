"""axe-core finds no violation on any staff page, nor on the report and notice pages the
organisation files after approval (demo data plus what only staff see: a failed e-mail,
a submitted report, a change notice, a form with errors), at both widths in both languages.
With AXE_RESULTS=1 the runs become the published results (pages/accessibility-results.json)."""

import datetime

import pytest
from playwright.sync_api import expect

from notices import services as notices
from notices.models import Kind
from notifications.models import NotificationFailure
from organizations.models import Organization
from projects import lifecycle
from projects.models import PatronageDetail, Project, Report, SubsidyDetail
from staff.models import ExportJob
from tests import factories

from .conftest import DESKTOP, LANGUAGES, PHONE
from .public_site import WIDTHS, horizontal_overflow

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
    lifecycle.apply(
        patronage,
        "change_notice",
        actor=member,
        comment="会場を変更します",
        proposed={"venue": "中央公民館"},
    )
    # The 確認画面 of a draft ready to be sent, and of a returned proposal to be resent.
    review = factories.make_proposal(lead_organization=lead, title="確認画面で見る提案")
    returned = factories.make_proposal(lead_organization=lead, title="差し戻された提案")
    lifecycle.apply(returned, "submit", actor=None)
    lifecycle.apply(returned, "return", actor=None, comment="日程を書いてください")
    NotificationFailure.objects.create(
        kind="project_decision",
        subject="【ふじみ野 協働ポータル】送れなかった通知",
        body="本文",
        recipients="member@example.jp",
        error="SMTPException: 421",
        project=running,
    )
    # A 補助 whose report is being written (its budget, the settlement to enter) and one
    # still a draft (the budget lines in the editor).
    subsidy_report = factories.make_project(
        lead_organization=lead, form="subsidy", title="補助の実績報告を書く事業"
    )
    SubsidyDetail.objects.create(project=subsidy_report, requested_amount=100000)
    factories.make_budget(subsidy_report)
    subsidy_draft = factories.make_proposal(
        lead_organization=lead, form="subsidy", title="補助の提案の下書き"
    )
    # The exports page with one export of each state.
    staff = users.get(email="staff@example.jp")
    for status, extra in (
        (ExportJob.Status.DONE, {"row_count": 1500, "filename": "projects-20261205.csv"}),
        (ExportJob.Status.FAILED, {"failure": "一覧の条件が正しくありません"}),
        (ExportJob.Status.QUEUED, {}),
    ):
        ExportJob.objects.create(
            user=staff,
            list_name="projects",
            format="csv",
            query="form=subsidy",
            status=status,
            **extra,
        )
    return {
        "running": running,
        "patronage": patronage,
        "review": review,
        "returned": returned,
        "notice": notices.document_issue(project=patronage, kind=Kind.PATRONAGE_APPROVAL),
        "subsidy": Project.objects.filter(form="subsidy", status="evaluated").first(),
        "subsidy_report": subsidy_report,
        "subsidy_draft": subsidy_draft,
        "submitted": Project.objects.filter(status="submitted").first(),
        "pending": Organization.objects.filter(status="pending").first(),
    }


def _sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


# Each page as a function of the test's data (ids differ between runs), by the role that
# sees it.
STAFF_PAGES = {
    "staff-desk": lambda data: "/staff/",
    "staff-projects": lambda data: "/staff/projects/",
    "staff-projects-filtered": lambda data: "/staff/projects/?status=submitted&form=subsidy",
    "staff-project-new": lambda data: "/staff/projects/new/",
    "staff-project-submitted": lambda data: f"/staff/projects/{data['submitted'].pk}/",
    "staff-project-report-submitted": lambda data: f"/staff/projects/{data['running'].pk}/",
    "staff-project-change-notice": lambda data: f"/staff/projects/{data['patronage'].pk}/",
    "staff-project-edit": lambda data: f"/staff/projects/{data['running'].pk}/edit/",
    "staff-project-subsidy-settled": lambda data: f"/staff/projects/{data['subsidy'].pk}/",
    "staff-project-subsidy-edit": lambda data: f"/staff/projects/{data['subsidy'].pk}/edit/",
    "staff-organizations": lambda data: "/staff/organizations/",
    "staff-organization-pending": lambda data: f"/staff/organizations/{data['pending'].pk}/",
    "staff-organization-edit": lambda data: f"/staff/organizations/{data['pending'].pk}/edit/",
    "staff-figures": lambda data: "/staff/figures/",
    "staff-exports": lambda data: "/staff/exports/",
    "staff-notice": lambda data: f"/notices/{data['notice'].pk}/",
}
DEPARTMENT_PAGES = {
    "department-desk": lambda data: "/staff/",
    "department-projects": lambda data: "/staff/projects/",
    "department-project": lambda data: f"/staff/projects/{data['own'].pk}/",
    "department-figures": lambda data: "/staff/figures/",
}
MEMBER_PAGES = {
    "member-report-draft": lambda data: f"/projects/{data['draft_report'].pk}/report/",
    "member-report-submitted": lambda data: f"/projects/{data['running'].pk}/report/",
    "member-notices": lambda data: f"/projects/{data['patronage'].pk}/notices/",
    "member-proposal-review": lambda data: f"/projects/{data['review'].pk}/review/",
    "member-proposal-review-returned": lambda data: f"/projects/{data['returned'].pk}/review/",
    "member-project-page": lambda data: f"/projects/{data['patronage'].pk}/",
    "member-proposal-documents": lambda data: f"/projects/{data['patronage'].pk}/proposal/",
    "member-notice": lambda data: f"/notices/{data['notice'].pk}/",
    "member-application": lambda data: f"/notices/projects/{data['patronage'].pk}/application/",
    "member-subsidy-report": lambda data: f"/projects/{data['subsidy_report'].pk}/report/",
    "member-subsidy-editor": lambda data: f"/projects/{data['subsidy_draft'].pk}/edit/",
    "member-organization-documents": lambda data: (
        f"/organizations/{data['running'].lead_organization_id}/documents/"
    ),
}


def check_pages(page, base, pages, data, assert_accessible, show_in):
    """Each page at both widths in both languages, named in the published results."""
    for language in LANGUAGES:
        show_in(language)
        for width_name, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            for name, path_of in pages.items():
                path = path_of(data)
                response = page.goto(base + path)
                assert response.status == 200, path
                assert_accessible(
                    f"{path} at {width_name} width in {language}",
                    page_name=name,
                    width=width_name,
                    language=language,
                )
    show_in("ja")


def test_every_staff_page_has_no_axe_violation(
    desk_data, live_server, page, assert_accessible, screenshot, show_in
):
    base = live_server.url
    _sign_in(page, base, "staff@example.jp")
    check_pages(page, base, STAFF_PAGES, desk_data, assert_accessible, show_in)
    page.set_viewport_size(DESKTOP)
    for name, path_of in STAFF_PAGES.items():
        page.goto(base + path_of(desk_data))
        screenshot(name)

    # A form with errors: the summary at the top and the messages by the fields.
    page.goto(base + "/staff/projects/new/")
    page.get_by_label("年", exact=True).first.fill("2026")
    page.get_by_label("月", exact=True).first.fill("13")
    page.get_by_role("button", name="登録する").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible("/staff/projects/new/ with errors")

    # A decision refused for want of its reason: the error beside the reason box, the
    # summary at the top.
    page.goto(f"{base}/staff/projects/{desk_data['submitted'].pk}/")
    page.get_by_role("button", name="差し戻し", exact=True).click()
    page.locator("#comment-return-error").wait_for()
    expect(page.locator(".error-summary")).to_be_visible()
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
    desk_data, live_server, page, assert_accessible, show_in
):
    base = live_server.url
    _sign_in(page, base, "dept@example.jp")
    own = Project.objects.filter(department__code="lifelong-learning").first()
    check_pages(page, base, DEPARTMENT_PAGES, {"own": own}, assert_accessible, show_in)


def test_report_and_notice_pages_have_no_axe_violation(
    desk_data, live_server, page, assert_accessible, show_in
):
    base = live_server.url
    _sign_in(page, base, "member@example.jp")
    lead = desk_data["running"].lead_organization
    draft_report = factories.make_project(lead_organization=lead, title="報告を書く事業")
    data = {**desk_data, "draft_report": draft_report}
    check_pages(page, base, MEMBER_PAGES, data, assert_accessible, show_in)
    # A resubmission sent without its note of what was changed: the error beside the field.
    page.goto(f"{base}/projects/{desk_data['returned'].pk}/review/")
    page.get_by_role("button", name="この内容で再提出する").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible("review screen with errors")
    page.goto(f"{base}/projects/{draft_report.pk}/report/")
    page.get_by_role("button", name="保存して提出する").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible("report form with errors")
