"""The results report (実績報告) and its photos."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Project


class Report(models.Model):
    """実績報告: what the project did, submitted by the lead organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SUBMITTED = "submitted", _("提出済み")
        RETURNED = "returned", _("差し戻し")
        ACCEPTED = "accepted", _("受理")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="report")
    activities = models.TextField(_("実施した内容"))
    participants = models.PositiveIntegerField(_("参加者数"), null=True, blank=True)
    outcomes = models.TextField(_("成果"), blank=True)
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("実績報告")
        verbose_name_plural = _("実績報告")

    def __str__(self):
        return f"{self.project} の実績報告"


class ReportPhoto(models.Model):
    """A photo of the results report (実績報告), with its description for screen readers."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("写真"), upload_to="projects/reports/")
    alt = models.CharField(
        _("写真の説明"), max_length=200, help_text=_("写っているものを短く書きます。")
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("実績報告の写真")
        verbose_name_plural = _("実績報告の写真")

    def __str__(self):
        return self.alt
