"""Uploaded files are judged by what they contain, never by their name.

A file is accepted only if its bytes are one of the kinds its use allows (`DOCUMENT`,
`PROJECT_IMAGE`, `LOGO`, `REPORT_PHOTO`), its name's extension agrees with that, it is not
too large, and (for images) Pillow can read it within the pixel limit, the guard against
decompression bombs. Everything else, HTML and SVG in particular, is refused with a message
for people. Every limit is a setting.

Images are then encoded anew (`clean_image`): turned upright as their EXIF orientation says,
and stored without EXIF, GPS or any other metadata, under a random name with the extension
of what they really are. A person's file name is kept only where it is shown
(`clean_file_name`).
"""

import io
import uuid
import warnings
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .text import remove_invisible_characters

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
    # Pillow's name of the format, for images.
    image_format: str = ""

    @property
    def extension(self):
        return self.extensions[0]

    @property
    def is_image(self):
        return bool(self.image_format)


FILE_TYPES = {
    file_type.code: file_type
    for file_type in (
        FileType("pdf", _("PDF"), "application/pdf", ("pdf",)),
        FileType("png", _("PNG画像"), "image/png", ("png",), "PNG"),
        FileType("jpeg", _("JPEG画像"), "image/jpeg", ("jpg", "jpeg", "jpe", "jfif"), "JPEG"),
        FileType("gif", _("GIF画像"), "image/gif", ("gif",), "GIF"),
        FileType("webp", _("WebP画像"), "image/webp", ("webp",), "WEBP"),
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
        # Recognised only to be named when refused: no use accepts them.
        FileType("bmp", _("BMP画像"), "image/bmp", ("bmp",)),
        FileType("tiff", _("TIFF画像"), "image/tiff", ("tif", "tiff")),
        FileType("ico", _("アイコン(ICO)"), "image/vnd.microsoft.icon", ("ico",)),
        FileType("heic", _("HEIC画像"), "image/heic", ("heic", "heif")),
    )
}

ACCEPTED_DOCUMENTS_TEXT = _(
    "PDF、PNG・JPEG画像、Word・Excel・PowerPoint(docx・xlsx・pptx)のファイルを選んでください。"
)
ACCEPTED_IMAGES_TEXT = _("PNG または JPEG の画像を選んでください。")
ACCEPTED_LOGOS_TEXT = _("PNG、JPEG、GIF、WebP の画像を選んでください。")


@dataclass(frozen=True)
class Use:
    """What an upload is for: the kinds it accepts and the setting of its size limit."""

    kinds: tuple
    max_bytes_setting: str
    accepted_text: str

    @property
    def max_bytes(self):
        return getattr(settings, self.max_bytes_setting)

    @property
    def file_types(self):
        return [FILE_TYPES[code] for code in self.kinds]

    @property
    def accept(self):
        """The file input's `accept`: extensions and content types."""
        extensions = [f".{ext}" for file_type in self.file_types for ext in file_type.extensions]
        return ",".join(extensions + sorted({t.content_type for t in self.file_types}))


