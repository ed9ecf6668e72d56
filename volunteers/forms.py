from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models import VolunteerApplication, VolunteerRequest


class VolunteerRequestForm(forms.ModelForm):
    class Meta:
        model = VolunteerRequest
        fields = [
            "role",
            "starts_on",
            "ends_on",
            "place",
            "people",
            "skills",
            "description",
            "project",
            "is_open",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "starts_on": _(
                "1日だけの活動は「から」だけを入力します。日が決まっていなければ空欄にします。"
            ),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["project"].queryset = Project.objects.public().filter(
            lead_organization=organization
        )
        self.fields["project"].required = False
        self.fields["people"].min_value = 1

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if ends_on and not starts_on:
            self.add_error(
                "starts_on", _("終わりの日を入れるときは、始まりの日も入力してください。")
            )
        elif ends_on and starts_on and ends_on < starts_on:
            self.add_error("ends_on", _("終わりの日は始まりの日より後にしてください。"))
        return data


class VolunteerApplicationForm(forms.ModelForm):
    class Meta:
        model = VolunteerApplication
        fields = ["message"]
        help_texts = {
            "message": _("団体への自己紹介や、参加できる日時などを書いてください。"),
        }


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("回答"),
        choices=[("accept", _("受入")), ("decline", _("お断り"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("応募者へのメッセージ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
