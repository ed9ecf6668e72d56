from django.core.validators import RegexValidator
from django.db import models
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import WebsiteField
from portal.wareki import wareki_month

from .validators import validate_local_government_code


class CityProfile(models.Model):
    """The municipality that runs the portal: its names, contact, guideline and mail sender.

    One row is in use (`city.profile.current()`); it is loaded from the profile's data files
    (`load_city`) and edited in the admin.
    """

    # Texts that have an English version in a `<name>_en` field.
    TRANSLATED = (
        "name",
        "tagline",
        "portal_name",
        "site_description",
        "department_name",
        "contact_name",
        "guideline_title",
        "source_line",
    )

    name = models.CharField(_("市区町村名"), max_length=50, help_text=_("例: ○○市"))
    name_en = models.CharField(_("市区町村名(英語)"), max_length=100, blank=True)
    prefecture = models.CharField(_("都道府県名"), max_length=10)
    local_government_code = models.CharField(
        _("全国地方公共団体コード"),
        max_length=6,
        validators=[validate_local_government_code],
        help_text=_("検査数字を含む6桁。オープンデータに載ります。"),
    )
    slug = models.SlugField(
        _("英字の略称"),
        max_length=40,
        validators=[
            RegexValidator(r"^[a-z0-9-]+$", _("半角英小文字、数字、ハイフンで入力します。"))
        ],
        help_text=_("オープンデータやカレンダーのファイル名に使います。"),
    )
    tagline = models.CharField(_("標語"), max_length=100, blank=True)
    tagline_en = models.CharField(_("標語(英語)"), max_length=200, blank=True)

    portal_name = models.CharField(_("ポータルの名称"), max_length=100)
    portal_name_en = models.CharField(_("ポータルの名称(英語)"), max_length=200, blank=True)
    site_description = models.CharField(
        _("サイトの説明"),
        max_length=300,
        help_text=_("検索エンジンやSNSでの紹介文(meta description)になります。"),
    )
    site_description_en = models.CharField(_("サイトの説明(英語)"), max_length=500, blank=True)

    department_name = models.CharField(
        _("協働の担当課の名称"), max_length=100, help_text=_("例: 協働推進課")
    )
    department_name_en = models.CharField(_("担当課の名称(英語)"), max_length=200, blank=True)
    contact_name = models.CharField(
        _("問い合わせ先の名称"),
        max_length=200,
        help_text=_("部・課・係の名称。市区町村名は前に自動で付きます。"),
    )
    contact_name_en = models.CharField(_("問い合わせ先の名称(英語)"), max_length=300, blank=True)
    contact_address = models.CharField(_("問い合わせ先の住所"), max_length=200, blank=True)
    contact_phone = models.CharField(_("問い合わせ先の電話番号"), max_length=30)
    contact_fax = models.CharField(_("問い合わせ先のファクス番号"), max_length=30, blank=True)
    contact_email = models.EmailField(_("問い合わせ先の電子メール"), blank=True)
    contact_url = WebsiteField(_("問い合わせ先のウェブページ"), blank=True)

    guideline_title = models.CharField(_("指針の名称"), max_length=200)
    guideline_title_en = models.CharField(_("指針の名称(英語)"), max_length=300, blank=True)
    guideline_date = models.DateField(
        _("指針の策定日"), null=True, blank=True, help_text=_("ページには年と月を表示します。")
    )
    source_line = models.CharField(
        _("出典の表示"),
        max_length=200,
        help_text=_("指針を引用した箇所に添えます。例: 出典: ○○市協働のまちづくり推進指針"),
    )
    source_line_en = models.CharField(_("出典の表示(英語)"), max_length=300, blank=True)

    notice_issuer = models.CharField(
        _("通知書の発信者"),
        max_length=100,
        blank=True,
        help_text=_("通知書の発信者の行。例: ○○市長。空欄なら市区町村名に「長」を付けます。"),
    )
    notice_number_format = models.CharField(
        _("文書番号の書式"),
        max_length=100,
        default="第{number}号",
        help_text=_(
            "通知書の文書番号。{number} が年度ごとの通し番号になります。例: ○○協推第{number}号"
        ),
    )

    mail_from = models.CharField(
        _("メールの差出人"),
        max_length=200,
        blank=True,
        help_text=_("例: ○○ 協働ポータル <noreply@example.jp>。空欄なら設定の既定値です。"),
    )
    mail_signature = models.TextField(_("メールの署名"), blank=True)

    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("市のプロフィール")
        verbose_name_plural = _("市のプロフィール")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .profile import forget

        forget()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from .profile import forget

        forget()
        return result

    @property
    def notice_issuer_line(self):
        """The sender of the city's notices (the mayor's line of a 通知書)."""
        return self.notice_issuer or f"{self.name}長"

    def notice_number(self, number):
        """The 文書番号 of the `number`th notice of a fiscal year."""
        return self.notice_number_format.replace("{number}", str(number))

    @property
    def full_name(self):
        """Prefecture and municipality, the 地方公共団体名 of open data."""
        return f"{self.prefecture}{self.name}"

    @property
    def phone_uri(self):
        digits = "".join(character for character in self.contact_phone if character.isdigit())
        return f"tel:{digits}" if digits else ""

    @property
    def guideline_date_label(self):
        """平成29年10月 in Japanese, October 2017 in English."""
        if self.guideline_date is None:
            return ""
        if (get_language() or "ja").startswith("ja"):
            return wareki_month(self.guideline_date)
        return formats.date_format(self.guideline_date, "YEAR_MONTH_FORMAT")

    def localized(self):
        return LocalizedProfile(self)


class LocalizedProfile:
    """The profile as a page reads it: each text in the visitor's language when the profile
    has it (the `_en` fields), the Japanese text otherwise."""

    def __init__(self, profile):
        self._profile = profile

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._profile, name)
        if name in CityProfile.TRANSLATED and not (get_language() or "ja").startswith("ja"):
            return getattr(self._profile, f"{name}_en") or value
        return value

    def __str__(self):
        return str(self.name)
