from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.text import validate_plain_text

DISPLAY_NAME_MAX_LENGTH = 50


class Profile(models.Model):
    """What a person shows of themselves on the portal: a display name, never required
    to be their real name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("表示名"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        validators=[validate_plain_text],
        help_text=_(
            "団体のメンバーや市の職員に表示される名前です。本名でなくてもかまいません"
            "(ニックネーム可、50文字以内)。"
        ),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("プロフィール")
        verbose_name_plural = _("プロフィール")

    def __str__(self):
        return self.display_name


def display_name_of(user):
    """The name to show for a user: their display name, never their e-mail address."""
    if user is None or not getattr(user, "pk", None):
        return ""
    try:
        name = user.profile.display_name
    except Profile.DoesNotExist:
        name = ""
    return name or str(_("表示名未設定の利用者"))


class PolicyKind(models.TextChoices):
    """The policies a person agrees to when signing up (public at /terms/ and /privacy/)."""

    TERMS = "terms", _("利用規約")
    PRIVACY = "privacy", _("個人情報の取扱い")


class PolicyQuerySet(models.QuerySet):
    def in_force(self, today):
        return self.filter(effective_on__lte=today)


class Policy(models.Model):
    """One version of a policy. A new text is a new version (never an edit of a version
    people agreed to); from its effective date on, everyone signed in is asked to agree again."""

    Kind = PolicyKind

    kind = models.CharField(_("種類"), max_length=20, choices=PolicyKind.choices)
    version = models.PositiveSmallIntegerField(_("版"))
    body = models.TextField(
        _("本文"), help_text=_("段落の間は空行にします。「## 」で始まる行は見出しになります。")
    )
    changes = models.TextField(
        _("前の版からの主な変更"),
        blank=True,
        help_text=_("もう一度同意をお願いするときに、何が変わったかとして表示します。"),
    )
    effective_on = models.DateField(_("施行日"))
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("規約・方針の版")
        verbose_name_plural = _("規約・方針の版")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="policy_kind_version_unique")
        ]

    def __str__(self):
        return _("%(kind)s(第%(version)s版)") % {
            "kind": self.get_kind_display(),
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse(f"pages:{self.kind}_version", args=[self.version])

    @property
    def blocks(self):
        """The body as headings and paragraphs, for the page."""
        blocks = []
        for part in self.body.replace("\r\n", "\n").split("\n\n"):
            part = part.strip()
            if not part:
                continue
            if part.startswith("## "):
                blocks.append(("heading", part[3:].strip()))
            else:
                blocks.append(("paragraph", part))
        return blocks


class Consent(models.Model):
    """A person agreed to one version of a policy, on this date (kept: the record of consent)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="consents")
    agreed_at = models.DateTimeField(_("同意日時"), auto_now_add=True)

    class Meta:
        ordering = ["-agreed_at", "-id"]
        verbose_name = _("同意の記録")
        verbose_name_plural = _("同意の記録")
        constraints = [
            models.UniqueConstraint(fields=["user", "policy"], name="consent_user_policy_unique")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.policy}"
