"""Japanese calendar (和暦) and fiscal year (年度) helpers.

Dates are stored in 西暦; the public pages show 和暦 beside them. A fiscal year runs from
April to March and is named after the calendar year in which it starts.

Every helper here is total: whatever date or year is stored (a typo such as 年度 202, a
date in 1900 or in the year 9999) gets a label, in 西暦 where no era applies, so that one
odd row never takes a page down.
"""

import datetime
import re
import unicodedata

from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# (first Gregorian day written in the era, era name, 西暦 year of the era's first year);
# newest first. Japan adopted the Gregorian calendar on 明治6年1月1日 (1873-01-01): earlier
# dates are shown in 西暦 only (as JIS X 0301 does).
ERAS = (
    (datetime.date(2019, 5, 1), "令和", 2019),
    (datetime.date(1989, 1, 8), "平成", 1989),
    (datetime.date(1926, 12, 25), "昭和", 1926),
    (datetime.date(1912, 7, 30), "大正", 1912),
    (datetime.date(1873, 1, 1), "明治", 1868),
)


def era_year(date):
    """Return (era name, year within the era) for a date, or None before 明治6年."""
    for start, name, first_year in ERAS:
        if date >= start:
            return name, date.year - first_year + 1
    return None


def _year_label(number):
    return "元" if number == 1 else str(number)


def localtime(value):
    """An aware datetime in the portal's time zone; unchanged if it cannot be moved (at the
    very ends of the calendar) or is naive."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        try:
            return timezone.localtime(value)
        except OverflowError:
            return value
    return value


def local_date(value):
    """The calendar day of a date or datetime, in the portal's time zone."""
    if isinstance(value, datetime.datetime):
        return localtime(value).date()
    return value


def seireki_date(date):
    """2025年11月24日"""
    date = local_date(date)
    return _("%(year)s年%(month)s月%(day)s日") % {
        "year": date.year,
        "month": date.month,
        "day": date.day,
    }


def wareki_date(date):
    """令和7年11月24日; 西暦 for a date before any era the portal knows."""
    date = local_date(date)
    era = era_year(date)
    if era is None:
        return seireki_date(date)
    name, year = era
    return f"{name}{_year_label(year)}年{date.month}月{date.day}日"


WEEKDAYS = "月火水木金土日"


def in_english():
    """English pages write dates the English way rather than in 和暦."""
    return (get_language() or "").startswith("en")


def weekday_date(date):
    """令和8年12月12日(土) in Japanese, Sat 12 December 2026 in English; 西暦 before every
    era the portal knows. The weekday is the proleptic Gregorian one, as in the ISO date."""
    date = local_date(date)
    if in_english():
        return dateformat.format(date, "D j F Y")
    return f"{wareki_date(date)}({WEEKDAYS[date.weekday()]})"


def english_date(date):
    """1 May 2024: a date as the English interface writes it."""
    return dateformat.format(local_date(date), "j F Y")


def has_era(date):
    return era_year(local_date(date)) is not None


def wareki_month(date):
    """平成29年10月; 西暦 (1872年12月) before every era the portal knows."""
    era = era_year(date)
    if era is None:
        return f"{date.year}年{date.month}月"
    name, year = era
    return f"{name}{_year_label(year)}年{date.month}月"


def month_label(date):
    """令和8年12月 in Japanese, December 2026 in English."""
    date = local_date(date)
    if in_english():
        return dateformat.format(date, "F Y")
    return wareki_month(date)


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
    first_year = next(year for _start, name, year in ERAS if name == ERA_INITIALS.get(era, era))
    return first_year + (1 if number == "元" else int(number)) - 1


def fiscal_year_era(fiscal_year):
    """(era name, year within the era) of a fiscal year: the era in force on 1 April; None
    for a year no era covers (or no calendar holds)."""
    if not datetime.MINYEAR <= fiscal_year <= datetime.MAXYEAR:
        return None
    # 平成31年度 began in 平成 but is commonly written 令和元年度; follow the city's usage.
    if fiscal_year == 2019:
        return "令和", 1
    return era_year(datetime.date(fiscal_year, 4, 1))


def fiscal_year_label(fiscal_year):
    """令和7年度 for 2025; a year no era covers is named in 西暦: 西暦202年度."""
    era = fiscal_year_era(fiscal_year)
    if era is None:
        return _("西暦%(year)s年度") % {"year": fiscal_year}
    name, year = era
    return f"{name}{_year_label(year)}年度"


def fiscal_year_bounds(fiscal_year):
    """First and last day of a fiscal year (held within the calendar's limits)."""
    year = min(max(fiscal_year, datetime.MINYEAR), datetime.MAXYEAR - 1)
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def add_days(date, days):
    """`date` moved by `days`, held at the ends of the calendar; None stays None."""
    if date is None:
        return None
    try:
        return date + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min
