"""The results report: written and submitted by the lead organisation, accepted or returned
by staff; and the 後援 change and cancellation notices."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects import lifecycle
from projects.models import PatronageDetail, Report, SubsidyDetail
from tests import factories
from tests.files import assert_without_metadata, image_upload, photo_with_gps
from tests.projects.proposal_data import bomb_png_file, management, svg_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def project(organization):
    return factories.make_project(lead_organization=organization, title="こども食堂")


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_member_saves_a_draft_report(client, member, project):
    client.force_login(member)
    response = client.post(
        f"/projects/{project.pk}/report/",
        {
            "activities": "毎月2回開催",
            "participants": "240",
            "outcomes": "地域の見守り",
            "save": "1",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(project=project)
    assert (report.status, report.participants) == ("draft", 240)
    assert not project.transitions.exists()


def test_member_submits_the_report_with_a_photo(client, member, project):
    client.force_login(member)
    client.post(
        f"/projects/{project.pk}/report/",
        {"activities": "毎月2回開催", "photo": _png(), "photo_alt": "配膳する学生", "submit": "1"},
    )
    report = Report.objects.get(project=project)
    assert report.status == "submitted"
    assert report.submitted_at is not None
    assert [p.alt for p in report.photos.all()] == ["配膳する学生"]
    assert project.transitions.get().action == "submit_report"


def test_photo_needs_its_description(client, member, project):
    client.force_login(member)
    response = client.post(
        f"/projects/{project.pk}/report/", {"activities": "開催", "photo": _png(), "save": "1"}
    )
    assert response.status_code == 200
    assert "写真の説明を入力してください" in response.content.decode()
    assert not Report.objects.exists()


def test_missing_activities_is_a_clear_message_and_keeps_the_rest(client, member, project):
    client.force_login(member)
    response = client.post(
        f"/projects/{project.pk}/report/", {"activities": "", "outcomes": "成果の文", "submit": "1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "入力内容を確認してください" in body
    assert "成果の文" in body


def test_subsidy_report_carries_the_settlement(client, member, organization):
    project = factories.make_project(lead_organization=organization, form="subsidy")
    client.force_login(member)
    client.post(
        f"/projects/{project.pk}/report/",
        {
            "activities": "講座",
            "settlement": "収入 10万円 / 支出 9万円",
            "save": "1",
            **management("actual_income"),
            **management("actual_expenses"),
        },
    )
    assert SubsidyDetail.objects.get(project=project).settlement == "収入 10万円 / 支出 9万円"


def test_submitted_report_is_read_only_for_the_member(client, member, project):
    Report.objects.create(project=project, activities="開催")
    lifecycle.apply(project, "submit_report", actor=member)
    client.force_login(member)
    response = client.get(f"/projects/{project.pk}/report/")
    assert response.context["form"] is None
    assert "提出済みです" in response.content.decode()
    assert (
        client.post(f"/projects/{project.pk}/report/", {"activities": "上書き"}).status_code == 403
    )


def test_returned_report_shows_the_comment_and_can_be_fixed(
    client, member, coordinating_staff, project
):
    Report.objects.create(project=project, activities="開催")
    lifecycle.apply(project, "submit_report", actor=member)
    lifecycle.apply(project, "return_report", actor=coordinating_staff, comment="参加者数を記入")
    client.force_login(member)
    response = client.get(f"/projects/{project.pk}/report/")
    assert "参加者数を記入" in response.content.decode()
    client.post(
        f"/projects/{project.pk}/report/",
        {"activities": "開催", "participants": "30", "submit": "1"},
    )
    assert Report.objects.get(project=project).status == "submitted"


def test_staff_accept_the_report_from_the_file_and_the_project_completes(
    client, member, coordinating_staff, project
):
    Report.objects.create(project=project, activities="開催")
    lifecycle.apply(project, "submit_report", actor=member)
    client.force_login(coordinating_staff)
    client.post(f"/staff/projects/{project.pk}/actions/complete/")
    project.refresh_from_db()
    assert project.status == "completed"
    assert Report.objects.get(project=project).status == "accepted"
    client.logout()
    assert "開催" in client.get(f"/projects/{project.pk}/").content.decode()


def test_staff_return_the_report_with_a_comment(client, member, coordinating_staff, project):
    Report.objects.create(project=project, activities="開催")
    lifecycle.apply(project, "submit_report", actor=member)
    client.force_login(coordinating_staff)
    client.post(f"/staff/projects/{project.pk}/actions/return_report/", {"comment": "写真を"})
    assert Report.objects.get(project=project).status == "returned"


def test_other_organisations_member_and_citizen_are_refused(client, other_member, citizen, project):
    for user in (other_member, citizen):
        client.force_login(user)
        assert client.get(f"/projects/{project.pk}/report/").status_code == 403


def test_report_page_of_a_private_project_is_404_to_outsiders(client, other_member, organization):
    draft = factories.make_project(lead_organization=organization, status="draft")
    client.force_login(other_member)
    assert client.get(f"/projects/{draft.pk}/report/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, project):
    response = client.get(f"/projects/{project.pk}/report/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_member_sees_the_panel_with_history_and_staff_comments(
    client, member, coordinating_staff, organization
):
    project = factories.make_proposal(lead_organization=organization)
    lifecycle.apply(project, "submit", actor=member)
    lifecycle.apply(project, "return", actor=coordinating_staff, comment="予算の根拠を")
    lifecycle.apply(project, "submit", actor=member, comment="根拠を書きました")
    lifecycle.apply(project, "approve", actor=coordinating_staff)
    client.force_login(member)
    body = client.get(f"/projects/{project.pk}/").content.decode()
    assert "手続きの履歴と市からのコメント" in body
    assert "予算の根拠を" in body
    assert f"/projects/{project.pk}/report/" in body
    client.logout()
    body = client.get(f"/projects/{project.pk}/").content.decode()
    assert "予算の根拠を" not in body


def _patronage(organization):
    project = factories.make_project(lead_organization=organization, form="patronage")
    PatronageDetail.objects.create(
        project=project,
        event_name="講演会",
        event_date=datetime.date(2026, 12, 1),
        venue="市民会館",
    )
    return project


def test_organiser_files_a_change_notice(client, member, organization):
    project = _patronage(organization)
    client.force_login(member)
    page = client.get(f"/projects/{project.pk}/notices/").content.decode()
    assert 'value="市民会館"' in page  # the fields show what the project holds now
    response = client.post(
        f"/projects/{project.pk}/notices/",
        {"kind": "change_notice", "text": "会場の改修のため", "venue": "公民館"},
    )
    assert response.status_code == 302
    assert project.transitions.get().comment == "会場の改修のため"
    page = client.get(f"/projects/{project.pk}/notices/").content.decode()
    assert "会場の改修のため" in page
    assert "協働推進課の確認を待っている変更" in page and "公民館" in page


def test_a_change_notice_that_changes_nothing_is_refused(client, member, organization):
    project = _patronage(organization)
    client.force_login(member)
    response = client.post(
        f"/projects/{project.pk}/notices/",
        {"kind": "change_notice", "text": "念のため", "venue": "市民会館"},
    )
    assert response.status_code == 200
    assert "変更する項目" in response.content.decode()
    assert not project.transitions.exists()


def test_cancellation_needs_the_confirmation_then_ends_the_project(client, member, organization):
    project = _patronage(organization)
    client.force_login(member)
    response = client.post(f"/projects/{project.pk}/notices/", {"kind": "cancel", "text": "台風"})
    assert "確認の欄を選んでください" in response.content.decode()
    project.refresh_from_db()
    assert project.status == "published"
    client.post(
        f"/projects/{project.pk}/notices/",
        {"kind": "cancel", "text": "台風", "confirm_cancel": "on"},
    )
    project.refresh_from_db()
    assert project.status == "cancelled"


def test_notices_page_is_only_for_patronage(client, member, project):
    client.force_login(member)
    assert client.get(f"/projects/{project.pk}/notices/").status_code == 404


def test_accepted_reports_photos_appear_on_the_public_page(
    client, member, coordinating_staff, project
):
    from projects.models import ReportPhoto

    report = Report.objects.create(project=project, activities="開催")
    ReportPhoto.objects.create(report=report, image=_png(), alt="配膳する学生")
    lifecycle.apply(project, "submit_report", actor=member)
    assert "配膳する学生" not in client.get(f"/projects/{project.pk}/").content.decode()
    lifecycle.apply(project, "complete", actor=coordinating_staff)
    assert 'alt="配膳する学生"' in client.get(f"/projects/{project.pk}/").content.decode()


def test_member_panel_leaves_out_staff_internal_edits(client, member, coordinating_staff, project):
    lifecycle.apply(
        project,
        "edit",
        actor=coordinating_staff,
        changes=[{"field": "budget", "label": "事業費(円)", "old": "", "new": "50000"}],
        comment="内部メモ: 予算額を台帳と照合",
    )
    lifecycle.apply(
        project, "hide", actor=coordinating_staff, comment="写真の差し替えをお願いします"
    )
    client.force_login(member)
    body = client.get(f"/projects/{project.pk}/").content.decode()
    assert "写真の差し替えをお願いします" in body
    assert "内部メモ" not in body


# --- Photos: checked by content, stored without their metadata ---------------------------------


def post_photo(client, project, photo):
    return client.post(
        f"/projects/{project.pk}/report/",
        {"activities": "開催", "photo": photo, "photo_alt": "配膳する学生", "save": "1"},
    )


def test_photo_is_stored_upright_without_gps_under_a_random_name(client, member, project):
    client.force_login(member)
    assert post_photo(client, project, photo_with_gps("IMG_0042.JPG")).status_code == 302
    photo = Report.objects.get(project=project).photos.get()
    assert photo.image.name.startswith("projects/reports/")
    assert photo.image.name.endswith(".jpg") and "IMG_0042" not in photo.image.name
    assert assert_without_metadata(photo.image) == ((30, 60), "JPEG")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: image_upload("gif"), "GIF画像はここでは受け付けていません"),
        (lambda: image_upload("bmp"), "BMP画像はここでは受け付けていません"),
        (lambda: image_upload("tiff"), "TIFF画像はここでは受け付けていません"),
        (lambda: image_upload("ico"), "はここでは受け付けていません"),
        (svg_file, "HTML や SVG などのファイルは受け付けていません"),
        (lambda: bomb_png_file(side=10_000), "画像の大きさ(縦横のピクセル数)が大きすぎます"),
        (lambda: image_upload("png", name="photo.jpg"), "一致しません"),
    ],
)
def test_photo_that_is_no_png_or_jpeg_is_refused_with_a_message(
    client, member, project, upload, message
):
    client.force_login(member)
    response = post_photo(client, project, upload())
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'id="id_photo_error"' in body
    assert "配膳する学生" in body  # what was typed stays
    assert not Report.objects.exists()


def test_photo_size_limit_is_the_setting(client, member, project, settings):
    settings.REPORT_PHOTO_MAX_BYTES = 20
    client.force_login(member)
    response = post_photo(client, project, _png())
    assert "ファイルが大きすぎます" in response.content.decode()
    assert "20\xa0バイト以下" in response.content.decode()
    assert "20\xa0バイトまでです" in client.get(f"/projects/{project.pk}/report/").content.decode()
