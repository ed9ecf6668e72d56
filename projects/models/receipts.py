"""受付番号 counters and the 後援 change notices (変更届) awaiting the city's acknowledgement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Form, Project


class ReceiptCounter(models.Model):
    """The last 受付番号 given for one form in one fiscal year (projects/receipts.py locks
    the row while it counts, so that two submissions never get the same number)."""

    form = models.CharField(_("協働の形態"), max_length=20, choices=Form.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("最後の番号"), default=0)

    class Meta:
        verbose_name = _("受付番号の採番")
        verbose_name_plural = _("受付番号の採番")
        constraints = [
            models.UniqueConstraint(fields=["form", "fiscal_year"], name="receipt_counter_unique")
        ]

    def __str__(self):
        return f"{self.form} {self.fiscal_year}: {self.last}"


class ProposedChange(models.Model):
    """What a 変更届 asks to change (field by field, old and new), pending until the city
    acknowledges it; only then do the project's data and its public page change."""

    class Status(models.TextChoices):
        PENDING = "pending", _("確認待ち")
        ACKNOWLEDGED = "acknowledged", _("確認済み")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposed_changes")
    # [{"field", "label", "old", "new", "value"}]: "value" is the new value as stored (ISO
    # dates), "old" / "new" as people read them.
    changes = models.JSONField(_("変更する項目"), default=list)
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("届け出た人"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    filed_at = models.DateTimeField(_("届出日時"), auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("確認した職員"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    acknowledged_at = models.DateTimeField(_("確認日時"), null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("変更届の内容")
        verbose_name_plural = _("変更届の内容")

    def __str__(self):
        return f"{self.project}: {self.get_status_display()}"
