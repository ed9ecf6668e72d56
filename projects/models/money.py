"""The money of a 補助: the lines of its 収支予算 (budget, at application) and of its 収支決算
(settlement, in the results report). One row per line holds both amounts, so that the
settlement puts each line's budget and actual side by side (projects/money.py adds them up)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Project


class BudgetSide(models.TextChoices):
    INCOME = "income", _("収入")
    EXPENSE = "expense", _("支出")


class IncomeCategory(models.TextChoices):
    CITY_SUBSIDY = "city_subsidy", _("市補助金")
    OWN_FUNDS = "own_funds", _("自己資金")
    FEES = "fees", _("参加費")
    SPONSORSHIP = "sponsorship", _("協賛金")
    OTHER_INCOME = "other_income", _("その他")


class ExpenseCategory(models.TextChoices):
    HONORARIA = "honoraria", _("報償費")
    SUPPLIES = "supplies", _("消耗品費")
    PRINTING = "printing", _("印刷製本費")
    RENTAL = "rental", _("使用料")
    INSURANCE = "insurance", _("保険料")
    OTHER_EXPENSE = "other_expense", _("その他")


CATEGORIES = {BudgetSide.INCOME: IncomeCategory, BudgetSide.EXPENSE: ExpenseCategory}


class BudgetLine(models.Model):
    """A line of a 補助's budget: planned at application (`planned_amount`), its actual
    amount reported with the results (`actual_amount`). A line the settlement adds (spent
    without being budgeted) has no planned amount."""

    Side = BudgetSide

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    side = models.CharField(_("収入・支出"), max_length=10, choices=BudgetSide.choices)
    category = models.CharField(
        _("区分"),
        max_length=20,
        choices=[*IncomeCategory.choices, *ExpenseCategory.choices],
    )
    description = models.CharField(_("内容"), max_length=200, blank=True)
    planned_amount = models.PositiveBigIntegerField(_("予算額(円)"), null=True, blank=True)
    actual_amount = models.PositiveBigIntegerField(_("決算額(円)"), null=True, blank=True)

    class Meta:
        ordering = ["side", "id"]
        verbose_name = _("収支の行")
        verbose_name_plural = _("収支の行")

    def __str__(self):
        return f"{self.get_category_display()} {self.description}".strip()

    @property
    def is_budgeted(self):
        return self.planned_amount is not None
