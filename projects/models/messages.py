"""The files sent with a message of a proposal's dialogue, stored privately."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.uploads import extension_for

from .files import _private_storage
from .history import Transition


def message_file_path(instance, filename):
    """A random name: the person's file name is kept in the row, never used on disk."""
    return f"messages/{instance.transition.project_id}/{uuid.uuid4().hex}.{instance.extension}"


class MessageFile(models.Model):
    """A file attached to one message (an entry of the project's history). Checked by content
    on upload (portal.uploads); read by whoever may read the message, nobody else."""

    transition = models.ForeignKey(Transition, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        _("ファイル"), upload_to=message_file_path, storage=_private_storage, max_length=200
    )
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    content_type = models.CharField(_("ファイルの形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大きさ(バイト)"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("メッセージの添付ファイル")
        verbose_name_plural = _("メッセージの添付ファイル")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(
            "projects:message_file", args=[self.transition.project_id, self.transition_id, self.pk]
        )

    @property
    def extension(self):
        return extension_for(self.content_type)

    @property
    def is_image(self):
        return self.content_type in ("image/png", "image/jpeg")
