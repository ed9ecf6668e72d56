"""The one security header Django's SecurityMiddleware does not set: Permissions-Policy."""

from django.conf import settings


def permissions_policy_header(policy):
    """`{"camera": [], "fullscreen": ["self"]}` as `camera=(), fullscreen=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Sets PERMISSIONS_POLICY on every response that does not carry its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
