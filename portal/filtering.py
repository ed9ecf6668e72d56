"""One rule for every filtered list: no filter given shows everything, a valid filter
narrows it, an invalid one shows nothing (and the form explains why)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import FiscalYearField, FiscalYearSelect


def filter_results(filterset):
    if not filterset.is_bound or filterset.is_valid():
        return filterset.qs
    return filterset.queryset.none()


def keyword_filter(fields):
    """A filter method matching every whitespace-separated word in any of `fields`."""

    def method(queryset, name, value):
        for word in value.split()[:10]:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset

    return method


class FiscalYearFilter(django_filters.Filter):
    """A 年度 chosen from 令和N年度(西暦), or typed as 2026, 令和8 or R8."""

    field_class = FiscalYearField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FiscalYearSelect(empty_label=_("すべて")))
        kwargs.setdefault("help_text", "")
        super().__init__(*args, **kwargs)
