"""Uploaded files are judged by content, per use: what each use accepts, what it refuses
with which message, the limits from the settings, and pictures stored anew without their
metadata under a random name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal import uploads
from tests.files import assert_without_metadata, heic_upload, image_upload, photo_with_gps
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


def refusal(upload, use=uploads.DOCUMENT, **kwargs):
    with pytest.raises(ValidationError) as caught:
        uploads.check_upload(upload, use, **kwargs)
    return caught.value


# --- What each use accepts and refuses ---------------------------------------------------------

FILES = {
    "pdf": pdf_file,
    "png": lambda: image_upload("png"),
    "jpeg": lambda: image_upload("jpg"),
    "gif": lambda: image_upload("gif"),
    "webp": lambda: image_upload("webp"),
    "bmp": lambda: image_upload("bmp"),
    "tiff": lambda: image_upload("tiff"),
    "ico": lambda: image_upload("ico"),
    "heic": heic_upload,
    "docx": lambda: office_file("docx"),
    "xlsx": lambda: office_file("xlsx"),
    "pptx": lambda: office_file("pptx"),
    "svg": svg_file,
    "html": html_as_pdf_file,
}
ACCEPTED = {
    "document": {"pdf", "png", "jpeg", "docx", "xlsx", "pptx"},
    "project_image": {"png", "jpeg"},
    "logo": {"png", "jpeg", "gif", "webp"},
    "report_photo": {"png", "jpeg"},
}
USES = {
    "document": uploads.DOCUMENT,
    "project_image": uploads.PROJECT_IMAGE,
    "logo": uploads.LOGO,
    "report_photo": uploads.REPORT_PHOTO,
}
MATRIX = [(use, kind) for use in USES for kind in FILES]


@pytest.mark.parametrize(("use", "kind"), [(u, k) for u, k in MATRIX if k in ACCEPTED[u]])
def test_each_use_accepts_its_kinds(use, kind):
    checked = uploads.check_upload(FILES[kind](), USES[use])
    assert checked.file_type.code == kind


@pytest.mark.parametrize(("use", "kind"), [(u, k) for u, k in MATRIX if k not in ACCEPTED[u]])
def test_each_use_refuses_every_other_kind_with_a_message(use, kind):
    error = refusal(FILES[kind](), USES[use])
    assert error.code in ("not_allowed", "markup")
    assert str(USES[use].accepted_text) in error.messages[0]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("gif", "GIF画像"),
        ("bmp", "BMP画像"),
        ("tiff", "TIFF画像"),
        ("ico", "ICO"),
        ("heic", "HEIC"),
    ],
)
def test_report_photos_name_the_refused_kind(kind, label):
    error = refusal(FILES[kind](), uploads.REPORT_PHOTO)
    assert label in error.messages[0]
    assert "PNG または JPEG の画像を選んでください。" in error.messages[0]


def test_svg_and_html_are_refused_for_every_use():
    for use in USES.values():
        assert refusal(svg_file(), use).code == "markup"
        assert refusal(html_as_pdf_file(), use).code == "markup"


def test_hundred_megapixel_report_photo_is_refused():
    upload = bomb_png_file(side=10_000)
    assert upload.size < 200_000
    assert refusal(upload, uploads.REPORT_PHOTO).code == "image_too_large"


def test_logo_whose_name_says_another_kind_is_refused():
    error = refusal(image_upload("png", name="my logo.jpg.html"), uploads.LOGO)
    assert error.code == "extension_mismatch"


def test_windows_jfif_name_of_a_jpeg_is_accepted():
    checked = uploads.check_upload(image_upload("jpg", name="photo.jfif"), uploads.REPORT_PHOTO)
    assert checked.file_type.code == "jpeg"


def test_accept_attribute_lists_extensions_and_content_types():
    assert uploads.LOGO.accept.split(",")[:2] == [".png", ".jpg"]
    assert "image/webp" in uploads.LOGO.accept
    assert "image/gif" not in uploads.REPORT_PHOTO.accept


# --- Validation by content ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (pdf_file(), "application/pdf"),
        (png_file(), "image/png"),
        (jpeg_file(), "image/jpeg"),
        (office_file("docx"), uploads.FILE_TYPES["docx"].content_type),
        (office_file("xlsx"), uploads.FILE_TYPES["xlsx"].content_type),
        (office_file("pptx"), uploads.FILE_TYPES["pptx"].content_type),
    ],
)
def test_accepted_kinds_are_recognised_by_content(upload, content_type, settings):
    checked = uploads.check_upload(upload)
    assert checked.content_type == content_type


def test_image_dimensions_are_read_with_pillow():
    checked = uploads.check_upload(png_file(size=(64, 48)))
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
    error = refusal(upload, uploads.PROJECT_IMAGE)
    assert error.code == "image_too_large"


def test_image_in_pillows_warning_range_is_refused_not_only_warned():
    error = refusal(bomb_png_file(side=11_000), uploads.PROJECT_IMAGE)
    assert error.code == "image_too_large"


def test_image_above_the_portals_own_pixel_limit_is_refused(settings):
    settings.UPLOAD_MAX_PIXELS = 1000
    error = refusal(png_file(size=(40, 30)))
    assert error.code == "image_too_large"


def test_pixel_limit_is_read_from_the_settings(settings):
    settings.UPLOAD_MAX_PIXELS = 40 * 30
    assert uploads.check_upload(png_file(size=(40, 30)), uploads.LOGO)
    settings.UPLOAD_MAX_PIXELS = 40 * 30 - 1
    assert refusal(png_file(size=(40, 30)), uploads.LOGO).code == "image_too_large"


def test_truncated_png_is_refused_as_broken():
    content = png_file().read()[:60]
    error = refusal(SimpleUploadedFile("broken.png", content))
    assert error.code == "broken_image"


def test_oversized_file_is_refused_with_both_sizes():
    error = refusal(pdf_file(), max_bytes=20)
    assert error.code == "too_large"
    assert "バイト" in error.messages[0]


@pytest.mark.parametrize(
    ("use", "setting"),
    [
        ("document", "PROPOSAL_ATTACHMENT_MAX_BYTES"),
        ("project_image", "PROPOSAL_IMAGE_MAX_BYTES"),
        ("logo", "ORGANIZATION_LOGO_MAX_BYTES"),
        ("report_photo", "REPORT_PHOTO_MAX_BYTES"),
    ],
)
def test_size_limit_of_each_use_is_read_from_the_settings(settings, use, setting):
    upload = png_file()
    setattr(settings, setting, upload.size)
    assert uploads.check_upload(upload, USES[use])
    setattr(settings, setting, upload.size - 1)
    error = refusal(png_file(), USES[use])
    assert error.code == "too_large"


def test_empty_file_is_refused():
    assert refusal(SimpleUploadedFile("empty.pdf", b"")).code == "empty"


def test_extension_must_agree_with_content():
    error = refusal(SimpleUploadedFile("kiyaku.docx", pdf_file().read()))
    assert error.code == "extension_mismatch"
    assert ".docx" in error.messages[0] and "PDF" in error.messages[0]


def test_document_with_macros_is_refused():
    assert refusal(office_file("docx", "meibo.docx", macro=True)).code == "macro"


def test_zip_that_is_not_an_office_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = refusal(SimpleUploadedFile("archive.docx", buffer.getvalue()))
    assert error.code == "unknown_type"


def test_image_upload_refuses_documents():
    error = refusal(pdf_file(), uploads.PROJECT_IMAGE)
    assert error.code == "not_allowed"


# --- Pictures encoded anew -------------------------------------------------------------------


@pytest.mark.parametrize("use", [uploads.PROJECT_IMAGE, uploads.LOGO, uploads.REPORT_PHOTO])
def test_photo_is_stored_upright_without_exif_or_gps(use):
    cleaned = uploads.clean_image(photo_with_gps(size=(60, 30)), use)
    size, image_format = assert_without_metadata(cleaned)
    assert image_format == "JPEG"
    assert size == (30, 60)  # turned as the orientation said


def test_pictures_get_random_names_with_the_extension_of_their_kind():
    first = uploads.clean_image(image_upload("png", name="our logo.png"), uploads.LOGO)
    second = uploads.clean_image(image_upload("png", name="our logo.png"), uploads.LOGO)
    assert first.name.endswith(".png") and second.name.endswith(".png")
    assert first.name != second.name
    assert "logo" not in first.name
    jpeg = uploads.clean_image(image_upload("jpg", name="photo.jfif"), uploads.LOGO)
    assert jpeg.name.endswith(".jpg")


@pytest.mark.parametrize("extension", ["gif", "webp"])
def test_logos_keep_their_kind_when_encoded_anew(extension):
    cleaned = uploads.clean_image(image_upload(extension), uploads.LOGO)
    assert cleaned.name.endswith(f".{extension}")
    with Image.open(cleaned) as image:
        assert image.format == uploads.FILE_TYPES[extension].image_format


def test_transparency_of_a_png_logo_is_kept():
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, format="PNG")
    cleaned = uploads.clean_image(SimpleUploadedFile("logo.png", buffer.getvalue()), uploads.LOGO)
    with Image.open(cleaned) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def test_picture_that_passes_the_check_but_does_not_decode_is_refused():
    content = image_upload("jpg", size=(200, 200)).read()
    with pytest.raises(ValidationError) as caught:
        uploads.clean_image(SimpleUploadedFile("cut.jpg", content[:400]), uploads.REPORT_PHOTO)
    assert caught.value.code == "broken_image"


# --- Names ----------------------------------------------------------------------------------


def test_file_name_is_cleaned_for_display_and_headers():
    assert uploads.clean_file_name("..\\..\\etc/passwd") == ".._.._etc_passwd"
    assert uploads.clean_file_name('a"b\r\n.pdf') == "a'b.pdf"
    long_name = "あ" * 300 + ".pdf"
    assert len(uploads.clean_file_name(long_name)) <= 200
    assert uploads.clean_file_name(long_name).endswith(".pdf")


def test_stored_names_tell_their_content_type():
    assert uploads.content_type_for("organizations/logos/abc.webp") == "image/webp"
    assert uploads.content_type_for("x.jpg") == "image/jpeg"
    assert uploads.content_type_for("x.html") == "application/octet-stream"
    assert uploads.extension_for("image/jpeg") == "jpg"
    assert uploads.extension_for("text/html") == "bin"
