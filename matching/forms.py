from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from portal.forms import OnceFormMixin, PortalFormMixin

from .contact import find_contact
from .models import MESSAGE_MAX


class ContactRequestForm(OnceFormMixin, PortalFormMixin, forms.Form):
    sender = forms.ModelChoiceField(
        label=_("お願いする団体"),
        queryset=Organization.objects.none(),
        empty_label=None,
        help_text=_("あなたが所属している団体のうち、どの団体としてお願いするかを選びます。"),
    )
    message = forms.CharField(
        label=_("メッセージ"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "団体の紹介と、どのようなことで協力したいかを書いてください。"
            "メールアドレスや電話番号は書かないでください: 相手が承諾したときに、"
            "お互いの連絡先をメールでお知らせします。"
        ),
    )

    def __init__(self, *args, senders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"].queryset = Organization.objects.filter(
            pk__in=[organization.pk for organization in senders]
        ).order_by("name_kana", "pk")
        self.prepare_fields()

    def clean_message(self):
        message = self.cleaned_data["message"]
        if find_contact(message):
            raise forms.ValidationError(
                _(
                    "メッセージにメールアドレスや電話番号は書かないでください。"
                    "連絡先は、相手が承諾したときにお互いにお知らせします。"
                )
            )
        return message
