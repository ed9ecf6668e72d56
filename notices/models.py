"""The city's issued documents: the application as submitted and the decision notices.

An issued document is kept as it was issued: its number, its date, the values it was drawn
from and the PDF made of them. Nothing is drawn again differently: a correction is a reissue,
a new document with a new number that points to the one it replaces.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import Project, Transition
from projects.models.files import _private_storage


class Kind(models.TextChoices):
    APPLICATION = "application", _("申請書")
    PATRONAGE_APPROVAL = "patronage_approval", _("後援名義使用承認通知書")
    PATRONAGE_REFUSAL = "patronage_refusal", _("後援名義使用不承認通知書")
    SUBSIDY_GRANT = "subsidy_grant", _("補助金交付決定通知書")
    SUBSIDY_CONFIRMATION = "subsidy_confirmation", _("補助金交付額確定通知書")
    AGREEMENT_COVER = "agreement_cover", _("協定書・契約書 表紙")


def pdf_path(instance, filename):
    """A random name under the project's folder: the download names the file."""
    return f"notices/{instance.project_id}/{uuid.uuid4().hex}.pdf"


class NumberCounter(models.Model):
    """The last 文書番号 given in a fiscal year (locked while the next one is taken)."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    last_number = models.PositiveIntegerField(_("最後の番号"), default=0)

    class Meta:
        verbose_name = _("文書番号の台帳")
        verbose_name_plural = _("文書番号の台帳")

    def __str__(self):
        return f"{self.fiscal_year}: {self.last_number}"


class IssuedDocument(models.Model):
    kind = models.CharField(_("種類"), max_length=30, choices=Kind.choices)
    project = models.ForeignKey(
        Project, verbose_name=_("協働事業"), on_delete=models.CASCADE, related_name="documents"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("通し番号"))
    document_number = models.CharField(_("文書番号"), max_length=120)
    issued_on = models.DateField(_("発行日"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("発行した職員"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The decision it records (None for a document issued by hand).
    transition = models.OneToOneField(
        Transition,
        verbose_name=_("決定の履歴"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_document",
    )
    reissue_of = models.OneToOneField(
        "self",
        verbose_name=_("再発行の元の文書"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reissued_as",
    )
    values = models.JSONField(_("記載内容"), default=dict, editable=False)
    pdf = models.FileField(
        _("PDF"), upload_to=pdf_path, storage=_private_storage, blank=True, editable=False
    )
    rendered_at = models.DateTimeField(_("PDFの作成日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-number"]
        verbose_name = _("発行文書")
        verbose_name_plural = _("発行文書")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "number"], name="issued_document_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.document_number} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("notices:document", args=[self.pk])

    @property
    def pdf_url(self):
        return reverse("notices:pdf", args=[self.pk])

    @property
    def file_name(self):
        return f"{self.get_kind_display()}_{self.document_number}.pdf"

    @property
    def is_current(self):
        """Not replaced by a reissue."""
        try:
            self.reissued_as  # noqa: B018 - the reverse one-to-one raises when absent
        except IssuedDocument.DoesNotExist:
            return True
        return False
