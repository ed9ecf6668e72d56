"""Template helpers for dates in 和暦 and fiscal years, used by every public page, and the
error summary of forms."""

from django import template
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
    """A date for people: 令和7年11月24日 with 西暦 beside it, machine-readable. A date
    before every era the portal knows shows its 西暦 only."""
    if not value:
        return ""
    value = wareki.local_date(value)
    if not wareki.has_era(value):
        return format_html(
            '<time datetime="{}">{}</time>', value.isoformat(), wareki.seireki_date(value)
        )
    return format_html(
        '<time datetime="{}">{}<span class="seireki">({})</span></time>',
        value.isoformat(),
        wareki.wareki_date(value),
        wareki.seireki_date(value),
    )


@register.filter
def jdate_weekday(value):
    """A date with its day of the week: 令和8年12月12日(土) with 西暦 beside it (Sat 12
    December 2026 in English), machine-readable; empty for no date."""
    if not value:
        return ""
    value = wareki.local_date(value)
    label = wareki.weekday_date(value)
    if wareki.in_english() or not wareki.has_era(value):
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), label)
    return format_html(
        '<time datetime="{}">{}<span class="seireki">({})</span></time>',
        value.isoformat(),
        label,
        wareki.seireki_date(value),
    )


@register.filter
def fiscal_year(value):
    """令和7年度 for 2025 (西暦202年度 for a year no era covers)."""
    if value in (None, ""):
        return ""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return str(value)
    return wareki.fiscal_year_label(year)


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
