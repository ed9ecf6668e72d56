from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DatePartsField, OnceFormMixin, PortalFormMixin

from .models import CAPACITY_MAX, PARTY_SIZE_MAX, Signup


class SignupForm(PortalFormMixin, forms.ModelForm):
    """The organiser's (or the staff's) settings of an event's sign-up."""

    deadline = DatePartsField(
        label=_("申込締切日"),
        required=False,
        help_text=_("西暦で入力します。この日まで受け付けます。空欄ならイベントの初日まで。"),
    )

    class Meta:
        model = Signup
        fields = [
            "is_open",
            "capacity",
            "deadline",
            "asks_phone",
            "asks_party_size",
            "asks_accessibility",
            "keeps_waiting_list",
        ]
        help_texts = {
            "capacity": _("受け付ける人数の上限です(1から100000まで)。"),
            "asks_party_size": _("申込1件で複数人が参加できます(1件あたり20人まで)。"),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].max_value = CAPACITY_MAX
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": CAPACITY_MAX})
        self.prepare_fields()

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline > self.event.starts_on:
            raise forms.ValidationError(
                _("締切日はイベントの開始日(%(date)s)までの日付にしてください。"),
                params={"date": self.event.starts_on.isoformat()},
            )
        return deadline


class ApplicationForm(OnceFormMixin, PortalFormMixin, forms.Form):
    """A sign-up on the event page: name and e-mail always (the account's address when signed
    in), the other questions as the organiser chose."""

    name = forms.CharField(
        label=_("お名前"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("メールアドレス"),
        help_text=_("確認のリンクをこのアドレスへ送ります。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("電話番号"),
        max_length=30,
        required=False,
        help_text=_("当日の連絡に使います(例: 049-000-0000)。"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    party_size = forms.IntegerField(
        label=_("参加人数(申込者を含む)"),
        min_value=1,
        max_value=PARTY_SIZE_MAX,
        initial=1,
        help_text=_("1から20までの数字で入力します。"),
    )
    accessibility_needs = forms.CharField(
        label=_("配慮が必要なこと"),
        required=False,
        max_length=1000,
        help_text=_("車いす、手話通訳、筆談など、必要なことがあればお書きください。"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, signup, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["email"]
            self.fields["name"].initial = getattr(user, "display_name", "") or ""
        if not signup.asks_phone:
            del self.fields["phone"]
        if not signup.asks_party_size:
            del self.fields["party_size"]
        if not signup.asks_accessibility:
            del self.fields["accessibility_needs"]
        self.prepare_fields()
