"""One rule for every filtered list: no filter given shows everything, a valid filter
narrows it, an invalid one shows nothing (and the form explains why)."""

from django.db.models import Q


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
