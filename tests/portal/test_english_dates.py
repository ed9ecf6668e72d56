"""Dates in the English interface read 1 May 2024; in Japanese 令和6年5月1日 with 西暦 beside."""

import datetime

from django.template import Context, Template
from django.utils import translation


def render(value):
    return Template("{% load portal %}{{ value|jdate }}").render(Context({"value": value}))


def test_dates_read_in_the_interfaces_language():
    day = datetime.date(2024, 5, 1)
    with translation.override("en"):
        assert render(day) == '<time datetime="2024-05-01">1 May 2024</time>'
    with translation.override("ja"):
        assert "令和6年5月1日" in render(day)
        assert "2024年5月1日" in render(day)
    with translation.override("en"):
        assert render(None) == ""
        assert "1 January 1800" in render(datetime.date(1800, 1, 1))
