"""Files for upload tests: real pictures and hostile ones."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_bytes(width=40, height=20, color=(11, 107, 58)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def png(name="logo.png", **kwargs):
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def jpeg(name="logo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (200, 30, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def decompression_bomb(name="bomb.png", width=30000, height=30000):
    """A tiny PNG whose header claims 900 million pixels: Pillow refuses it on open."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, data, content_type="image/png")


def svg_with_script(name="logo.svg", content_type="image/svg+xml"):
    data = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
    )
    return SimpleUploadedFile(name, data, content_type=content_type)


def text_named_png(name="logo.png"):
    return SimpleUploadedFile(name, b"this is not a picture at all", content_type="image/png")


def oversized(name="big.png", size=2 * 1024 * 1024 + 1):
    return SimpleUploadedFile(name, png_bytes() + b"\x00" * size, content_type="image/png")


def pdf_named_jpg(name="logo.jpg"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "image/jpeg"
    )
