"""The documents of a proposal, stored privately."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.files import PrivateStorage, private_storage  # noqa: F401
from portal.files import private_file_storage as _private_storage
from portal.uploads import extension_for

from .core import Form, Project


def attachment_path(instance, filename):
    """A random name: the person's file name is kept in the row, never used on disk."""
    return f"proposals/{instance.project_id}/{uuid.uuid4().hex}.{instance.extension}"


class AttachmentKind(models.TextChoices):
    BYLAWS = "bylaws", _("規約・会則")
    OFFICERS = "officers", _("役員名簿")
    OUTLINE = "outline", _("開催要項")
    BUDGET = "budget", _("収支予算書")
    RECEIPT = "receipt", _("領収書")
    OTHER = "other", _("その他の資料")


# The documents each form asks for (besides その他の資料, which every form accepts).
ATTACHMENT_KINDS_BY_FORM = {
    Form.PATRONAGE: (
        AttachmentKind.BYLAWS,
        AttachmentKind.OFFICERS,
        AttachmentKind.OUTLINE,
        AttachmentKind.BUDGET,
    ),
    Form.SUBSIDY: (AttachmentKind.BUDGET, AttachmentKind.RECEIPT),
}
# The documents a proposal cannot be submitted without, for each of the six forms. A 後援
# lends the city's name to another's event, so the city reads who the organiser is (規約・会則,
# 役員名簿), what the event is (開催要項) and how it is paid for (収支予算書) before it does.
# The other forms are worked out with the city in the proposal itself (the 補助's 収支予算,
# the 委託's deliverables, the committee's members, the agreement, the cost sharing are
# fields of the form): their documents are welcome but none is needed to submit.
REQUIRED_ATTACHMENT_KINDS = {
    Form.SUBSIDY: (),
    Form.PATRONAGE: ATTACHMENT_KINDS_BY_FORM[Form.PATRONAGE],
    Form.COMMISSION: (),
    Form.COMMITTEE: (),
    Form.COOPERATION: (),
    Form.COHOSTING: (),
}


def attachment_kinds_for(form):
    return (*ATTACHMENT_KINDS_BY_FORM.get(form, ()), AttachmentKind.OTHER)


class AttachmentQuerySet(models.QuerySet):
    def current(self):
        """The documents in force: a new version of a document replaces the one before."""
        return self.filter(replaced_at__isnull=True)


class Attachment(models.Model):
    """A document of a proposal. Checked by content on upload (portal.uploads).

    Uploading a document of a kind the proposal already has (会則, 収支予算書, …; not その他)
    replaces it: the earlier one stays, marked with when it was replaced and by which, and
    is listed as an earlier version."""

    Kind = AttachmentKind

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("書類の種類"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(
        _("ファイル"), upload_to=attachment_path, storage=_private_storage, max_length=200
    )
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    content_type = models.CharField(_("ファイルの形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大きさ(バイト)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録した人"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    replaced_at = models.DateTimeField(_("差し替え日時"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("差し替えた版"),
        on_delete=models.SET_NULL,
        related_name="earlier_versions",
        null=True,
        blank=True,
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "uploaded_at", "id"]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("projects:attachment", args=[self.project_id, self.pk])

    @property
    def extension(self):
        return extension_for(self.content_type)

    @property
    def is_image(self):
        return self.content_type in ("image/png", "image/jpeg")
