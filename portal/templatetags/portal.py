"""Template helpers for dates in 和暦 and fiscal years, used by every public page, and the
error summary of forms."""

import datetime

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

from portal import wareki
from portal.forms import ErrorSummary
from portal.forms import error_summary as build_error_summary

register = template.Library()


@register.filter
def wareki_date(value):
    """令和7年11月24日"""
    if not value:
        return ""
    return wareki.wareki_date(value)


@register.filter
def jdate(value):
    """A date for people: 令和7年11月24日 with 西暦 beside it, machine-readable."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_html(
        '<time datetime="{}">{}<span class="seireki">({})</span></time>',
        value.isoformat(),
        wareki.wareki_date(value),
        date_format(value, "Y年n月j日"),
    )


@register.filter
def fiscal_year(value):
    """令和7年度 for 2025."""
    if value in (None, ""):
        return ""
    return wareki.fiscal_year_label(int(value))


@register.filter
def yen(value):
    if value in (None, ""):
        return ""
    return f"{int(value):,}円"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, val in changes.items():
        if val in (None, ""):
            params.pop(key, None)
        else:
            params[key] = val
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("forms/error_summary.html")
def error_summary(*forms, entries=None):
    """The list of errors at the top of a form page: `{% error_summary form other_form %}`,
    or `{% error_summary entries=summary %}` with entries a view built."""
    if entries is None:
        entries = build_error_summary(*forms)
    return {"summary": entries if isinstance(entries, ErrorSummary) else ErrorSummary(entries)}
