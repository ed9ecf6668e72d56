"""A day at the staff desk, in a real browser: approve a new organisation, return a proposal
with a comment, watch the organisation fix and resubmit it through its own proposal pages,
approve it, find it on the public list, hide it, see it vanish from every public place, and
export the staff list to Excel."""

import datetime
import re

import openpyxl
import pytest
from django.utils import timezone

from organizations.models import Organization
from principles.models import ChecklistItem, SelfCheckAnswer
from projects import lifecycle
from projects.models import CohostingDetail, Project
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "上福岡駅前の花いっぱい運動"
ORGANIZATION = "みどりの上福岡の会"
NEW_ORGANIZATION = "大井の見守りの会"
RETURN_COMMENT = "安全対策(保険)に、加入する保険の名前と補償の範囲を書いてください。"


@pytest.fixture
def morning(member):
    """What waits when the day begins: a new organisation, and another one's proposal."""
    factories.make_organization(
        status="pending", name=NEW_ORGANIZATION, name_kana="オオイノミマモリノカイ"
    )
    organization = factories.make_organization(
        name=ORGANIZATION,
        name_kana="ミドリノカミフクオカノカイ",
        members=[member],
    )
    project = factories.make_project(
        lead_organization=organization,
        status="draft",
        title=TITLE,
        purpose="駅前を花で明るくし、世代を超えた交流の場をつくる。",
        expected_effect="通勤・通学の人にも声をかけ、参加者を増やす。",
        starts_on=timezone.localdate() + datetime.timedelta(days=60),
        ends_on=timezone.localdate() + datetime.timedelta(days=200),
        fiscal_year=2026,
        safety_insurance="加入予定",
        safety_plan="作業時は2人以上で行い、緊急連絡網を用意する。",
    )
    CohostingDetail.objects.create(project=project, cost_sharing="花苗は団体、用具は市が負担")
    for item in ChecklistItem.objects.filter(is_active=True):
        SelfCheckAnswer.objects.create(project=project, item=item, answer="yes")
    lifecycle.apply(project, "submit", actor=member)
    return organization, project


def _public_places_show(page, base, project, organization):
    """Where the public could meet the project: list, detail, organisation page, top page."""
    seen = {}
    page.goto(f"{base}/projects/")
    seen["list"] = page.get_by_role("link", name=TITLE).count() > 0
    response = page.goto(f"{base}/projects/{project.pk}/")
    seen["detail"] = response.status == 200
    page.goto(f"{base}/organizations/{organization.pk}/")
    seen["organization"] = page.get_by_role("link", name=TITLE).count() > 0
    page.goto(f"{base}/")
    seen["top"] = page.get_by_role("link", name=TITLE).count() > 0
    return seen


