"""The self-check (事前チェック): the proposer's answers to the checklist of each principle,
a part of the proposal editor (registered as a proposal section in apps.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalFormMixin

from .models import ChecklistItem, SelfCheckAnswer


class SelfCheckForm(PortalFormMixin, forms.Form):
    """One answer (はい / 一部 / いいえ) and an optional note per active checklist item."""

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(ChecklistItem.objects.filter(is_active=True).select_related("principle"))
        existing = {}
        if project is not None and project.pk:
            existing = {answer.item_id: answer for answer in project.self_check_answers.all()}
        for item in self.items:
            answer = existing.get(item.pk)
            self.fields[f"answer_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=SelfCheckAnswer.Answer.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=answer.answer if answer else None,
            )
            # Every item needs an answer before submitting, none for a draft.
            self.fields[f"answer_{item.pk}"].mark = "required"
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("補足"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.note if answer else "",
                help_text=_("「一部」「いいえ」の場合は、理由や今後の予定を書きます。"),
            )
        self.prepare_fields()  # again, now that the fields exist

    def principles(self):
        """The items grouped by principle, each with its two bound fields, for the template."""
        groups = []
        for item in self.items:
            if not groups or groups[-1]["principle"].pk != item.principle_id:
                groups.append({"principle": item.principle, "rows": []})
            groups[-1]["rows"].append(
                {"item": item, "answer": self[f"answer_{item.pk}"], "note": self[f"note_{item.pk}"]}
            )
        return groups
