"""Uploaded files are judged by what they contain, never by their name.

A file is accepted only if its bytes are one of the kinds the portal knows (PDF, PNG, JPEG,
and the Office Open XML documents docx / xlsx / pptx), its name's extension agrees with
that, it is not too large, and (for images) Pillow can read it within the decompression-bomb
guard. Everything else, HTML and SVG in particular, is refused with a message for people.
"""

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

# An image larger than this many pixels is refused before it is decoded (Pillow's own guard,
# Image.MAX_IMAGE_PIXELS, is far higher and only warns below twice its value).
MAX_IMAGE_PIXELS = 40_000_000

OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    content_type: str
    extensions: tuple
    is_image: bool = False

    @property
    def extension(self):
        return self.extensions[0]


FILE_TYPES = {
    file_type.code: file_type
    for file_type in (
        FileType("pdf", _("PDF"), "application/pdf", ("pdf",)),
        FileType("png", _("PNG画像"), "image/png", ("png",), is_image=True),
        FileType("jpeg", _("JPEG画像"), "image/jpeg", ("jpg", "jpeg"), is_image=True),
        FileType(
            "docx",
            _("Word文書"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileType(
            "xlsx",
            _("Excelブック"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        FileType(
            "pptx",
            _("PowerPointプレゼンテーション"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ("pptx",),
        ),
    )
}
DOCUMENT_TYPES = tuple(FILE_TYPES)
IMAGE_TYPES = ("png", "jpeg")
CONTENT_TYPES = {file_type.content_type for file_type in FILE_TYPES.values()}
IMAGE_CONTENT_TYPES = {FILE_TYPES[code].content_type for code in IMAGE_TYPES}

ACCEPTED_DOCUMENTS_TEXT = _(
    "PDF、PNG・JPEG画像、Word・Excel・PowerPoint(docx・xlsx・pptx)のファイルを選んでください。"
)
ACCEPTED_IMAGES_TEXT = _("PNG または JPEG の画像を選んでください。")


@dataclass(frozen=True)
class CheckedFile:
    file_type: FileType
    size: int
    width: int | None = None
    height: int | None = None

    @property
    def content_type(self):
        return self.file_type.content_type


def _read_head(upload, length=1024):
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _looks_like_markup(head):
    """HTML, SVG and other XML: text that a browser could run as a page."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00").lower()
    return text.startswith(b"<")


def _sniff(upload):
    """The file type its bytes say, or None."""
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return FILE_TYPES["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FILE_TYPES["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return FILE_TYPES["jpeg"]
    if head.startswith(b"PK\x03\x04"):
        return _sniff_ooxml(upload)
    return None


def _sniff_ooxml(upload):
    """Office documents are ZIP archives; the main part's name tells which one.

    Only the archive's directory is read, never its members, so a ZIP bomb costs nothing.
    """
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            _(
                "マクロを含む文書は受け付けていません。マクロのない形式"
                "(docx・xlsx・pptx)で保存し直してください。"
            ),
            code="macro",
        )
    for code, main_part in OOXML_MAIN_PARTS.items():
        if main_part in names:
            return FILE_TYPES[code]
    return None


def _check_image(upload):
    """Let Pillow read the image with its decompression-bomb guard turned into an error."""
    message = _(
        "画像の大きさ(縦横のピクセル数)が大きすぎます。%(limit)s万画素以下に縮小してから"
        "選んでください。"
    ) % {"limit": MAX_IMAGE_PIXELS // 10_000}
    broken = _("画像ファイルが壊れているか、読み取れない形式です。") + str(ACCEPTED_IMAGES_TEXT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(message, code="image_too_large")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(message, code="image_too_large") from error
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds of errors for broken files.
        raise ValidationError(broken, code="broken_image") from error
    finally:
        upload.seek(0)
    return width, height


def _extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def check_upload(upload, *, allowed=DOCUMENT_TYPES, max_bytes=None):
    """Validate an uploaded file by content. Returns a CheckedFile or raises ValidationError."""
    if max_bytes is None:
        max_bytes = settings.PROPOSAL_ATTACHMENT_MAX_BYTES
    accepted_text = (
        ACCEPTED_IMAGES_TEXT if set(allowed) <= set(IMAGE_TYPES) else (ACCEPTED_DOCUMENTS_TEXT)
    )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(
            _("ファイルが空です。中身のあるファイルを選んでください。"), code="empty"
        )
    if size > max_bytes:
        raise ValidationError(
            _("ファイルが大きすぎます(%(size)s)。%(limit)s以下のファイルを選んでください。")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    head = _read_head(upload)
    file_type = _sniff(upload)
    if file_type is None:
        if _looks_like_markup(head):
            raise ValidationError(
                _("HTML や SVG などのファイルは受け付けていません。") + str(accepted_text),
                code="markup",
            )
        extension = _extension(upload.name)
        if extension:
            raise ValidationError(
                _("ファイル名は「.%(extension)s」ですが、中身が受け付けている形式ではありません。")
                % {"extension": extension}
                + str(accepted_text),
                code="unknown_type",
            )
        raise ValidationError(
            _("このファイルの形式は受け付けていません。") + str(accepted_text),
            code="unknown_type",
        )
    if file_type.code not in allowed:
        raise ValidationError(
            _("%(label)sはここでは受け付けていません。") % {"label": file_type.label}
            + str(accepted_text),
            code="not_allowed",
        )
    extension = _extension(upload.name)
    if extension not in file_type.extensions:
        raise ValidationError(
            _(
                "ファイル名の拡張子(%(extension)s)とファイルの中身(%(label)s)が一致しません。"
                "正しい形式のファイルを選んでください。"
            )
            % {"extension": f".{extension}" if extension else _("なし"), "label": file_type.label},
            code="extension_mismatch",
        )
    width = height = None
    if file_type.is_image:
        width, height = _check_image(upload)
    return CheckedFile(file_type=file_type, size=size, width=width, height=height)