DOCUMENT = Use(
    ("pdf", "png", "jpeg", "docx", "xlsx", "pptx"),
    "PROPOSAL_ATTACHMENT_MAX_BYTES",
    ACCEPTED_DOCUMENTS_TEXT,
)
PROJECT_IMAGE = Use(("png", "jpeg"), "PROPOSAL_IMAGE_MAX_BYTES", ACCEPTED_IMAGES_TEXT)
LOGO = Use(("png", "jpeg", "gif", "webp"), "ORGANIZATION_LOGO_MAX_BYTES", ACCEPTED_LOGOS_TEXT)
REPORT_PHOTO = Use(("png", "jpeg"), "REPORT_PHOTO_MAX_BYTES", ACCEPTED_IMAGES_TEXT)


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
    signatures = (
        (b"%PDF-", "pdf"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF87a", "gif"),
        (b"GIF89a", "gif"),
        (b"BM", "bmp"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"\x00\x00\x01\x00", "ico"),
    )
    for signature, code in signatures:
        if head.startswith(signature):
            return FILE_TYPES[code]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FILE_TYPES["webp"]
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif"):
        return FILE_TYPES["heic"]
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


def _too_many_pixels(max_pixels):
    return ValidationError(
        _(
            "画像の大きさ(縦横のピクセル数)が大きすぎます。%(limit)s万画素以下に縮小してから"
            "選んでください。"
        )
        % {"limit": max_pixels // 10_000},
        code="image_too_large",
    )


def _broken_image(accepted_text):
    return ValidationError(
        _("画像ファイルが壊れているか、読み取れない形式です。") + str(accepted_text),
        code="broken_image",
    )


@contextmanager
def _pixel_guard():
    """Pillow with its decompression-bomb warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _check_image(upload, accepted_text):
    """Let Pillow read the image's header and structure within the pixel limit."""
    max_pixels = settings.UPLOAD_MAX_PIXELS
    try:
        with _pixel_guard():
            upload.seek(0)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(max_pixels)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(max_pixels) from error
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds of errors for broken files.
        raise _broken_image(accepted_text) from error
    finally:
        upload.seek(0)
    return width, height


def _extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def check_upload(upload, use=DOCUMENT, *, max_bytes=None):
    """Validate an uploaded file by content for a use. Returns a CheckedFile or raises
    ValidationError with a message for people."""
    if max_bytes is None:
        max_bytes = use.max_bytes
    accepted_text = use.accepted_text
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
    if file_type.code not in use.kinds:
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
        width, height = _check_image(upload, accepted_text)
    return CheckedFile(file_type=file_type, size=size, width=width, height=height)


# Metadata that carries no personal data and that the picture needs to look right.
KEPT_IMAGE_INFO = ("icc_profile", "transparency")
IMAGE_SAVE_OPTIONS = {
    "JPEG": {"quality": 90},
    "WEBP": {"quality": 90},
    "PNG": {},
    "GIF": {},
}
IMAGE_MODES = {"JPEG": ("L", "RGB", "CMYK"), "WEBP": ("RGB", "RGBA")}


def _upright(image):
    """The picture turned as its EXIF orientation says (a broken EXIF leaves it as it is)."""
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # Pillow raises many kinds of errors for broken metadata.
        return image.copy()


def reencode_image(upload, checked, *, accepted_text=ACCEPTED_IMAGES_TEXT):
    """The picture drawn anew: upright, first frame only, without EXIF, GPS, XMP or
    comments; a ContentFile under a random name with the extension of its real kind."""
    file_type = checked.file_type
    image_format = file_type.image_format
    try:
        with _pixel_guard():
            upload.seek(0)
            with Image.open(upload) as original:
                original.seek(0)
                image = _upright(original)
                kept = {key: original.info[key] for key in KEPT_IMAGE_INFO if key in original.info}
                modes = IMAGE_MODES.get(image_format)
                if modes and image.mode not in modes:
                    image = image.convert("RGBA" if "RGBA" in modes else "RGB")
                    kept.pop("transparency", None)
                image.info = {}
                buffer = io.BytesIO()
                image.save(buffer, image_format, **IMAGE_SAVE_OPTIONS[image_format], **kept)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(settings.UPLOAD_MAX_PIXELS) from error
    except Exception as error:  # a file that passed verify() but does not decode
        raise _broken_image(accepted_text) from error
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{file_type.extension}")


def clean_image(upload, use, *, max_bytes=None):
    """Check an uploaded picture for a use and return it encoded anew (see reencode_image)."""
    checked = check_upload(upload, use, max_bytes=max_bytes)
    return reencode_image(upload, checked, accepted_text=use.accepted_text)


def clean_file_name(name):
    """The person's file name, safe to show and to send back in a header."""
    name = remove_invisible_characters(str(name or ""))
    for character in "\r\n\t":
        name = name.replace(character, "")
    name = name.replace("/", "_").replace("\\", "_")
    name = name.replace('"', "'").strip() or "file"
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = (stem[:190] + dot + extension[:8]) if dot else name[:200]
    return name


def extension_for(content_type):
    """The extension a stored file of this content type gets."""
    for file_type in FILE_TYPES.values():
        if file_type.content_type == content_type:
            return file_type.extension
    return "bin"


def content_type_for(name):
    """The content type of a stored file, from the extension it was given when checked."""
    extension = _extension(name)
    for file_type in FILE_TYPES.values():
        if extension in file_type.extensions:
            return file_type.content_type
    return "application/octet-stream"
