"""Template helpers for dates in 和暦 and fiscal years, used by every public page, and the
error summary of forms."""

from django import template
from django.utils.html import format_html

from portal import search, wareki
from portal.forms import ErrorSummary, FiscalYearField
from portal.forms import error_summary as build_error_summary

register = template.Library()


@register.filter
def highlight(value, query):
    """The text, escaped, with the words of the search `query` in <mark> (portal/search.py)."""
    return search.highlight(value, query)


@register.simple_tag(takes_context=True)
def highlighted(context, value):
    """`highlight` with the page's search query (`query` in the context, if any): the cards
    that lists, /search/ and other pages share use it."""
    return search.highlight(value, context.get("query", ""))


@register.filter
def wareki_date(value):
    """令和7年11月24日"""
    if not value:
        return ""
    return wareki.wareki_date(value)


@register.filter
def jdate(value):
    """A date for people: 令和7年11月24日 with 西暦 beside it, machine-readable (1 May 2024
    in the English interface). A date before every era the portal knows shows its 西暦 only."""
    if not value:
        return ""
    value = wareki.local_date(value)
    if wareki.in_english():  # 1 May 2024
        return format_html(
            '<time datetime="{}">{}</time>', value.isoformat(), wareki.english_date(value)
        )
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
    """An amount of money: 500,000円 (¥500,000 in English)."""
    from django.utils.translation import gettext

    if value in (None, ""):
        return ""
    return gettext("%(amount)s円") % {"amount": f"{int(value):,}"}


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


@register.simple_tag
def page_links(page):
    """The page numbers a list links to: the first, the last and two on each side of the
    current one, None where numbers are left out. Only these are looked at, so a list of
    4,000 pages costs its template no more than one of 10."""
    return [
        None if number == page.paginator.ELLIPSIS else number
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


@register.inclusion_tag("forms/error_summary.html")
def error_summary(*forms, entries=None):
    """The list of errors at the top of a form page: `{% error_summary form other_form %}`,
    or `{% error_summary entries=summary %}` with entries a view built."""
    if entries is None:
        entries = build_error_summary(*forms)
    return {"summary": entries if isinstance(entries, ErrorSummary) else ErrorSummary(entries)}


# --- Page titles (WCAG 2.4.2) --------------------------------------------------------------


def _has_errors(values, depth=0):
    """A form or formset among the values (or inside dicts and lists of them) that was
    validated and has errors."""
    from django.forms import BaseForm
    from django.forms.formsets import BaseFormSet

    for value in values:
        if isinstance(value, BaseForm):
            found = value.is_bound and bool(value._errors)
        elif isinstance(value, BaseFormSet):
            found = value.is_bound and value._errors is not None and bool(value.total_error_count())
        elif depth < 2 and isinstance(value, dict):
            found = _has_errors(value.values(), depth + 1)
        elif depth < 2 and isinstance(value, list | tuple):
            found = _has_errors(value, depth + 1)
        else:
            found = False
        if found:
            return True
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """「エラー: 」 before the title of a page sent back with errors, so that the title alone
    says the form was not accepted."""
    from django.utils.translation import gettext

    if context.get("action_error") or _has_errors(context.flatten().values()):
        return gettext("エラー: ")
    return ""


def active_filters(filterset):
    """The labels of what narrows a list: 「補助」「令和7年度」「「防災」」."""
    from django import forms as django_forms
    from django.utils.translation import gettext

    parts = []
    form = getattr(filterset, "form", None)
    if form is None or not form.is_bound:
        return parts
    form.is_valid()
    for name, value in getattr(form, "cleaned_data", {}).items():
        if value in (None, "", [], ()) or name == "page":
            continue
        field = form.fields[name]
        if isinstance(field.widget, django_forms.HiddenInput):
            continue
        if isinstance(field, FiscalYearField):
            parts.append(str(wareki.fiscal_year_label(value)))
        elif isinstance(field, django_forms.ModelChoiceField):
            parts.append(str(value))
        elif isinstance(field, django_forms.ChoiceField):
            labels = {str(key): label for key, label in field.choices}
            values = value if isinstance(value, list | tuple) else [value]
            parts.extend(str(labels.get(str(v), v)) for v in values)
        else:
            parts.append(gettext("「%(text)s」") % {"text": value})
    return parts


@register.simple_tag
def active_filter_count(filterset):
    return len(active_filters(filterset))


@register.simple_tag
def filter_title(filterset, page=None):
    """What narrows a list, for its title: 「(補助、令和7年度、「防災」、2ページ目)」."""
    from django.utils.translation import gettext

    parts = active_filters(filterset)
    number = getattr(page, "number", None)
    if number and number > 1:
        parts.append(gettext("%(number)sページ目") % {"number": number})
    if not parts:
        return ""
    return gettext("(%(filters)s)") % {"filters": gettext("、").join(parts)}
