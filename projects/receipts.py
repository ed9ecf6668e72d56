"""受付番号: the number a proposal is given when it is first submitted.

Numbers run per form and fiscal year, as the city's ledgers do: the form's short label, the
fiscal year in 令和 (R8 for 令和8年度) and a four-digit sequence, e.g. 後援-R8-0012. The
counter row of (form, fiscal year) is locked while it counts, so that submissions at the same
moment wait for one another and never share a number; the column is unique besides. A
resubmission keeps the number it was given.
"""

from django.utils import translation

from portal.sequences import take_next
from portal.wareki import fiscal_year_era

from .models import Form, ReceiptCounter

# The era's letter, as Japanese forms abbreviate it (R8 = 令和8年).
ERA_LETTERS = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T", "明治": "M"}


def fiscal_year_code(fiscal_year):
    """'R8' for the fiscal year starting in April 2026 (令和8年度)."""
    era = fiscal_year_era(fiscal_year)
    if era is None:
        return str(fiscal_year)
    name, year = era
    return f"{ERA_LETTERS[name]}{year}"


def format_number(form, fiscal_year, sequence):
    with translation.override("ja"):
        label = str(Form(form).label)
    return f"{label}-{fiscal_year_code(fiscal_year)}-{sequence:04d}"


def next_number(*, form, fiscal_year):
    """The next number of (form, fiscal year); call it inside the submission's transaction,
    so that the counter stays locked until the number is stored with its project."""
    sequence = take_next(ReceiptCounter, "last", form=form, fiscal_year=fiscal_year)
    return format_number(form, fiscal_year, sequence)
