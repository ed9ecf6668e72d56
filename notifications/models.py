from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationFailureQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class NotificationFailure(models.Model):
    """An e-mail the mail server refused. The transition it announced stands; staff follow up."""

    created_at = models.DateTimeField(_("日時"), auto_now_add=True)
    kind = models.CharField(_("通知の種類"), max_length=50)
    subject = models.CharField(_("件名"), max_length=300)
    body = models.TextField(_("本文"))
    recipients = models.TextField(_("宛先"), help_text=_("改行区切りの電子メールアドレス"))
    error = models.TextField(_("エラー"))
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("協働事業"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("対応日時"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("対応者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = NotificationFailureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("送信できなかった通知")
        verbose_name_plural = _("送信できなかった通知")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.subject}"

    @property
    def recipient_list(self):
        return [line for line in self.recipients.splitlines() if line.strip()]
