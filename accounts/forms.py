"""The account forms people fill in: allauth's, with our display name and our habits
(no placeholders: help text says what to type, labels say whether a field is required)."""

import unicodedata

from allauth.account import forms as allauth_forms
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalFormMixin
from portal.text import validate_single_line

from . import policies
from .models import DISPLAY_NAME_MAX_LENGTH, Profile


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("表示名"))
        kwargs.setdefault("max_length", DISPLAY_NAME_MAX_LENGTH)
        kwargs.setdefault(
            "help_text",
            _(
                "団体のメンバーや市の職員に表示される名前です。本名でなくてもかまいません"
                "(ニックネーム可、50文字以内)。"
            ),
        )
        kwargs.setdefault("validators", [validate_single_line])
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "nickname")

    def to_python(self, value):
        # Names are kept as typed (full-width letters, emoji, any script), only composed
        # into one canonical form so that equal names compare equal.
        value = super().to_python(value)
        return unicodedata.normalize("NFC", value) if value else value


class LoginForm(PortalFormMixin, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The reset link sits below the form, where people look for it.
        self.fields["password"].help_text = ""


class SignupForm(PortalFormMixin, allauth_forms.SignupForm):
    field_order = ["email", "display_name", "password1", "password2"]

    display_name = DisplayNameField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "確認のメールを送ります。ログインにもこのアドレスを使います。"
            "ほかの利用者には表示されません。"
        )
        # Consent to each policy in force, recorded with its version (accounts.policies).
        self.policies = policies.policies_in_force()
        for policy in self.policies:
            self.fields[f"agree_{policy.kind}"] = forms.BooleanField(
                label=_("「%(policy)s」に同意する") % {"policy": policy},
                help_text=format_html(
                    '<a href="{}">{}</a>',
                    reverse(f"pages:{policy.kind}"),
                    _("「%(name)s」を読む") % {"name": policy.get_kind_display()},
                ),
                error_messages={
                    "required": _("登録するには「%(name)s」への同意が必要です。")
                    % {"name": policy.get_kind_display()}
                },
            )
        self.prepare_fields()

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        Profile.objects.update_or_create(
            user=user, defaults={"display_name": self.cleaned_data["display_name"]}
        )
        policies.consent_record(user=user, policies=self.policies)


class ResetPasswordForm(PortalFormMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(PortalFormMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(PortalFormMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(PortalFormMixin, allauth_forms.SetPasswordForm):
    pass


class AddEmailForm(PortalFormMixin, allauth_forms.AddEmailForm):
    pass


class ReauthenticateForm(PortalFormMixin, allauth_forms.ReauthenticateForm):
    pass


class ProfileForm(PortalFormMixin, forms.ModelForm):
    display_name = DisplayNameField()

    class Meta:
        model = Profile
        fields = ["display_name"]
