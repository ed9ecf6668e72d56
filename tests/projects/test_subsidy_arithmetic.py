"""The arithmetic of a 補助's money (projects/money.py), by property and by example."""

from hypothesis import given
from hypothesis import strategies as st

from projects import money

amounts = st.integers(min_value=0, max_value=10**10)
income_categories = st.sampled_from(["city_subsidy", "own_funds", "fees", "sponsorship"])
expense_categories = st.sampled_from(["honoraria", "supplies", "printing", "rental"])
incomes = st.lists(st.tuples(st.just("income"), income_categories, amounts), max_size=8)
expenses = st.lists(st.tuples(st.just("expense"), expense_categories, amounts), max_size=8)


@given(incomes, expenses)
def test_totals_add_every_line_of_its_side(income_lines, expense_lines):
    totals = money.totals([*income_lines, *expense_lines])
    assert totals.income == sum(amount for _s, _c, amount in income_lines)
    assert totals.expense == sum(amount for _s, _c, amount in expense_lines)
    assert totals.city_subsidy == sum(
        amount for _s, category, amount in income_lines if category == "city_subsidy"
    )
    assert totals.other_income + totals.city_subsidy == totals.income
    assert totals.uncovered == max(0, totals.expense - totals.other_income)


@given(incomes, expenses, amounts)
def test_the_requested_amount_may_be_what_the_other_income_leaves(
    income_lines, expense_lines, requested
):
    budget = money.totals([*income_lines, *expense_lines])
    problem = money.requested_amount_problem(requested, budget)
    assert (problem is None) == (requested <= max(0, budget.expense - budget.other_income))


@given(amounts, amounts, incomes, expenses)
def test_the_confirmed_amount_stays_within_granted_and_settlement(
    confirmed, granted, income_lines, expense_lines
):
    settlement = money.totals([*income_lines, *expense_lines])
    problems = money.confirmed_amount_problems(confirmed, granted, settlement)
    limit = money.confirmed_amount_limit(granted, settlement)
    assert (problems == []) == (confirmed <= limit)
    assert limit <= granted and limit <= settlement.uncovered


@given(amounts, amounts)
def test_the_refund_is_what_was_paid_beyond_the_confirmed_amount(granted, confirmed):
    paid = money.paid_amount(granted, advance_payment=True)
    refund = money.refund_amount(paid, confirmed)
    assert refund >= 0
    assert refund == (granted - confirmed if confirmed < granted else 0)
    assert confirmed + refund >= paid


@given(amounts, amounts)
def test_without_advance_payment_nothing_is_refunded(granted, confirmed):
    paid = money.paid_amount(granted, advance_payment=False)
    assert money.refund_amount(paid, confirmed) == 0


def test_a_budget_by_example():
    budget = money.totals(
        [
            ("income", "city_subsidy", 150_000),
            ("income", "fees", 50_000),
            ("income", "own_funds", 30_000),
            ("expense", "honoraria", 120_000),
            ("expense", "rental", 110_000),
        ]
    )
    assert (budget.income, budget.expense, budget.other_income) == (230_000, 230_000, 80_000)
    assert budget.uncovered == 150_000
    assert money.requested_amount_problem(150_000, budget) is None
    problem = money.requested_amount_problem(150_001, budget)
    assert "申請額(150,001円)" in problem and "150,000円以下" in problem


def test_a_settlement_by_example():
    settlement = money.totals(
        [
            ("income", "city_subsidy", 150_000),
            ("income", "fees", 42_000),
            ("expense", "honoraria", 120_000),
            ("expense", "rental", 90_000),
        ]
    )
    assert settlement.uncovered == 168_000
    assert money.confirmed_amount_limit(150_000, settlement) == 150_000
    assert money.confirmed_amount_problems(150_000, 150_000, settlement) == []
    assert money.confirmed_amount_problems(160_000, 150_000, settlement) == [
        "確定額(160,000円)は、交付決定額(150,000円)以下にしてください。"
    ]
    smaller = money.totals([("expense", "rental", 100_000), ("income", "fees", 10_000)])
    assert "90,000円" in money.confirmed_amount_problems(120_000, 150_000, smaller)[0]
    assert money.refund_amount(money.paid_amount(150_000, advance_payment=True), 120_000) == (
        30_000
    )
    assert money.refund_amount(150_000, None) == 0
