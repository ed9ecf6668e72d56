import datetime

import pytest

from portal import wareki
from portal.templatetags.portal import fiscal_year, jdate


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2025, 11, 24), "令和7年11月24日"),
        (datetime.date(2019, 5, 1), "令和元年5月1日"),
        (datetime.date(2019, 4, 30), "平成31年4月30日"),
        (datetime.date(1989, 1, 8), "平成元年1月8日"),
        (datetime.date(1989, 1, 7), "昭和64年1月7日"),
        (datetime.date(2005, 10, 1), "平成17年10月1日"),
    ],
)
def test_wareki_date_names_the_era_in_force(date, expected):
    assert wareki.wareki_date(date) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2025, 4, 1), 2025),
        (datetime.date(2026, 3, 31), 2025),
        (datetime.date(2026, 1, 15), 2025),
        (datetime.date(2025, 3, 31), 2024),
    ],
)
def test_fiscal_year_runs_from_april_to_march(date, expected):
    assert wareki.fiscal_year_of(date) == expected


@pytest.mark.parametrize(
    ("year", "label"),
    [(2025, "令和7年度"), (2019, "令和元年度"), (2020, "令和2年度"), (2018, "平成30年度")],
)
def test_fiscal_year_label(year, label):
    assert wareki.fiscal_year_label(year) == label


def test_fiscal_year_bounds():
    assert wareki.fiscal_year_bounds(2025) == (
        datetime.date(2025, 4, 1),
        datetime.date(2026, 3, 31),
    )


def test_jdate_shows_wareki_with_seireki_beside_it():
    html = jdate(datetime.date(2025, 11, 24))
    assert 'datetime="2025-11-24"' in html
    assert "令和7年11月24日" in html
    assert "2025年11月24日" in html


def test_fiscal_year_filter_accepts_strings_and_blanks():
    assert fiscal_year("2025") == "令和7年度"
    assert fiscal_year(None) == ""


def test_current_fiscal_year_changes_on_the_first_of_april():
    assert wareki.current_fiscal_year(datetime.date(2026, 3, 31)) == 2025
    assert wareki.current_fiscal_year(datetime.date(2026, 4, 1)) == 2026


@pytest.mark.parametrize(
    ("typed", "year"),
    [
        ("2026", 2026),
        ("２０２６年度", 2026),
        ("R8", 2026),
        ("r８", 2026),
        ("令和8", 2026),
        ("令和 8 年度", 2026),
        ("令和元年", 2019),
        ("H31", 2019),
        ("平成30年度", 2018),
        ("S64", 1989),
    ],
)
def test_typed_years_are_read_in_wareki_and_seireki(typed, year):
    assert wareki.parse_year(typed) == year


@pytest.mark.parametrize("typed", ["", "R", "令和", "26", "20255", "R123", "来年", "2026-04"])
def test_text_that_is_no_year_is_none(typed):
    assert wareki.parse_year(typed) is None
