"""One rule for every filtered list: no filter given shows everything, a valid filter
narrows it, an invalid one shows nothing (and the form explains why)."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from .forms import FiscalYearField, FiscalYearSelect
from .search import search


def filter_results(filterset):
    if not filterset.is_bound or filterset.is_valid():
        return filterset.qs
    return filterset.queryset.none()


def carried_filters(filterset, carried=(), name="q"):
    """(keyword, {filter: value}) of a filterset given nothing but the keyword `name` and
    filters in `carried` (the ones the kind's search documents repeat): a list the documents
    can count, and search, alone. The keyword is "" when none is given (no filter at all: the
    whole list). None when another filter is given or the filterset is invalid."""
    if not filterset.is_bound:
        return "", {}
    if not filterset.is_valid():
        return None
    given = {k: v for k, v in filterset.form.cleaned_data.items() if v not in EMPTY_VALUES}
    keyword = given.pop(name, "")
    if set(given) - set(carried):
        return None
    return keyword, given


def keyword_filter(*, then=(), also=()):
    """A filter method for `q`: the Japanese keyword search of portal/search.py, title
    matches first, then `then` (the list's own order)."""

    def method(queryset, name, value):
        return search(queryset, value, then=then, also=also)

    return method


class FiscalYearFilter(django_filters.Filter):
    """A 年度 chosen from 令和N年度(西暦), or typed as 2026, 令和8 or R8."""

    field_class = FiscalYearField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FiscalYearSelect(empty_label=_("すべて")))
        kwargs.setdefault("help_text", "")
        super().__init__(*args, **kwargs)


def related_exists(model, path, value):
    """The condition "the many-to-many relation at `path` (`fields`, `project__fields`) holds
    `value`", as an EXISTS subquery on the relation's table: a list filtered by it is never
    joined to the relation, so no row comes twice and no DISTINCT over whole rows is needed."""
    *steps, relation = path.split("__")
    for step in steps:
        model = model._meta.get_field(step).related_model
    field = model._meta.get_field(relation)
    rows = field.remote_field.through.objects.filter(
        **{
            field.m2m_field_name(): OuterRef("__".join(steps) or "pk"),
            field.m2m_reverse_field_name(): value,
        }
    )
    return Exists(rows)


class RelatedChoiceFilter(django_filters.ModelChoiceFilter):
    """One value of a many-valued relation (an activity field of a project, of its
    organisation), matched by `related_exists`."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(related_exists(qs.model, self.field_name, value))
