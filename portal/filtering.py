"""One rule for every filtered list: no filter given shows everything, a valid filter
narrows it, an invalid one shows nothing (and the form explains why)."""


def filter_results(filterset):
    if not filterset.is_bound or filterset.is_valid():
        return filterset.qs
    return filterset.queryset.none()
