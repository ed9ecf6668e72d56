"""In a real browser, the paperwork of a 後援 from end to end: the organisation submits through
the 確認画面 and gets its 受付番号 by mail, answers a question staff ask in the thread, is
approved, and downloads the 後援名義使用承認通知書 as a PDF carrying the 文書番号, the 受付番号,
the 和暦 date and its name; staff find all of it in the project's file."""

import datetime
import io
import re

import pypdf
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from notices.models import IssuedDocument, Kind
from portal.wareki import wareki_date
from projects.models import Attachment, PatronageDetail, Project
from tests import factories
from tests.projects.factories import make_proposal
from tests.projects.proposal_data import pdf_file

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "上福岡こども音楽祭"
QUESTION = "ポスターの市の名義は、どの大きさで載せる予定ですか。"
ANSWER = "A2判のポスターの下部に、主催者名と同じ大きさで載せます。"


@pytest.fixture
def draft(settings, tmp_path):
    """A complete 後援 draft: the event two months ahead, where the city's name appears, and
    the four documents."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    member = factories.make_user("member@example.jp")
    staff = factories.make_user("staff@example.jp")
    factories.coordinating_department().staff.add(staff)
    organization = factories.make_organization(name="上福岡音楽の会", members=[member])
    event_date = timezone.localdate() + datetime.timedelta(days=60)
    project = make_proposal(
        lead_organization=organization,
        form="patronage",
        title=TITLE,
        starts_on=event_date,
        ends_on=event_date,
    )
    PatronageDetail.objects.filter(project=project).update(
        event_name=TITLE,
        event_date=event_date,
        venue="ふじみ野市立産業文化センター",
        name_on_poster=True,
    )
    for kind in ("bylaws", "officers", "outline", "budget"):
        attachment = Attachment(
            project=project,
            kind=kind,
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=member,
        )
        attachment.file.save("upload", pdf_file(), save=False)
        attachment.save()
    mail.outbox.clear()
    return project


def sign_out(page, base):
    page.goto(f"{base}/accounts/logout/")
    page.get_by_role("button", name="ログアウトする").click()


def pdf_text(data):
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_a_patronage_from_review_screen_to_approval_notice(
    draft, live_server, page, login, assert_accessible, screenshot, tmp_path
):
    base = live_server.url
    proposal_url = f"{base}/projects/{draft.pk}/proposal/"
    file_url = f"{base}/staff/projects/{draft.pk}/"

    # 1. The organisation submits through the 確認画面: nothing is sent before it confirms.
    login("member@example.jp")
    page.set_viewport_size(PHONE)
    page.goto(proposal_url)
    page.get_by_role("link", name="提出する(確認画面へ)").click()
    expect(page.get_by_role("heading", name="提出内容の確認")).to_be_visible()
    assert "ふじみ野市立産業文化センター" in page.locator("main").inner_text()
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.receipt_number
    assert mail.outbox == []
    assert_accessible("the review screen at phone width")
    page.get_by_role("button", name="この内容で提出する").click()
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert re.fullmatch(r"後援-R\d+-\d{4}", draft.receipt_number)
    assert draft.receipt_number in page.get_by_role("status").inner_text()

    # The 受付完了メール carries the number.
    received = [m for m in mail.outbox if draft.receipt_number in m.subject]
    assert [m.to for m in received] == [["member@example.jp"]]
    assert f"受付番号: {draft.receipt_number}" in received[0].body
    screenshot("patronage-paperwork-submitted")
    sign_out(page, base)

    # 2. Staff ask a question in the thread.
    page.set_viewport_size(DESKTOP)
    login("staff@example.jp")
    page.goto(file_url)
    assert draft.receipt_number in page.locator("main").inner_text()
    thread = page.locator("#thread")
    thread.get_by_label("団体に送る(団体のメンバーにメールで届きます)").check()
    thread.get_by_label("メッセージ").fill(QUESTION)
    thread.get_by_role("button", name="送信する").click()
    page.wait_for_url(lambda url: url.endswith("/#thread"))
    asked = [m for m in mail.outbox if QUESTION in m.body]
    assert [m.to for m in asked] == [["member@example.jp"]]
    assert draft.receipt_number in asked[0].body
    sign_out(page, base)

    # 3. The organisation answers on its proposal page.
    page.set_viewport_size(PHONE)
    login("member@example.jp")
    page.goto(proposal_url)
    assert QUESTION in page.locator("#thread").inner_text()
    page.locator("#thread").get_by_label("メッセージ").fill(ANSWER)
    page.locator("#thread").get_by_role("button", name="送信する").click()
    page.wait_for_url(lambda url: url.endswith("/proposal/#thread"))
    assert ANSWER in page.locator("#thread").inner_text()
    assert any(ANSWER in m.body and "staff@example.jp" in m.to for m in mail.outbox)
    sign_out(page, base)

    # 4. Staff approve; the approval notice is issued.
    page.set_viewport_size(DESKTOP)
    login("staff@example.jp")
    page.goto(file_url)
    assert ANSWER in page.locator("#thread").inner_text()
    page.get_by_role("button", name="承認して公開", exact=True).click()
    assert "状態: 実施中" in page.locator(".card-meta").inner_text()
    notice = IssuedDocument.objects.get(project=draft, kind=Kind.PATRONAGE_APPROVAL)
    decided = [m for m in mail.outbox if notice.document_number in m.body]
    assert [m.to for m in decided] == [["member@example.jp"]]
    sign_out(page, base)

    # 5. The organisation downloads the 承認通知書.
    page.set_viewport_size(PHONE)
    login("member@example.jp")
    page.goto(proposal_url)
    documents = page.get_by_role("region", name="申請書・通知書")
    documents.get_by_role("link", name="後援名義使用承認通知書", exact=True).click()
    page.wait_for_url(f"**/notices/{notice.pk}/")
    assert_accessible("the approval notice at phone width")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"PDF\)をダウンロード")).click()
    path = tmp_path / "approval.pdf"
    download_info.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "後援名義使用承認通知書" in text
    assert notice.document_number in text
    assert draft.receipt_number in text
    assert wareki_date(notice.issued_on) in text
    assert "上福岡音楽の会" in text
    sign_out(page, base)

    # 6. Staff see all of it in the file: the number, the thread, the history, the documents.
    page.set_viewport_size(DESKTOP)
    login("staff@example.jp")
    page.goto(file_url)
    main = page.locator("main").inner_text()
    assert draft.receipt_number in main
    thread_text = page.locator("#thread").inner_text()
    assert QUESTION in thread_text and ANSWER in thread_text
    history = page.locator(".history").inner_text()
    for step in ("提出", "市からのメッセージ", "団体からのメッセージ", "承認して公開"):
        assert step in history, step
    assert notice.document_number in main
    assert_accessible("the staff file after the approval")
    screenshot("patronage-paperwork-staff-file")
    assert Project.objects.get(pk=draft.pk).status == "published"
