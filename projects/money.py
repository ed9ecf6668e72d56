"""The arithmetic of a 補助's money: the totals of its 収支予算 and 収支決算, the check of the
requested amount against the budget, the limits of the confirmed amount (確定額) and the
refund (返還額). Pure functions of amounts in yen (integers), so that they are tested alone.

- 申請額 ≤ 支出合計 − その他の収入 (every income but the city's subsidy itself): the city
  pays at most what the other income leaves uncovered.
- 確定額 ≤ 交付決定額, and ≤ 実際の支出合計 − 実際のその他の収入.
- 返還額 = 支払済額 − 確定額 when positive. 支払済額 is the 交付決定額 when the city paid in
  advance (概算払, SubsidyDetail.advance_payment); otherwise (精算払) the city pays the
  confirmed amount after it is set, and nothing is refunded.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import BudgetLine, BudgetSide, IncomeCategory


def yen(amount):
    return f"{int(amount):,}円"


@dataclass(frozen=True)
class Totals:
    income: int
    expense: int
    city_subsidy: int  # the income line(s) 市補助金

    @property
    def other_income(self):
        return self.income - self.city_subsidy

    @property
    def uncovered(self):
        """What the expenses leave to the city: never below zero."""
        return max(0, self.expense - self.other_income)

    @property
    def balance(self):
        return self.income - self.expense


def totals(lines, *, actual=False):
    """The totals of (side, category, amount) triples or BudgetLine rows; empty amounts
    count as zero. `actual` adds the settlement's amounts instead of the budget's."""
    income = expense = city = 0
    for line in lines:
        if isinstance(line, BudgetLine):
            amount = line.actual_amount if actual else line.planned_amount
            side, category = line.side, line.category
        else:
            side, category, amount = line
        amount = amount or 0
        if side == BudgetSide.INCOME:
            income += amount
            if category == IncomeCategory.CITY_SUBSIDY:
                city += amount
        else:
            expense += amount
    return Totals(income=income, expense=expense, city_subsidy=city)


def requested_amount_problem(requested, budget):
    """The error if the requested amount is more than the budget leaves uncovered."""
    if requested is None or requested <= budget.uncovered:
        return None
    return _(
        "申請額(%(requested)s)が、収支予算の支出合計(%(expense)s)から市補助金以外の収入"
        "(%(other)s)を引いた額(%(limit)s)を超えています。申請額を%(limit)s以下にするか、"
        "収支予算を直してください。"
    ) % {
        "requested": yen(requested),
        "expense": yen(budget.expense),
        "other": yen(budget.other_income),
        "limit": yen(budget.uncovered),
    }


def confirmed_amount_limit(granted, settlement):
    """The most the confirmed amount may be: the granted amount, and what the actual
    expenses leave uncovered by the other actual income."""
    if granted is None:
        return settlement.uncovered
    return min(granted, settlement.uncovered)


def confirmed_amount_problems(confirmed, granted, settlement):
    """What is wrong with a confirmed amount (empty list: nothing)."""
    if confirmed is None:
        return []
    problems = []
    if granted is None:
        problems.append(_("確定額を入力する前に、交付決定額を入力してください。"))
    elif confirmed > granted:
        problems.append(
            _("確定額(%(confirmed)s)は、交付決定額(%(granted)s)以下にしてください。")
            % {"confirmed": yen(confirmed), "granted": yen(granted)}
        )
    if confirmed > settlement.uncovered:
        problems.append(
            _(
                "確定額(%(confirmed)s)が、収支決算の支出合計(%(expense)s)から市補助金以外の"
                "収入(%(other)s)を引いた額(%(limit)s)を超えています。"
            )
            % {
                "confirmed": yen(confirmed),
                "expense": yen(settlement.expense),
                "other": yen(settlement.other_income),
                "limit": yen(settlement.uncovered),
            }
        )
    return problems


def paid_amount(granted, *, advance_payment):
    """What the city paid before the amount was confirmed."""
    return (granted or 0) if advance_payment else 0


def refund_amount(paid, confirmed):
    """返還額: what the organisation pays back (0 when nothing is to be refunded)."""
    if confirmed is None:
        return 0
    return max(0, paid - confirmed)


@dataclass(frozen=True)
class Money:
    """What the pages show of a 補助's money."""

    budget: Totals
    settlement: Totals
    granted: int | None
    confirmed: int | None
    paid: int
    refund: int
    lines: list

    @property
    def sides(self):
        return BudgetSide.choices


def money_of(subsidy, lines):
    """The figures of a SubsidyDetail (or None) and its BudgetLine rows."""
    granted = subsidy.granted_amount if subsidy else None
    confirmed = subsidy.confirmed_amount if subsidy else None
    paid = paid_amount(granted, advance_payment=bool(subsidy and subsidy.advance_payment))
    return Money(
        budget=totals(lines),
        settlement=totals(lines, actual=True),
        granted=granted,
        confirmed=confirmed,
        paid=paid,
        refund=refund_amount(paid, confirmed),
        lines=list(lines),
    )
