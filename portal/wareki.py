"""Japanese calendar (和暦) and fiscal year (年度) helpers.

Dates are stored in 西暦; the public pages show 和暦 beside them. A fiscal year runs from
April to March and is named after the calendar year in which it starts.
"""

import datetime
import re
import unicodedata

from django.utils import timezone

# (first day, era name); newest first.
ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
)


def era_year(date):
    """Return (era name, year within the era) for a date."""
    for start, name in ERAS:
        if date >= start:
            return name, date.year - start.year + 1
    raise ValueError("dates before 昭和 are not supported")


def _year_label(number):
    return "元" if number == 1 else str(number)


def wareki_date(date):
    """令和7年11月24日"""
    if isinstance(date, datetime.datetime):
        date = date.date()
    era, year = era_year(date)
    return f"{era}{_year_label(year)}年{date.month}月{date.day}日"


def fiscal_year_of(date):
    """The 年度 (as the 西暦 year it starts in) that a date belongs to."""
    return date.year if date.month >= 4 else date.year - 1


def current_fiscal_year(today=None):
    """The 年度 running today."""
    return fiscal_year_of(today or timezone.localdate())


def current_year():
    return timezone.localdate().year


ERA_INITIALS = {"R": "令和", "H": "平成", "S": "昭和"}
TYPED_YEAR = re.compile(r"(?P<era>令和|平成|昭和|[RHS])?(?P<number>元|\d{1,4})(?:年度|年)?")


def parse_year(text):
    """The 西暦 year of a year as people type it: 2026, 2026年度, 令和8, 令和8年度, R8,
    令和元年 (full-width characters too). None if the text is no year."""
    text = unicodedata.normalize("NFKC", str(text)).upper()
    match = TYPED_YEAR.fullmatch(re.sub(r"\s+", "", text))
    if not match:
        return None
    era, number = match["era"], match["number"]
    if era is None:
        return int(number) if len(number) == 4 else None
    if number != "元" and len(number) > 2:
        return None
    first_year = next(start.year for start, name in ERAS if name == ERA_INITIALS.get(era, era))
    return first_year + (1 if number == "元" else int(number)) - 1


def fiscal_year_label(fiscal_year):
    """令和7年度 for 2025. A fiscal year is named by the era in force on 1 April."""
    era, year = era_year(datetime.date(fiscal_year, 4, 1))
    # 平成31年度 began in 平成 but is commonly written 令和元年度; follow the city's usage.
    if fiscal_year == 2019:
        era, year = "令和", 1
    return f"{era}{_year_label(year)}年度"


def fiscal_year_bounds(fiscal_year):
    """First and last day of a fiscal year."""
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)
