"""Japanese calendar (和暦) and fiscal year (年度) helpers.

Dates are stored in 西暦; the public pages show 和暦 beside them. A fiscal year runs from
April to March and is named after the calendar year in which it starts.
"""

import datetime

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


def wareki_month(date):
    """平成29年10月"""
    era, year = era_year(date)
    return f"{era}{_year_label(year)}年{date.month}月"


def fiscal_year_of(date):
    """The 年度 (as the 西暦 year it starts in) that a date belongs to."""
    return date.year if date.month >= 4 else date.year - 1


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
