"""The self-check (事前チェック): the proposer's answers to the checklist of each principle,
a part of the proposal editor (registered as a proposal section in apps.py); and a party's
mutual evaluation (相互評価)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DatePartsField, PortalFormMixin, VersionedFormMixin
from portal.lifecycle import Comment

from .lifecycle import EVALUATION_LIFECYCLE
from .models import (
    ChecklistItem,
    Evaluation,
    EvaluationAction,
    Principle,
    Score,
    SelfCheckAnswer,
)


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
                label=item.label,
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


LOW_SCORES = (Score.HARDLY, Score.NOT)
COMMENT_FOR_LOW_SCORE = _(
    "「あまりできなかった」「できなかった」を選んだときは、理由をコメントに書いてください。"
)
NEEDED_TO_SUBMIT = _("提出するには、この項目を入力してください。")
SCORE_NEEDED_TO_SUBMIT = _("提出するには、評価を選んでください。")


class EvaluationForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    """A party's evaluation: each principle scored 1–4 with a comment (required for 1 and 2),
    outcomes, issues and a recommendation. A draft may leave things out; submitting
    (`submitting=True`) needs everything."""

    submit_required = ("outcomes", "issues", "recommendation")

    class Meta:
        model = Evaluation
        fields = ["outcomes", "issues", "recommendation"]
        widgets = {
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "issues": forms.Textarea(attrs={"rows": 4}),
            "recommendation": forms.RadioSelect,
        }
        help_texts = {
            "outcomes": _("協働によって得られた成果を書きます。"),
            "issues": _("協働を進めるうえでの課題や、改善したい点を書きます。"),
            "recommendation": _("この事業を今後どうするのがよいと考えるかを選びます。"),
        }

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["recommendation"].choices = list(self.fields["recommendation"].choices)[1:]
        self.principles_list = list(Principle.objects.all())
        existing = {}
        if self.instance.pk:
            existing = {score.principle_id: score for score in self.instance.scores.all()}
        for principle in self.principles_list:
            score = existing.get(principle.pk)
            self.fields[f"score_{principle.pk}"] = forms.TypedChoiceField(
                label=_("「%(name)s」の評価") % {"name": principle.label},
                choices=[(value, f"{value}: {label}") for value, label in Score.choices],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                required=False,
                initial=score.score if score else None,
            )
            self.fields[f"score_{principle.pk}"].mark = "required"
            self.fields[f"comment_{principle.pk}"] = forms.CharField(
                label=_("「%(name)s」についてのコメント") % {"name": principle.label},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
                help_text=_("「あまりできなかった」「できなかった」の場合は必須です。"),
            )
        self.prepare_fields()

    def clean(self):
        cleaned = super().clean()
        for principle in self.principles_list:
            score = cleaned.get(f"score_{principle.pk}")
            comment = (cleaned.get(f"comment_{principle.pk}") or "").strip()
            if score in LOW_SCORES and not comment:
                self.add_error(f"comment_{principle.pk}", COMMENT_FOR_LOW_SCORE)
            if self.submitting and not score and f"score_{principle.pk}" not in self.errors:
                self.add_error(f"score_{principle.pk}", SCORE_NEEDED_TO_SUBMIT)
        if self.submitting:
            for name in self.submit_required:
                if not (cleaned.get(name) or "").strip() and name not in self.errors:
                    self.add_error(name, NEEDED_TO_SUBMIT)
        return cleaned

    def principles(self):
        """Each principle with its two bound fields, for the template."""
        return [
            {
                "principle": principle,
                "score": self[f"score_{principle.pk}"],
                "comment": self[f"comment_{principle.pk}"],
            }
            for principle in self.principles_list
        ]


class DeclineForm(PortalFormMixin, forms.Form):
    """協働推進課 marks a party that never answered as declined; the reason is shown."""

    evaluation = forms.TypedChoiceField(
        label=_("辞退とする当事者"), coerce=int, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("辞退とする理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("評価の比較に、辞退の理由として公開されます。"),
    )

    def __init__(self, *args, evaluations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].choices = [(e.pk, e.party_name) for e in evaluations]


class PartiesForm(PortalFormMixin, forms.Form):
    """The city side acts on parties whose evaluation is still open: it reminds them or
    extends their deadline. Every open party is ticked at first."""

    parties = forms.TypedMultipleChoiceField(
        label=_("対象の当事者"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("対象の当事者を1つ以上選んでください。"),
            "invalid_choice": _(
                "選んだ当事者は、すでに提出したか辞退として扱われています。画面を更新してください。"
            ),
        },
    )

    def __init__(self, *args, evaluations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluations = {e.pk: e for e in evaluations}
        self.fields["parties"].choices = [(e.pk, e.party_name) for e in evaluations]
        self.fields["parties"].initial = list(self.evaluations)

    def chosen(self):
        return [self.evaluations[pk] for pk in self.cleaned_data["parties"]]


def action_comment_field(code, help_text):
    """The comment box of an evaluation action, labelled and required as the lifecycle table
    says (principles/lifecycle.py)."""
    action = EVALUATION_LIFECYCLE.action(code)
    return forms.CharField(
        label=action.comment_label,
        required=action.comment == Comment.REQUIRED,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
    )


class RemindForm(PartiesForm):
    prefix = "remind"  # one page holds both forms: their fields' ids must differ
    comment = action_comment_field(
        EvaluationAction.REMIND, _("催促のメールに、職員からのひと言として載ります。")
    )


class ExtendForm(PartiesForm):
    prefix = "extend"
    deadline = DatePartsField(label=_("新しい提出期限"))
    comment = action_comment_field(
        EvaluationAction.EXTEND, _("延長を知らせるメールと、相互評価の履歴に載ります。")
    )


class JointNotesForm(PortalFormMixin, forms.Form):
    """話し合いの結果: one text per point to discuss of the published comparison (the
    principles where the parties' scores differ by 2 or more). Any party writes them; the
    newest note's time travels with the form, so nobody overwrites another's words unseen."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        newest = max((row.note.updated_at for row in self.rows if row.note), default=None)
        self.fields["version"].initial = newest.isoformat() if newest else ""
        for row in self.rows:
            self.fields[f"note_{row.principle.pk}"] = forms.CharField(
                label=_("「%(name)s」についての話し合いの結果") % {"name": row.principle.label},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=row.note.text if row.note else "",
                help_text=_(
                    "当事者で話し合って分かったこと、次に向けて改善することを書きます。"
                    "事業のページで評価の比較の下に公開されます。空にすると消えます。"
                ),
            )
        self.prepare_fields()

    def notes(self):
        """{principle: text} of what was posted."""
        return {
            row.principle: (self.cleaned_data.get(f"note_{row.principle.pk}") or "").strip()
            for row in self.rows
        }

    def fields_by_row(self):
        return [(row, self[f"note_{row.principle.pk}"]) for row in self.rows]
