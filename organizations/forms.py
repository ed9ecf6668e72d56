"""Forms organisations fill in: their profile, and invitations of members."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from city.profile import current as current_city
from portal import ids, uploads
from portal.forms import OnceFormMixin, PortalFormMixin, VersionedFormMixin, founded_year_field

from .models import ActivityField, Area, Invitation, Membership, Organization

KANA_PATTERN = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe ]+$")
PHONE_PATTERN = re.compile(r"^[0-9+()\- ]{6,30}$")


def normalize_kana(value):
    """Half-width katakana and full-width spaces become their usual forms, and hiragana
    becomes katakana, so that lists sort in 五十音順 whichever the organisation typed."""
    value = unicodedata.normalize("NFKC", value).strip()
    value = re.sub(r"\s+", " ", value)
    return "".join(
        chr(ord(character) + 0x60)
        if "\u3041" <= character <= "\u3096" or character in "\u309d\u309e"
        else character
        for character in value
    )


def clean_kana(value):
    value = normalize_kana(value)
    if not KANA_PATTERN.match(value):
        raise ValidationError(
            _(
                "読み仮名は、カタカナまたはひらがなで入力してください"
                "(長音「ー」、中黒「・」、空白も使えます)。"
            ),
            code="kana",
        )
    return value


def clean_phone(value):
    value = unicodedata.normalize("NFKC", value).strip()
    value = value.replace("‐", "-").replace("−", "-").replace("ー", "-")
    if value and not PHONE_PATTERN.match(value):
        raise ValidationError(
            _("電話番号は、数字とハイフンで入力してください(例: %(example)s)。"),
            code="phone",
            params={"example": current_city().contact_phone},
        )
    return value


class ActivityFieldChoices(ids.ModelMultipleChoiceField):
    """The fields of activity as checkboxes: the plain name first, the Act's wording beside
    it as its description."""

    def label_from_instance(self, field):
        if field.short_name and field.short_name != field.name:
            return format_html(
                '{}<span class="choice-note">{}</span>', field.label, field.official_name
            )
        return field.official_name


class OrganizationForm(OnceFormMixin, VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    """The organisation's profile, as the organisation keeps it (registration and edits)."""

    kind = forms.ChoiceField(
        label=_("種別"), choices=Organization.Kind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("団体名"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    name_kana = forms.CharField(
        label=_("団体名の読み仮名"),
        max_length=200,
        help_text=_("カタカナまたはひらがなで入力します(例: コドモショクドウネット)。"),
    )
    fields = ActivityFieldChoices(
        label=_("活動分野"),
        queryset=ActivityField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("特定非営利活動促進法の20分野から、当てはまるものをすべて選びます。"),
        error_messages={"required": _("活動分野を1つ以上選んでください。")},
    )
    area = forms.ModelChoiceField(
        label=_("主な活動地区"),
        queryset=Area.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    founded_year = founded_year_field()
    description = forms.CharField(
        label=_("団体の紹介"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("どんな活動をしている団体かを、市民に向けて書きます(2000文字以内)。"),
    )
    offers = forms.CharField(
        label=_("できること"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("協働の相手に提供できる力や資源です(例: 会場、人手、専門知識)。"),
    )
    needs = forms.CharField(
        label=_("求めていること"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("協働で得たい支援や相手です。"),
    )
    public_email = forms.EmailField(
        label=_("公開する電子メール"),
        required=False,
        help_text=_("団体のページに表示されます。"),
        widget=forms.EmailInput(attrs={"autocomplete": "section-public work email"}),
    )
    public_phone = forms.CharField(
        label=_("公開する電話番号"),
        required=False,
        max_length=30,
        help_text=_("団体のページに表示されます。数字とハイフンで入力します。"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "section-public work tel"}),
    )
    public_url = forms.URLField(
        label=_("ウェブサイト"),
        required=False,
        max_length=200,
        validators=[URLValidator(schemes=["http", "https"])],
        assume_scheme="https",
        help_text=_("https:// で始まるアドレスを入力します。"),
    )
    logo = forms.FileField(
        label=_("ロゴ"),
        required=False,
        widget=forms.FileInput(attrs={"accept": uploads.LOGO.accept}),
    )
    logo_clear = forms.BooleanField(label=_("登録済みのロゴを削除する"), required=False)
    representative_name = forms.CharField(
        label=_("代表者名"),
        max_length=100,
        help_text=_("公開されません。協働推進課と団体のメンバーだけが見られます。"),
        widget=forms.TextInput(attrs={"autocomplete": "section-representative name"}),
    )
    representative_phone = forms.CharField(
        label=_("代表者の電話番号"),
        max_length=30,
        help_text=_("公開されません。数字とハイフンで入力します。"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "section-representative tel"}),
    )
    representative_address = forms.CharField(
        label=_("代表者の住所"),
        required=False,
        max_length=300,
        help_text=_("公開されません。"),
        widget=forms.TextInput(attrs={"autocomplete": "section-representative street-address"}),
    )
    private_email = forms.EmailField(
        label=_("事務連絡用の電子メール"),
        required=False,
        help_text=_("公開されません。協働推進課からの連絡に使います。"),
        widget=forms.EmailInput(attrs={"autocomplete": "section-office work email"}),
    )

    class Meta:
        model = Organization
        fields = [
            "kind",
            "name",
            "name_kana",
            "fields",
            "area",
            "founded_year",
            "description",
            "offers",
            "needs",
            "public_email",
            "public_phone",
            "public_url",
            "logo",
            "representative_name",
            "representative_phone",
            "representative_address",
            "private_email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = _(
            "PNG、JPEG、GIF、WebP の画像(%(limit)s 以下)。SVG は使えません。"
        ) % {"limit": filesizeformat(uploads.LOGO.max_bytes)}
        if not self.instance.logo:
            del self.fields["logo_clear"]

    def clean_name_kana(self):
        return clean_kana(self.cleaned_data["name_kana"])

    def clean_public_phone(self):
        return clean_phone(self.cleaned_data["public_phone"])

    def clean_representative_phone(self):
        return clean_phone(self.cleaned_data["representative_phone"])

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        self.logo_uploaded = isinstance(upload, UploadedFile)
        if self.logo_uploaded:
            # Encoded anew without its metadata, under a random name (portal.uploads).
            return uploads.clean_image(upload, uploads.LOGO)
        return self.instance.logo if self.instance.pk else upload

    def save(self, commit=True):
        previous_logo = None
        if self.instance.pk:
            previous_logo = Organization.objects.get(pk=self.instance.pk).logo.name or None
        uploaded = getattr(self, "logo_uploaded", False)
        if self.cleaned_data.get("logo_clear") and not uploaded:
            self.instance.logo = ""
        organization = super().save(commit=commit)
        if previous_logo and previous_logo != organization.logo.name:
            self._obsolete_logo = previous_logo
        return organization

    def delete_obsolete_logo(self):
        """Remove the replaced logo's file once the new profile is saved."""
        name = getattr(self, "_obsolete_logo", None)
        if name:
            self.instance.logo.storage.delete(name)


class InvitationForm(OnceFormMixin, PortalFormMixin, forms.ModelForm):
    email = forms.EmailField(
        label=_("招待する人のメールアドレス"),
        max_length=254,
        help_text=_(
            "このアドレスに招待のメールを送ります。受け取った人は、このアドレスでログインして参加します。"
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("役割"),
        choices=Membership.Role.choices,
        initial=Membership.Role.EDITOR,
        widget=forms.RadioSelect,
        help_text=_(
            "編集者は団体の情報と提案を編集できます。管理者はさらにメンバーを管理できます。"
        ),
    )

    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def __init__(self, *args, organization, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if (
            Membership.objects.filter(
                organization=self.organization, user__emailaddress__email__iexact=email
            ).exists()
            or Membership.objects.filter(
                organization=self.organization, user__email__iexact=email
            ).exists()
        ):
            raise ValidationError(
                _("このメールアドレスの方は、すでにこの団体のメンバーです。"), code="member"
            )
        return email


class RoleForm(PortalFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("役割"), choices=Membership.Role.choices)
