"""Serving stored files through views that check who may see them.

Uploaded files are never served straight from a public folder: a view decides, then this
module answers with headers that keep the browser from treating the file as a page.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404

from .uploads import content_type_for


class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT: no URL of their own, served only by a view that checks
    who asks (settings.PRIVATE_MEDIA_ROOT, read when used so that tests can move it)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; use the view that serves them.")


private_storage = PrivateStorage()


def private_file_storage():
    """The storage named "private" when settings define one (S3, config/scaling.py), else
    the folder PRIVATE_MEDIA_ROOT."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return private_storage


def file_response(fieldfile, *, content_type, filename, inline, public=False):
    """A FileResponse for a stored file, with the headers every private or public file
    gets (no sniffing, no scripts, no shared caches unless public); 404 if the file is gone."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Public images may be cached briefly; anything else stays out of shared caches.
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def image_response(fieldfile, *, public):
    name = fieldfile.name or ""
    return file_response(
        fieldfile,
        # Stored images were named after their real kind when they were checked.
        content_type=content_type_for(name),
        filename=name.rsplit("/", 1)[-1],
        inline=True,
        public=public,
    )
