"""A member of an approved organisation proposes a 後援 and a 補助 project in a real browser:
chooses the form, saves a draft, has a mislabelled file refused without losing the text,
attaches documents, sees what is still missing, submits, and finds both on /mypage/ with
their state. axe-core checks every proposal page, signed in, with and without errors."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Project
from tests import factories
from tests.caching import clear_cache

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "kodomo-shokudo@example.jp"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def files(tmp_path):
    def make(name, content):
        path = tmp_path / name
        path.write_bytes(content)
        return str(path)

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return {
        "fake_pdf": make("kaisai-yoko.pdf", b"<!doctype html><script>alert(1)</script>"),
        "bylaws": make("会則.pdf", pdf),
        "officers": make("役員名簿.pdf", pdf),
        "outline": make("開催要項.pdf", pdf),
        "budget": make("収支予算書.pdf", pdf),
    }


def no_horizontal_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def fill_date(page, prefix, value):
    page.locator(f"#id_{prefix}_0").fill(str(value.year))
    page.locator(f"#id_{prefix}_1").fill(str(value.month))
    page.locator(f"#id_{prefix}_2").fill(str(value.day))


def fill_common(page, title, starts_on=None):
    """The common part; `starts_on` None for a 後援, whose period is its event's date."""
    page.get_by_label("事業名").fill(title)
    page.get_by_label("概要").fill("地域の子どもと家族が防災を学ぶ催しです。")
    page.get_by_label(re.compile(r"^目的")).fill("子どもの居場所づくりと防災意識の向上")
    page.get_by_label("期待される効果").fill("地域のつながりが強まります。")
    fields = page.get_by_role("group", name="活動分野")
    if not fields.locator("details").get_attribute("open"):
        fields.locator("summary").click()
    fields.get_by_role("checkbox").first.check()
    page.get_by_label("上福岡地区").check()
    if starts_on is not None:
        fill_date(page, "starts_on", starts_on)
    page.get_by_label("安全対策(保険)").fill("行事保険に加入します。")
    page.get_by_label("安全対策(危機管理)").fill("救護担当を置き、緊急連絡網を作ります。")
    for radio in page.locator('input[type="radio"][value="yes"]').all():
        radio.check()


def choose_form(page, live_server, label, assert_accessible=None):
    page.goto(f"{live_server.url}/mypage/")
    page.get_by_role("link", name="協働事業を提案する").click()
    if assert_accessible:
        assert_accessible()
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="次へ(内容の入力)").click()


