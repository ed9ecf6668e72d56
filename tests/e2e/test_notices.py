"""In a real browser: a 後援 is approved, the organisation finds the 承認通知書 on its proposal
page and downloads the PDF; 協働推進課 reissue it from the staff file under a new number."""

import datetime
import io
import re

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notices.models import IssuedDocument
from projects import lifecycle
from projects.models import PatronageDetail
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def approved(member, coordinating_staff, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    organization = factories.make_organization(name="上福岡コーラスの会", members=[member])
    project = factories.make_project(
        lead_organization=organization,
        status="submitted",
        form="patronage",
        title="上福岡コーラス 定期演奏会",
        submitted_at=timezone.now(),
    )
    PatronageDetail.objects.create(
        project=project,
        event_name="定期演奏会",
        event_date=timezone.localdate() + datetime.timedelta(days=45),
        venue="市民交流プラザ",
        name_on_flyer=True,
    )
    lifecycle.apply(project, "approve", actor=coordinating_staff)
    return project, IssuedDocument.objects.get(project=project)


def test_the_organisation_downloads_its_notice_and_staff_reissue_it(
    approved, member, coordinating_staff, live_server, page, browser, login, tmp_path
):
    project, notice = approved
    login(member.email)
    page.goto(f"{live_server.url}/projects/{project.pk}/proposal/")
    region = page.get_by_role("region", name="申請書・通知書")
    region.get_by_role("link", name="後援名義使用承認通知書", exact=True).click()
    page.wait_for_url(f"**/notices/{notice.pk}/")
    expect(page.get_by_role("heading", level=1, name="後援名義使用承認通知書")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"PDF\)をダウンロード")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    path = tmp_path / "notice.pdf"
    download.save_as(path)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert notice.document_number in text
    assert "上福岡コーラスの会" in text

    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", timezone_id="Asia/Tokyo"
    )
    staff = context.new_page()
    staff.goto("/accounts/login/")
    staff.get_by_label("メールアドレス").fill(coordinating_staff.email)
    staff.get_by_label("パスワード").first.fill("test-password-123")
    staff.get_by_role("button", name="ログイン").click()
    staff.wait_for_url(lambda url: "/accounts/login/" not in url)
    staff.goto(f"/staff/projects/{project.pk}/")
    staff.get_by_role("button", name=f"{notice.document_number} を再発行").click()

    reissued = IssuedDocument.objects.get(reissue_of=notice)
    expect(
        staff.get_by_text(f"{notice.document_number} を {reissued.document_number}")
    ).to_be_visible()
    context.close()
