"""The forms of open calls: the call with its scoring items and questions (staff), the start
of a proposal and its answers (organisations), a review and a declared conflict (reviewers),
appointing a reviewer and deciding 採択 / 不採択 (staff)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    DatePartsField,
    FiscalYearField,
    OnceFormMixin,
    PortalFormMixin,
    VersionedFormMixin,
    YenField,
)
from projects.models import Form

from .models import Call, Conflict, Question, Review, ScoringItem

MAX_ITEMS = 10
MAX_QUESTIONS = 10


class CallForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    date_ranges = [("opens_on", "closes_on")]

    fiscal_year = FiscalYearField(label=_("実施年度"))
    opens_on = DatePartsField(label=_("受付開始日"))
    closes_on = DatePartsField(label=_("受付締切日"))
    budget_ceiling = YenField(
        label=_("事業費の上限(円)"),
        required=False,
        help_text=_("1件あたりの上限です。上限を設けないときは空欄にします。"),
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "kind",
            "department",
            "theme",
            "description",
            "fiscal_year",
            "opens_on",
            "closes_on",
            "budget_ceiling",
            "result_summary",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "theme": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "result_summary": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Call.Kind.CITY and not cleaned.get("department"):
            self.add_error("department", _("行政提案型の募集では、担当課を選んでください。"))
        return cleaned


class ScoringItemForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = ScoringItem
        fields = ["name", "description", "max_points"]


class QuestionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "help_text", "is_required"]


class _OrderedFormSet(forms.BaseInlineFormSet):
    """Rows keep the order they are shown in; a row left empty is ignored."""

    def save(self, commit=True):
        saved = super().save(commit=False)
        for position, form in enumerate(self.forms):
            if form.instance.pk is None and not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            form.instance.order = position
            form.instance.save()
        for obj in self.deleted_objects:
            obj.delete()
        return saved


ScoringItemFormSet = forms.inlineformset_factory(
    Call,
    ScoringItem,
    form=ScoringItemForm,
    formset=_OrderedFormSet,
    extra=2,
    max_num=MAX_ITEMS,
    validate_max=True,
    can_delete=True,
)
QuestionFormSet = forms.inlineformset_factory(
    Call,
    Question,
    form=QuestionForm,
    formset=_OrderedFormSet,
    extra=2,
    max_num=MAX_QUESTIONS,
    validate_max=True,
    can_delete=True,
)


class ProposeForm(OnceFormMixin, PortalFormMixin, forms.Form):
    """The start of a proposal to a call: who proposes, in which form, under which name; the
    rest is written in the proposal editor."""

    organization = forms.ModelChoiceField(label=_("提案する団体"), queryset=None, empty_label=None)
    form = forms.ChoiceField(
        label=_("協働の形態"),
        choices=Form.choices,
        widget=forms.RadioSelect,
        help_text=_("この提案で市と協働する形です。あとから変えるときは協働推進課に相談します。"),
    )
    title = forms.CharField(label=_("事業名"), max_length=200)
    summary = forms.CharField(
        label=_("概要"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].label_from_instance = lambda organization: organization.name


class AnswersForm(PortalFormMixin, forms.Form):
    """The call's own questions. A draft may be saved with answers missing; submitting the
    proposal needs every required one (calls.sections)."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            field = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=answers.get(question.pk, ""),
            )
            field.mark = "required" if question.is_required else "optional"
            self.fields[f"q{question.pk}"] = field
        self.prepare_fields()

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "").strip() for q in self.questions}


class ReviewForm(PortalFormMixin, forms.Form):
    """A reviewer's scores: each item from 0 to its maximum, with a comment, and a summary."""

    def __init__(self, *args, items, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        scores = {s.item_id: s for s in review.scores.all()} if review else {}
        for item in self.items:
            score = scores.get(item.pk)
            points = forms.TypedChoiceField(
                label=_("%(name)s(%(max)s点満点)") % {"name": item.name, "max": item.max_points},
                help_text=item.description,
                coerce=int,
                choices=[("", _("選んでください"))]
                + [(n, _("%(n)s点") % {"n": n}) for n in range(item.max_points, -1, -1)],
                initial=score.points if score else "",
                error_messages={
                    "required": _("「%(name)s」の得点を選んでください。") % {"name": item.name}
                },
            )
            self.fields[f"points_{item.pk}"] = points
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("「%(name)s」のコメント") % {"name": item.name},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )
        self.fields["summary"] = forms.CharField(
            label=Review._meta.get_field("summary").verbose_name,
            help_text=Review._meta.get_field("summary").help_text,
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=review.summary if review else "",
        )
        self.prepare_fields()

    def rows(self):
        return [
            (item, self[f"points_{item.pk}"], self[f"comment_{item.pk}"]) for item in self.items
        ]

    def scores(self):
        return {
            item.pk: (
                self.cleaned_data[f"points_{item.pk}"],
                self.cleaned_data.get(f"comment_{item.pk}", "").strip(),
            )
            for item in self.items
        }


class ConflictForm(PortalFormMixin, forms.ModelForm):
    prefix = "conflict"

    class Meta:
        model = Conflict
        fields = ["reason"]
        help_texts = {"reason": _("例: 提案団体の役員と親族である、提案団体から報酬を受けている。")}


class AppointForm(PortalFormMixin, forms.Form):
    prefix = "appoint"

    email = forms.EmailField(
        label=_("審査委員のメールアドレス"),
        help_text=_(
            "ポータルのアカウントに登録されたメールアドレスです。外部の委員には、先に利用登録を"
            "お願いしてください。"
        ),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "このメールアドレスのアカウントはありません。審査委員となる方に利用登録を"
                    "お願いし、登録したメールアドレスを入力してください。"
                )
            )
        self.user = user
        return email


class DecisionForm(PortalFormMixin, forms.Form):
    ADOPT, REJECT = "adopt", "reject"

    decision = forms.ChoiceField(
        label=_("審査の結果"),
        choices=[(ADOPT, _("採択")), (REJECT, _("不採択"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("団体へのコメント"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不採択のときは、その理由が必要です。団体に届きます。"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("不採択の理由を入力してください。"))
        return cleaned
