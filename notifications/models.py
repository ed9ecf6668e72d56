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
    body = models.TextField(_("本文"), blank=True)
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
    holds_secret = models.BooleanField(
        _("使い切りのリンクを含む"),
        default=False,
        help_text=_("本文は保存していないため、再送できません。"),
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


class OutgoingMail(models.Model):
    """A notification on its way: written when the transition it announces has committed,
    sent by a task (config/celery.py), at most once thanks to its unique key.

    A task claims the mail (queued → sending) before it talks to the mail server, so a second
    run of the same task (a retry, a redelivery after a worker died, the sweep queueing it
    again) finds it taken or sent and does nothing. Once sent, its text and addresses are
    emptied: only the fact that it went stays."""

    class State(models.TextChoices):
        QUEUED = "queued", _("送信待ち")
        SENDING = "sending", _("送信中")
        SENT = "sent", _("送信済み")
        FAILED = "failed", _("送信できなかった")

    key = models.CharField(_("キー"), max_length=200, unique=True)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.QUEUED)
    kind = models.CharField(_("通知の種類"), max_length=50)
    subject = models.CharField(_("件名"), max_length=300, blank=True)
    body = models.TextField(_("本文"), blank=True)
    recipients = models.TextField(_("宛先"), blank=True)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The text carries a single-use link: never copied to the staff desk's failures.
    holds_secret = models.BooleanField(_("使い切りのリンクを含む"), default=False)
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)
    changed_at = models.DateTimeField(_("状態の変更日時"), auto_now=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "changed_at"], name="outgoing_mail_state")]
        verbose_name = _("送信する通知")
        verbose_name_plural = _("送信する通知")

    def __str__(self):
        return f"{self.key} ({self.state})"

    @property
    def recipient_list(self):
        return [line for line in self.recipients.splitlines() if line.strip()]
