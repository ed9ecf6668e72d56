import datetime

import pytest
from django.utils import translation

from portal import wareki
from portal.templatetags.portal import jdate_weekday


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2026, 12, 12), "令和8年12月12日(土)"),
        (datetime.date(2019, 4, 30), "平成31年4月30日(火)"),
        (datetime.date(2019, 5, 1), "令和元年5月1日(水)"),
        (datetime.date(1989, 1, 7), "昭和64年1月7日(土)"),
        (datetime.date(1989, 1, 8), "平成元年1月8日(日)"),
        (datetime.date(1, 1, 1), "1年1月1日(月)"),
        (datetime.date(9999, 12, 31), "令和7981年12月31日(金)"),
    ],
)
def test_weekday_date_names_the_era_and_the_day_of_the_week(date, expected):
    assert wareki.weekday_date(date) == expected


def test_weekday_date_is_english_in_english():
    with translation.override("en"):
        assert wareki.weekday_date(datetime.date(2026, 12, 12)) == "Sat 12 December 2026"


def test_jdate_weekday_marks_the_iso_date_and_shows_seireki_beside_it():
    html = jdate_weekday(datetime.date(2026, 12, 12))
    assert html == (
        '<time datetime="2026-12-12">令和8年12月12日(土)'
        '<span class="seireki">(2026年12月12日)</span></time>'
    )


def test_jdate_weekday_in_english_has_no_wareki():
    with translation.override("en"):
        html = jdate_weekday(datetime.date(2026, 12, 12))
    assert html == '<time datetime="2026-12-12">Sat 12 December 2026</time>'


@pytest.mark.parametrize("value", [None, ""])
def test_jdate_weekday_of_no_date_is_empty(value):
    assert jdate_weekday(value) == ""


def test_jdate_weekday_takes_a_datetime_as_its_day_in_tokyo():
    late_utc = datetime.datetime(2026, 12, 11, 16, 0, tzinfo=datetime.UTC)  # 01:00 in Tokyo
    assert "令和8年12月12日(土)" in jdate_weekday(late_utc)


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.UTC),
        datetime.datetime(1, 1, 1, tzinfo=datetime.UTC),
        datetime.date.min,
        datetime.date.max,
    ],
)
def test_jdate_weekday_is_total_at_the_ends_of_the_calendar(value):
    assert "<time" in jdate_weekday(value)
    with translation.override("en"):
        assert "<time" in jdate_weekday(value)


def test_jdate_weekday_before_every_era_is_in_seireki_only():
    html = jdate_weekday(datetime.date(1872, 12, 31))
    assert html == '<time datetime="1872-12-31">1872年12月31日(火)</time>'
