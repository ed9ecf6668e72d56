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


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(1926, 12, 24), "大正15年12月24日"),
        (datetime.date(1912, 7, 30), "大正元年7月30日"),
        (datetime.date(1912, 7, 29), "明治45年7月29日"),
        (datetime.date(1900, 1, 1), "明治33年1月1日"),
        (datetime.date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_wareki_date_knows_taisho_and_meiji(date, expected):
    assert wareki.wareki_date(date) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(1872, 12, 31), "1872年12月31日"),
        (datetime.date(1, 1, 1), "1年1月1日"),
        (datetime.date(202, 4, 1), "202年4月1日"),
    ],
)
def test_wareki_date_before_every_known_era_is_written_in_seireki(date, expected):
    assert wareki.wareki_date(date) == expected


def test_wareki_date_accepts_datetimes_at_the_ends_of_the_calendar():
    latest = datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC)
    earliest = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
    assert wareki.wareki_date(latest) == "令和7981年12月31日"
    assert wareki.wareki_date(earliest) == "1年1月1日"


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (202, "西暦202年度"),
        (0, "西暦0年度"),
        (-5, "西暦-5年度"),
        (20255, "西暦20255年度"),
        (32767, "西暦32767年度"),
        (1872, "西暦1872年度"),
        (1900, "明治33年度"),
        (1925, "大正14年度"),
        (9999, "令和7981年度"),
    ],
)
def test_fiscal_year_label_is_total(year, label):
    assert wareki.fiscal_year_label(year) == label


@pytest.mark.parametrize("year", [0, 202, 9999, 20255, -1])
def test_fiscal_year_bounds_are_total(year):
    first, last = wareki.fiscal_year_bounds(year)
    assert first < last


@pytest.mark.parametrize(
    ("date", "days", "expected"),
    [
        (datetime.date(2025, 1, 31), 30, datetime.date(2025, 3, 2)),
        (datetime.date(9999, 12, 20), 30, datetime.date.max),
        (datetime.date(1, 1, 5), -30, datetime.date.min),
        (None, 30, None),
    ],
)
def test_add_days_is_held_at_the_ends_of_the_calendar(date, days, expected):
    assert wareki.add_days(date, days) == expected


def test_jdate_before_every_known_era_shows_seireki_once():
    html = jdate(datetime.date(1868, 1, 1))
    assert html == '<time datetime="1868-01-01">1868年1月1日</time>'


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1, 1, 1),
        datetime.date(9999, 12, 31),
        datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC),
        datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
    ],
)
def test_jdate_renders_any_date(value):
    assert "<time" in jdate(value)


def test_fiscal_year_filter_renders_any_stored_year():
    assert fiscal_year(202) == "西暦202年度"
    assert fiscal_year("20255") == "西暦20255年度"
    assert fiscal_year("not a year") == "not a year"


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