def test_staff_members_day(
    morning,
    coordinating_staff,
    member,
    live_server,
    page,
    browser,
    login,
    screenshot,
    tmp_path,
    assert_accessible,
):
    organization, project = morning
    base = live_server.url

    # 1. The desk: the new organisation waits; approve it.
    login(coordinating_staff.email)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="職員デスク"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "職員デスク"
    pending = page.get_by_role("region", name="承認待ちの団体")
    pending.get_by_role("link", name=NEW_ORGANIZATION).click()
    assert page.get_by_role("heading", level=1).inner_text() == NEW_ORGANIZATION
    page.get_by_role("button", name="承認", exact=True).click()
    assert f"団体「{NEW_ORGANIZATION}」を承認しました。" in page.locator(".messages").inner_text()
    assert Organization.objects.get(name=NEW_ORGANIZATION).status == "approved"
    screenshot("staff-day-01-organisation-approved")

    # 2. The proposal, oldest first in its queue: return it with a comment.
    page.get_by_role("navigation", name="職員デスクのメニュー").get_by_role(
        "link", name="デスク"
    ).click()
    page.get_by_role("region", name="審査待ちの提案(古い順)").get_by_role(
        "link", name=TITLE
    ).click()
    page.get_by_label("「差し戻し」: 差し戻しの理由(団体に伝わります)").fill(RETURN_COMMENT)
    page.get_by_role("button", name="差し戻し", exact=True).click()
    assert "「差し戻し」を行いました" in page.locator(".messages").inner_text()
    assert "状態: 差し戻し" in page.locator(".card-meta").inner_text()
    assert (
        RETURN_COMMENT
        in page.get_by_role("list").filter(has_text=RETURN_COMMENT).first.inner_text()
    )
    screenshot("staff-day-02-returned")

    # 3. The organisation reads the comment, fixes the proposal and submits it again,
    #    through its own proposal pages, in a browser of its own.
    member_context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    member_page = member_context.new_page()
    member_page.goto(f"{base}/accounts/login/")
    member_page.get_by_label("メールアドレス").fill(member.email)
    member_page.get_by_label("パスワード").first.fill("test-password-123")
    member_page.get_by_role("button", name="ログイン").click()
    member_page.goto(f"{base}/projects/{project.pk}/proposal/")
    assert RETURN_COMMENT in member_page.locator(".returned-comment").inner_text()
    member_page.get_by_role("link", name="内容を編集する").click()
    member_page.get_by_label("安全対策(保険)").fill(
        "市民活動保険(ふじみ野市)に加入。作業中のけがと第三者への賠償を補償。"
    )
    # Saved, the 確認画面 shows what changed; the resubmission says what changed (the staff
    # see it with the field-by-field changes).
    member_page.get_by_role("button", name="保存して確認画面へ進む").click()
    assert "前回の提出から変わった項目" in member_page.locator("main").inner_text()
    project.refresh_from_db()
    assert project.status == "returned"
    member_page.get_by_label("変更した点").fill("安全対策に保険の名前と補償の範囲を書きました。")
    member_page.get_by_role("button", name="この内容で再提出する").click()
    project.refresh_from_db()
    assert project.status == "submitted", member_page.locator("main").inner_text()[:2000]
    member_context.close()

    # 4. Back at the desk: the resubmitted proposal waits again; approve it.
    page.goto(f"{base}/staff/")
    page.get_by_role("region", name="審査待ちの提案(古い順)").get_by_role(
        "link", name=TITLE
    ).click()
    assert "市民活動保険" in page.locator("main").inner_text()
    page.get_by_role("button", name="承認して公開", exact=True).click()
    assert "状態: 実施中" in page.locator(".card-meta").inner_text()
    history = page.locator(".history").inner_text()
    for step in ("提出", "差し戻し", "承認して公開"):
        assert step in history
    screenshot("staff-day-03-approved")

    # 5. The public finds it.
    anonymous = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    public_page = anonymous.new_page()
    assert _public_places_show(public_page, base, project, organization) == {
        "list": True,
        "detail": True,
        "organization": True,
        "top": True,
    }

    # 6. Hide it; it vanishes from every public place.
    page.goto(f"{base}/staff/projects/{project.pk}/")
    page.get_by_label("「非公開にする」: 非公開にする理由").fill("会場の安全確認が終わるまで")
    page.get_by_role("button", name="非公開にする…", exact=True).click()
    # An irreversible action asks first, saying what will happen, with the reason typed.
    page.get_by_role("heading", name="「非公開にする」を行いますか", level=1).wait_for()
    assert page.get_by_label("非公開にする理由").input_value() == "会場の安全確認が終わるまで"
    assert_accessible("the confirmation of hiding")
    page.get_by_role("button", name="「非公開にする」を確定する").click()
    assert "非公開" in page.locator(".card-meta").inner_text()
    assert _public_places_show(public_page, base, project, organization) == {
        "list": False,
        "detail": False,
        "organization": False,
        "top": False,
    }
    anonymous.close()
    project.refresh_from_db()
    assert (project.status, project.is_hidden) == ("published", True)

    # 7. Export the staff list of projects to Excel and read it back.
    page.goto(f"{base}/staff/projects/")
    with page.expect_download() as download_info:
        page.locator(".export-links").get_by_role("link", name=re.compile("Excel")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:6] == ("番号", "受付番号", "事業名", "団体", "協働の形態", "状態")
    records = {row[header.index("事業名")]: row for row in rows[1:]}
    assert set(records) == set(Project.objects.values_list("title", flat=True))
    ours = records[TITLE]
    assert ours[header.index("団体")] == ORGANIZATION
    project.refresh_from_db()
    assert ours[header.index("受付番号")] == project.receipt_number
    assert ours[header.index("状態")] == "実施中"
    assert ours[header.index("公開")] == "非公開(非表示にしています)"
    assert ours[header.index("年度")] == "令和8年度"
    assert ours[header.index("公開日(和暦)")].startswith("令和")
