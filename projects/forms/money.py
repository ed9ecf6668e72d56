"""Forms of a 補助's money: the lines of its 収支予算 in the proposal editor, and of its 収支決算
in the results report (the same rows, with their actual amounts)."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalFormMixin, YenField

from ..models import CATEGORIES, BudgetLine, BudgetSide, Project
from .proposal import ROWS, RowsFormSet


class BudgetLineForm(PortalFormMixin, forms.ModelForm):
    """A line of the budget: its category among the side's, what it is, and the amount."""

    side = None

    planned_amount = YenField(label=_("予算額(円)"), required=False)

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "planned_amount"]
        help_texts = {"description": _("例: 講師謝礼、チラシ印刷、会場使用料")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("(選んでください)")),
            *CATEGORIES[self.side].choices,
        ]
        self.fields["category"].required = False  # asked in clean, in the portal's words

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("DELETE"):
            return cleaned_data
        if not cleaned_data.get("category") and "category" not in self.errors:
            self.add_error("category", _("区分を選んでください。"))
        if cleaned_data.get("planned_amount") is None and "planned_amount" not in self.errors:
            self.add_error("planned_amount", _("金額を半角数字で入力してください(例: 30000)。"))
        return cleaned_data

    def save(self, commit=True):
        self.instance.side = self.side
        return super().save(commit=commit)


class IncomeLineForm(BudgetLineForm):
    side = BudgetSide.INCOME


class ExpenseLineForm(BudgetLineForm):
    side = BudgetSide.EXPENSE


class BudgetLinesFormSet(RowsFormSet):
    """The lines of one side of the budget (収入 or 支出)."""

    side = None

    def get_queryset(self):
        return super().get_queryset().filter(side=self.side)


def _budget_formset(form, side):
    return inlineformset_factory(
        Project,
        BudgetLine,
        form=form,
        fields=["category", "description", "planned_amount"],
        **{
            **ROWS,
            "formset": type(f"{side.title()}LinesFormSet", (BudgetLinesFormSet,), {"side": side}),
        },
    )


IncomeFormSet = _budget_formset(IncomeLineForm, BudgetSide.INCOME)
ExpenseFormSet = _budget_formset(ExpenseLineForm, BudgetSide.EXPENSE)
# The editor's parts of a 補助 (prefix: formset class), beside partners and events.
BUDGET_FORMSETS = {"income": IncomeFormSet, "expenses": ExpenseFormSet}


# --- The 収支決算: the budget's lines with their actual amounts ------------------------------


class SettlementLineForm(PortalFormMixin, forms.ModelForm):
    """A line of the settlement. A budgeted line keeps its category and description (the
    budget was decided on them) and takes its actual amount; a line added here is spent
    without having been budgeted, and says what it is."""

    side = None

    actual_amount = YenField(label=_("決算額(円)"), required=False)

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "actual_amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("(選んでください)")),
            *CATEGORIES[self.side].choices,
        ]
        self.fields["category"].required = False  # asked in clean, in the portal's words
        if self.instance.pk and self.instance.is_budgeted:
            self.fields["category"].disabled = True
            self.fields["description"].disabled = True
            self.fields["actual_amount"].help_text = _("予算額: %(amount)s円") % {
                "amount": f"{self.instance.planned_amount:,}"
            }

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("DELETE") or self.instance.is_budgeted:
            return cleaned_data
        if not cleaned_data.get("category") and "category" not in self.errors:
            self.add_error("category", _("区分を選んでください。"))
        if cleaned_data.get("actual_amount") is None and "actual_amount" not in self.errors:
            self.add_error("actual_amount", _("金額を半角数字で入力してください(例: 30000)。"))
        return cleaned_data

    def save(self, commit=True):
        self.instance.side = self.side
        return super().save(commit=commit)


class SettlementLinesFormSet(BudgetLinesFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if form.instance.pk and form.instance.is_budgeted:
            # The budget decided on it stays; only its actual amount is the report's.
            del form.fields["DELETE"]

    def _should_delete_form(self, form):
        # A budgeted line stays: its actual amount is emptied, never the budget itself.
        return super()._should_delete_form(form) and not form.instance.is_budgeted


def _settlement_formset(side):
    form = type(f"{side.title()}SettlementLineForm", (SettlementLineForm,), {"side": side})
    formset = type(f"{side.title()}SettlementFormSet", (SettlementLinesFormSet,), {"side": side})
    return inlineformset_factory(
        Project,
        BudgetLine,
        form=form,
        fields=["category", "description", "actual_amount"],
        **{**ROWS, "formset": formset},
    )


# The report's parts of a 補助 (prefix: formset class).
SETTLEMENT_FORMSETS = {
    "actual_income": _settlement_formset(BudgetSide.INCOME),
    "actual_expenses": _settlement_formset(BudgetSide.EXPENSE),
}
