"""In a real browser: the organisation asks on its proposal, staff answer from the file and
leave a 庁内メモ that the organisation never sees; the consent page and the policies. axe-core
finds nothing on these pages, at phone and desktop width."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts import policies
from accounts.models import Policy
from projects import lifecycle
from tests import factories

from .conftest import DESKTOP, PHONE
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOTE = "財政課に予算の根拠を確認中(団体には見せない)"


@pytest.fixture
def proposal(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    member = factories.make_user("member@example.jp")
    staff = factories.make_user("staff@example.jp")
    factories.coordinating_department().staff.add(staff)
    organization = factories.make_organization(name="上福岡ほたるの会", members=[member])
    project = factories.make_proposal(lead_organization=organization, title="ほたる観察会")
    lifecycle.apply(project, "submit", actor=member)
    mail.outbox.clear()
    return project


def sign_out(page, base):
    page.goto(f"{base}/accounts/logout/")
    page.get_by_role("button", name="ログアウトする").click()


def check_widths(page, assert_accessible, what):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert horizontal_overflow(page) == 0, f"{what} is wider than the screen"
        assert_accessible(f"{what} at {size['width']}px")


def test_organisation_asks_staff_answer_and_a_note_stays_internal(
    proposal, live_server, page, login, assert_accessible, screenshot, tmp_path
):
    base = live_server.url
    proposal_url = f"{base}/projects/{proposal.pk}/proposal/"
    file_url = f"{base}/staff/projects/{proposal.pk}/"

    # The organisation asks, with a file.
    login("member@example.jp")
    page.goto(proposal_url)
    thread = page.locator("#thread")
    assert "まだやりとりはありません。" in thread.inner_text()
    check_widths(page, assert_accessible, "proposal page with the thread")
    page.get_by_label("メッセージ").fill("会場の下見はできますか。")
    plan = tmp_path / "会場図.pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("添付ファイル").set_input_files(str(plan))
    page.get_by_role("button", name="送信する").click()
    page.wait_for_url(lambda url: url.endswith("/proposal/#thread"))
    assert "会場の下見はできますか。" in page.locator("#thread").inner_text()
    assert "会場図.pdf" in page.locator("#thread").inner_text()
    assert any("会場の下見はできますか。" in m.body for m in mail.outbox)
    sign_out(page, base)

    # Staff answer the organisation and leave a note for the city.
    login("staff@example.jp")
    page.goto(file_url)
    assert "会場の下見はできますか。" in page.locator("#thread").inner_text()
    # Whom a message is for is a choice made each time: without it, nothing is sent.
    page.locator("#thread").get_by_label("メッセージ").fill("平日の午後なら可能です。")
    page.locator("#thread").get_by_role("button", name="送信する").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_widths(page, assert_accessible, "the staff's message form with an error")
    page.get_by_label("団体に送る(団体のメンバーにメールで届きます)").check()
    page.get_by_label("メッセージ").fill("平日の午後なら可能です。")
    page.get_by_role("button", name="送信する").click()
    page.wait_for_url(lambda url: url.endswith("/#thread"))
    page.locator("#thread").get_by_label(
        "庁内メモにする(市の職員だけが読めます。団体には届きません)"
    ).check()
    page.locator("#thread").get_by_label("メッセージ").fill(NOTE)
    page.locator("#thread").get_by_role("button", name="送信する").click()
    page.wait_for_url(lambda url: url.endswith("/#thread"))
    thread_text = page.locator("#thread").inner_text()
    assert "平日の午後なら可能です。" in thread_text and NOTE in thread_text
    assert "庁内メモ(団体には見えません)" in thread_text
    check_widths(page, assert_accessible, "the staff's file with the thread")
    screenshot("dialogue-staff-file")
    sign_out(page, base)

    # The organisation reads the answer, and nothing of the note.
    answers = [m for m in mail.outbox if "member@example.jp" in m.to]
    assert len(answers) == 1 and "平日の午後なら可能です。" in answers[0].body
    assert not any(NOTE in m.body for m in answers)
    login("member@example.jp")
    page.goto(proposal_url)
    thread_text = page.locator("#thread").inner_text()
    assert "平日の午後なら可能です。" in thread_text
    assert NOTE not in page.content()
    page.goto(f"{base}/projects/{proposal.pk}/messages/")
    assert NOTE not in page.content()
    check_widths(page, assert_accessible, "the organisation's thread page")
    screenshot("dialogue-organisation")


def test_policies_and_the_consent_page_have_no_axe_violation(
    live_server, page, login, assert_accessible
):
    base = live_server.url
    factories.make_user("member@example.jp")
    for path in ("/terms/", "/privacy/", "/terms/1/"):
        assert page.goto(base + path).status == 200
        check_widths(page, assert_accessible, path)
    current = Policy.objects.get(kind="terms", version=1)
    Policy.objects.create(
        kind="terms",
        version=2,
        body=current.body,
        changes="第5条にオープンデータのことを加えました。",
        effective_on=timezone.localdate(),
    )
    policies.forget_versions_in_force()
    login("member@example.jp")
    page.wait_for_url(lambda url: "/accounts/consent/" in url)
    assert "利用規約(第2版)" in page.locator("main").inner_text()
    check_widths(page, assert_accessible, "the consent page")
    page.get_by_role("button", name="同意して続ける").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_widths(page, assert_accessible, "the consent page with an error")
    page.get_by_label("「利用規約(第2版)」に同意する").check()
    page.get_by_role("button", name="同意して続ける").click()
    page.wait_for_url(lambda url: "/accounts/consent/" not in url)
    assert page.goto(f"{base}/mypage/").status == 200
