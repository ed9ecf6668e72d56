"""Files are judged by content: what is accepted, what is refused with which message, and
how accepted files are served (only to those who see the proposal, with safe headers)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import validators
from projects.forms import FilesForm, clean_file_name
from projects.models import Attachment
from tests import factories
from tests.projects.proposal_data import (
    bomb_png_file,
    html_as_pdf_file,
    jpeg_file,
    office_file,
    pdf_file,
    png_file,
    svg_file,
    text_as_png_file,
)


def refusal(upload, **kwargs):
    with pytest.raises(ValidationError) as caught:
        validators.check_upload(upload, **kwargs)
    return caught.value


# --- Validation by content -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (pdf_file(), "application/pdf"),
        (png_file(), "image/png"),
        (jpeg_file(), "image/jpeg"),
        (office_file("docx"), validators.FILE_TYPES["docx"].content_type),
        (office_file("xlsx"), validators.FILE_TYPES["xlsx"].content_type),
        (office_file("pptx"), validators.FILE_TYPES["pptx"].content_type),
    ],
)
def test_accepted_kinds_are_recognised_by_content(upload, content_type, settings):
    checked = validators.check_upload(upload)
    assert checked.content_type == content_type


def test_image_dimensions_are_read_with_pillow():
    checked = validators.check_upload(png_file(size=(64, 48)))
    assert (checked.width, checked.height) == (64, 48)


def test_html_named_pdf_is_refused_as_markup():
    error = refusal(html_as_pdf_file())
    assert error.code == "markup"
    assert "HTML" in error.messages[0]


def test_text_named_png_is_refused_naming_the_extension():
    error = refusal(text_as_png_file())
    assert error.code == "unknown_type"
    assert "「.png」" in error.messages[0]


def test_svg_with_script_is_refused():
    error = refusal(svg_file())
    assert error.code == "markup"
    assert "SVG" in error.messages[0]


def test_decompression_bomb_beyond_pillows_hard_limit_is_refused():
    upload = bomb_png_file(side=20_000)
    assert upload.size < 200_000  # small on disk
    error = refusal(upload, allowed=validators.IMAGE_TYPES)
    assert error.code == "image_too_large"


def test_image_in_pillows_warning_range_is_refused_not_only_warned():
    error = refusal(bomb_png_file(side=11_000), allowed=validators.IMAGE_TYPES)
    assert error.code == "image_too_large"


def test_image_above_the_portals_own_pixel_limit_is_refused(monkeypatch):
    monkeypatch.setattr(validators, "MAX_IMAGE_PIXELS", 1000)
    error = refusal(png_file(size=(40, 30)))
    assert error.code == "image_too_large"


def test_truncated_png_is_refused_as_broken():
    content = png_file().read()[:60]
    error = refusal(SimpleUploadedFile("broken.png", content))
    assert error.code == "broken_image"


def test_oversized_file_is_refused_with_both_sizes():
    error = refusal(pdf_file(), max_bytes=20)
    assert error.code == "too_large"
    assert "バイト" in error.messages[0]


def test_empty_file_is_refused():
    assert refusal(SimpleUploadedFile("empty.pdf", b"")).code == "empty"


def test_extension_must_agree_with_content():
    error = refusal(SimpleUploadedFile("kiyaku.docx", pdf_file().read()))
    assert error.code == "extension_mismatch"
    assert ".docx" in error.messages[0] and "PDF" in error.messages[0]


def test_document_with_macros_is_refused():
    assert refusal(office_file("docx", "meibo.docx", macro=True)).code == "macro"


def test_zip_that_is_not_an_office_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = refusal(SimpleUploadedFile("archive.docx", buffer.getvalue()))
    assert error.code == "unknown_type"


def test_image_upload_refuses_documents():
    error = refusal(pdf_file(), allowed=validators.IMAGE_TYPES)
    assert error.code == "not_allowed"


def test_file_name_is_cleaned_for_display_and_headers():
    assert clean_file_name("..\\..\\etc/passwd") == ".._.._etc_passwd"
    assert clean_file_name('a"b\r\n.pdf') == "a'b.pdf"
    long_name = "あ" * 300 + ".pdf"
    assert len(clean_file_name(long_name)) <= 200
    assert clean_file_name(long_name).endswith(".pdf")


# --- The files part of the form ----------------------------------------------------------------


@pytest.mark.django_db
def test_files_form_reports_each_refused_file_beside_its_field(media):
    form = FilesForm(
        {"files-image_alt": "説明"},
        {"files-file_bylaws": html_as_pdf_file(), "files-image": svg_file()},
        prefix="files",
        form_code="patronage",
        max_bytes=10_000,
        image_max_bytes=10_000,
    )
    assert not form.is_valid()
    assert "HTML" in form.errors["file_bylaws"][0]
    assert "SVG" in form.errors["image"][0]


# --- Serving -------------------------------------------------------------------------------------


@pytest.fixture
def proposal_with_files(media, member, organization):
    project = factories.make_project(lead_organization=organization, status="draft")
    pdf = Attachment(
        project=project,
        kind="bylaws",
        original_name="会則 2026.pdf",
        content_type="application/pdf",
        size=10,
    )
    pdf.file.save("upload", pdf_file(), save=False)
    pdf.save()
    image = Attachment(
        project=project, kind="other", original_name="会場.png", content_type="image/png", size=10
    )
    image.file.save("upload", png_file(), save=False)
    image.save()
    return project, pdf, image


def test_attachment_is_stored_outside_media_root_under_a_random_name(proposal_with_files, media):
    _project, pdf, _image = proposal_with_files
    path = media / "private" / pdf.file.name
    assert path.exists()
    assert pdf.file.name.endswith(".pdf") and "会則" not in pdf.file.name
    assert not (media / "media").exists() or not any((media / "media").rglob("*.pdf"))


def test_member_downloads_document_as_attachment_with_safe_headers(
    client, member, proposal_with_files
):
    project, pdf, _image = proposal_with_files
    client.force_login(member)
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_verified_image_is_served_inline(client, member, proposal_with_files):
    project, _pdf, image = proposal_with_files
    client.force_login(member)
    response = client.get(reverse("projects:attachment", args=[project.pk, image.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["anonymous", "citizen", "other_member"])
def test_outsiders_get_404_for_attachments(client, request, who, proposal_with_files):
    project, pdf, _image = proposal_with_files
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 404


def test_attachments_stay_private_once_the_project_is_published(
    client, citizen, proposal_with_files
):
    project, pdf, _image = proposal_with_files
    project.status = "published"
    project.save()
    client.force_login(citizen)
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 404


def test_coordinating_staff_may_download_attachments(
    client, coordinating_staff, proposal_with_files
):
    project, pdf, _image = proposal_with_files
    client.force_login(coordinating_staff)
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 200


def test_attachment_of_another_project_is_not_served_through_this_one(
    client, member, organization, proposal_with_files
):
    _project, pdf, _image = proposal_with_files
    other = factories.make_project(lead_organization=organization, status="draft")
    client.force_login(member)
    response = client.get(reverse("projects:attachment", args=[other.pk, pdf.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_image_help_names_the_size_limit():
    form = FilesForm(prefix="files", form_code="cohosting", image_max_bytes=5 * 1024 * 1024)
    assert "5.0\xa0MB" in str(form.fields["image"].help_text)
