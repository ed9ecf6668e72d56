"""The desk's own records: exports of large lists made in the background (staff/exports.py).
What staff do to projects and organisations is recorded in their own histories
(projects.Transition, organizations.OrganizationTransition)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.files import private_file_storage


def export_path(instance, filename):
    """One name per job: a retry writes over its own file, never beside it."""
    return f"exports/{instance.pk}.{instance.format}"


class ExportJob(models.Model):
    """A list export too large for the request: the list, its filters and who asked, made by
    staff.tasks.build_export and kept EXPORT_KEEP_DAYS days for its requester alone."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待機中")
        RUNNING = "running", _("作成中")
        DONE = "done", _("完了")
        FAILED = "failed", _("失敗")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel(XLSX)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("依頼した人"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    list_name = models.CharField(_("一覧"), max_length=50)
    format = models.CharField(_("形式"), max_length=4, choices=Format.choices)
    query = models.TextField(_("絞り込みの条件"), blank=True)
    language = models.CharField(_("言語"), max_length=10, default="ja")
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    failure = models.TextField(_("失敗の理由"), blank=True)
    row_count = models.PositiveIntegerField(_("件数"), null=True, blank=True)
    file = models.FileField(
        _("ファイル"), upload_to=export_path, storage=private_file_storage, blank=True
    )
    filename = models.CharField(_("ファイル名"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完了日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("書き出し")
        verbose_name_plural = _("書き出し")

    def __str__(self):
        return f"{self.list_name}.{self.format} #{self.pk}"
