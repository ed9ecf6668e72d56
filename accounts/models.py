from django.conf import settings
from django.db import models
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
