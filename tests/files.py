"""Pictures for upload tests in every format, and a phone photo that tells where it was
taken (EXIF with GPS), to check that what the portal stores tells nothing of the kind."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

FORMATS = {
    "png": ("PNG", "image/png"),
    "jpg": ("JPEG", "image/jpeg"),
    "gif": ("GIF", "image/gif"),
    "webp": ("WEBP", "image/webp"),
    "bmp": ("BMP", "image/bmp"),
    "tiff": ("TIFF", "image/tiff"),
    "ico": ("ICO", "image/x-icon"),
}


def image_bytes(extension="png", size=(40, 30), color=(11, 107, 58), **options):
    image_format, _content_type = FORMATS[extension]
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def image_upload(extension="png", name=None, **kwargs):
    return SimpleUploadedFile(
        name or f"picture.{extension}",
        image_bytes(extension, **kwargs),
        content_type=FORMATS[extension][1],
    )


def heic_upload(name="IMG_0001.heic"):
    """The start of an iPhone photo (an ISO media file of brand heic)."""
    return SimpleUploadedFile(
        name, b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "image/heic"
    )


GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (35.0, 51.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (139.0, 31.0, 0.0),
}


def photo_with_gps(name="IMG_0001.JPG", size=(60, 30), orientation=6):
    """A JPEG as a phone writes it: camera, place (GPS) and orientation in its EXIF
    (6: to be shown turned 90° clockwise), and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone maker"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="JPEG", exif=exif, comment=b"at home")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def assert_without_metadata(stored):
    """A stored picture (a FieldFile or a file object) carries no EXIF, GPS or comment."""
    stored.open("rb") if hasattr(stored, "storage") else stored.seek(0)
    try:
        with Image.open(stored) as image:
            exif = image.getexif()
            assert dict(exif) == {}
            assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
            assert "exif" not in image.info and "comment" not in image.info
            assert "xmp" not in image.info
            return image.size, image.format
    finally:
        if hasattr(stored, "storage"):
            stored.close()