def test_member_proposes_patronage_and_subsidy_and_finds_them_on_mypage(
    live_server, page, login, assert_accessible, screenshot, files, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    member = factories.make_user(EMAIL)
    factories.make_organization(name="ふじみ野子ども食堂ネット", members=[member])
    login(EMAIL)
    page.wait_for_url("**/mypage/")
    event_date = timezone.localdate() + datetime.timedelta(days=60)

    # The form is chosen first; forgetting to choose says so.
    page.goto(f"{live_server.url}/projects/new/?form=")
    assert "error-summary" in page.content()
    assert_accessible()
    choose_form(page, live_server, "後援", assert_accessible)
    assert page.get_by_role("heading", level=1).inner_text() == "協働事業を提案する(後援)"
    assert_accessible()
    page.set_viewport_size(PHONE)
    no_horizontal_scroll(page)
    screenshot("proposal-new-patronage-phone")

    # An impossible date is refused with a message; everything typed stays.
    fill_common(page, "こども防災フェア")
    page.get_by_label("行事名").fill("ふじみ野こども防災フェア")
    page.locator("#id_detail-event_date_0").fill(str(event_date.year))
    page.locator("#id_detail-event_date_1").fill("2")
    page.locator("#id_detail-event_date_2").fill("30")
    page.get_by_label("開催場所").fill("ふじみ野市立産業文化センター")
    page.get_by_label("ポスターに市の名義を表示").check()
    page.get_by_role("button", name="下書きを保存する").click()
    summary = page.locator("#error-summary")
    assert f"{event_date.year}年2月30日という日付はありません。" in summary.inner_text()
    assert page.get_by_label("事業名").input_value() == "こども防災フェア"
    assert page.locator("#id_detail-event_date_2").input_value() == "30"
    assert page.locator("#id_detail-event_date_0").get_attribute("aria-invalid") == "true"
    assert_accessible()
    screenshot("proposal-date-error-phone")

    fill_date(page, "detail-event_date", event_date)
    page.get_by_role("button", name="下書きを保存する").click()
    assert "下書きを保存しました" in page.get_by_role("status").inner_text()
    patronage = Project.objects.get(form="patronage")
    assert patronage.status == "draft"
    assert_accessible()

    # Submitting without the documents lists what is missing.
    page.goto(f"{live_server.url}/projects/{patronage.pk}/proposal/")
    assert "提出する前に、あと4件の入力が必要です。" in page.content()
    assert_accessible()
    # The 確認画面 lists what is missing, each item a link to its field; nothing is sent.
    page.get_by_role("link", name="提出する(確認画面へ)").click()
    expect(page.get_by_role("heading", name="提出内容の確認")).to_be_visible()
    missing = page.get_by_role("region", name="足りない項目")
    assert "「役員名簿」のファイルを添付してください。" in missing.inner_text()
    assert page.get_by_role("button", name="この内容で提出する").count() == 0
    assert_accessible()
    screenshot("proposal-review-missing-phone")
    missing.get_by_role("link", name=re.compile("役員名簿")).click()
    assert "「役員名簿」のファイルを添付してください。" in " ".join(
        page.get_by_role("alert").all_inner_texts()
    )
    patronage.refresh_from_db()
    assert patronage.status == "draft"

    # A .pdf that is really HTML is refused; the text typed meanwhile stays.
    page.get_by_label("行事名").fill("ふじみ野こども防災フェア2026")
    page.get_by_label("開催要項").set_input_files(files["fake_pdf"])
    page.get_by_role("button", name="下書きを保存する").click()
    assert "HTML や SVG などのファイルは受け付けていません。" in " ".join(
        page.get_by_role("alert").all_inner_texts()
    )
    assert page.get_by_label("行事名").input_value() == "ふじみ野こども防災フェア2026"
    assert_accessible()

    for kind, label in (
        ("bylaws", "規約・会則"),
        ("officers", "役員名簿"),
        ("outline", "開催要項"),
        ("budget", "収支予算書"),
    ):
        page.get_by_label(re.compile(f"^{label}")).set_input_files(files[kind])
    page.get_by_role("button", name="保存して確認画面へ進む").click()
    # Saved and shown as it will be sent: nothing is submitted before the confirmation.
    expect(page.get_by_role("heading", name="提出内容の確認")).to_be_visible()
    assert "ふじみ野こども防災フェア2026" in page.locator("main").inner_text()
    patronage.refresh_from_db()
    assert patronage.status == "draft"
    assert_accessible()
    screenshot("proposal-review-phone")
    page.get_by_role("button", name="この内容で提出する").click()
    patronage.refresh_from_db()
    assert patronage.status == "submitted"
    assert patronage.receipt_number.startswith("後援-R")
    status = page.get_by_role("status").inner_text()
    assert "提案を受け付けました" in status and patronage.receipt_number in status
    assert patronage.receipt_number in page.locator(".card-meta").inner_text()
    # The 受付完了メール reaches the applicant with the number.
    received = [m for m in mail.outbox if patronage.receipt_number in m.subject]
    assert received and f"受付番号: {patronage.receipt_number}" in received[0].body
    assert patronage.attachments.count() == 4
    assert_accessible()
    screenshot("proposal-submitted-phone")

    # The 補助: the budget attached on the first page already.
    page.set_viewport_size({"width": 1280, "height": 900})
    choose_form(page, live_server, "補助")
    fill_common(page, "こども食堂の運営", event_date)
    page.get_by_label("申請額(円)").fill("150,000")
    # The 収支予算 as lines: the city's subsidy, and the expenses it is asked for.
    income = page.locator("#rows-income > fieldset").first
    income.get_by_label("区分").select_option("city_subsidy")
    income.get_by_label("予算額(円)").fill("150,000")
    expense = page.locator("#rows-expenses > fieldset").first
    expense.get_by_label("区分").select_option("supplies")
    expense.get_by_label("内容").fill("食材費")
    expense.get_by_label("予算額(円)").fill("150000")
    page.get_by_label(re.compile(r"^収支予算書")).set_input_files(files["budget"])
    page.get_by_role("button", name="下書きを保存する").click()
    page.get_by_text("下書きを保存しました").first.wait_for()
    assert_accessible()
    subsidy = Project.objects.get(form="subsidy")
    assert subsidy.subsidy.requested_amount == 150000
    assert subsidy.budget_lines.get(side="expense").planned_amount == 150000
    assert subsidy.attachments.get().original_name == "収支予算書.pdf"
    page.get_by_role("button", name="保存して確認画面へ進む").click()
    assert_accessible()
    page.get_by_role("button", name="この内容で提出する").click()
    subsidy.refresh_from_db()
    assert subsidy.status == "submitted"
    assert subsidy.receipt_number.startswith("補助-R")

    # The withdrawal page, visited but not used.
    page.goto(f"{live_server.url}/projects/{subsidy.pk}/withdraw/")
    assert_accessible()

    # Both on /mypage/ with their state.
    page.goto(f"{live_server.url}/mypage/")
    table = page.get_by_role("table", name="提案した協働事業の一覧")
    for title in ("こども防災フェア", "こども食堂の運営"):
        row = table.get_by_role("row").filter(has_text=title)
        assert "審査中" in row.inner_text()
    patronage_row = table.get_by_role("row").filter(has_text="こども防災フェア").inner_text()
    assert patronage.receipt_number in patronage_row
    assert_accessible()
    screenshot("mypage-with-proposals")


def test_returned_proposal_is_answered_from_mypage(
    live_server, page, login, assert_accessible, screenshot, tmp_path, settings
):
    from projects import lifecycle

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    member = factories.make_user(EMAIL)
    staff = factories.make_user("kyodo@example.jp")
    factories.coordinating_department().staff.add(staff)
    organization = factories.make_organization(members=[member])
    project = factories.make_project(
        lead_organization=organization, status="submitted", title="公園の花壇づくり"
    )
    lifecycle.apply(
        project, "return", actor=staff, comment="安全対策をもう少し詳しく書いてください。"
    )
    login(EMAIL)
    page.wait_for_url("**/mypage/")
    assert "安全対策をもう少し詳しく書いてください。" in page.content()
    assert_accessible()
    page.get_by_role("link", name="内容を直して、もう一度提出する").click()
    assert "差し戻されました" in page.content()
    assert_accessible()
    page.goto(f"{live_server.url}/projects/{project.pk}/proposal/")
    assert page.get_by_role(
        "heading", name="差し戻されました: 協働推進課からのコメント"
    ).is_visible()
    assert_accessible()
    screenshot("proposal-returned")


def test_signed_in_person_without_an_organisation_learns_how_to_propose(
    live_server, page, login, assert_accessible
):
    factories.make_user("hitori@example.jp")
    login("hitori@example.jp")
    page.wait_for_url("**/mypage/")
    page.goto(f"{live_server.url}/projects/new/")
    assert "承認を受けた団体のメンバー" in page.content()
    assert_accessible()
