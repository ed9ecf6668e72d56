from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One staff edit or decision: who, when, on what, and each field's old and new value.

    Project state changes are recorded as `projects.Transition`; this records everything
    else staff change (a project's data, an organisation's status), so the file shows the
    whole story. Entries are never edited or deleted.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("作成")
        EDIT = "edit", _("編集")
        APPROVE = "approve", _("承認")
        REJECT = "reject", _("不承認")
        SUSPEND = "suspend", _("停止")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("実施者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("協働事業"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("団体"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    object_repr = models.CharField(_("対象"), max_length=300)
    changes = models.JSONField(
        _("変更内容"),
        default=list,
        blank=True,
        help_text=_("項目ごとの変更前と変更後: [{field, label, old, new}]"),
    )
    comment = models.TextField(_("コメント"), blank=True)
    is_for_organization = models.BooleanField(
        _("団体にも表示する"),
        default=False,
        help_text=_("団体の登録に関する判断など、団体のメンバーに伝える記録です。"),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("職員による変更の記録")
        verbose_name_plural = _("職員による変更の記録")
        # The desk's rights, granted through the groups 協働推進課 and 担当課 (see permissions.py).
        permissions = [
            ("use_desk", _("職員デスクを使える")),
            ("review_all", _("すべての団体と協働事業を審査できる")),
        ]

    def __str__(self):
        return f"{self.object_repr}: {self.get_action_display()}"
