"""A signed-in person agrees to the policies in force before anything else is possible."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .policies import needs_consent

# What stays open while consent is asked: the policies themselves, the consent page, logging
# out, and what is not a page of the portal (files, health check, the admin's own login).
OPEN_PREFIXES = (
    "/terms/",
    "/privacy/",
    "/accessibility/",
    "/accounts/consent/",
    "/accounts/logout/",
    "/static/",
    "/healthz",
    "/robots.txt",
    "/i18n/",
    "/admin/",
)


class PolicyConsentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: what stays open (the health check among it) never reads the session,
        # so it answers even while the session store is away.
        if request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and needs_consent(request):
            target = reverse("policy_consent")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
