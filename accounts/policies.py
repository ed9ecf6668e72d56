"""The policies in force and who agreed to them.

Sign-up records consent to the versions in force (accounts.forms.SignupForm); a signed-in person
who has not agreed to a version in force is asked to, before anything else
(accounts.middleware.PolicyConsentMiddleware). The versions in force are cached briefly; the
versions a person agreed to are remembered in their session, so that the check costs no query
on most requests.
"""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Consent, Policy, PolicyKind

CACHE_KEY = "accounts:policies_in_force"
CACHE_SECONDS = 60
SESSION_KEY = "accounts_policy_versions"


def policies_in_force(today=None):
    """The version in force of each policy (kinds with no version yet are left out), in the
    order of PolicyKind."""
    today = today or timezone.localdate()
    latest = {}
    for policy in Policy.objects.in_force(today).order_by("kind", "-version"):
        latest.setdefault(policy.kind, policy)
    return [latest[kind] for kind in PolicyKind.values if kind in latest]


def versions_in_force():
    """{kind: version} in force, cached (a new version applies within CACHE_SECONDS)."""
    versions = cache.get(CACHE_KEY)
    if versions is None:
        versions = {policy.kind: policy.version for policy in policies_in_force()}
        cache.set(CACHE_KEY, versions, CACHE_SECONDS)
    return versions


def forget_versions_in_force():
    cache.delete(CACHE_KEY)


def agreed_versions(user):
    """{kind: highest version} the user agreed to."""
    versions = {}
    for kind, version in Consent.objects.filter(user=user).values_list(
        "policy__kind", "policy__version"
    ):
        versions[kind] = max(version, versions.get(kind, 0))
    return versions


def missing(versions_agreed, versions_required):
    return {
        kind: version
        for kind, version in versions_required.items()
        if versions_agreed.get(kind, 0) < version
    }


def policies_to_agree(user):
    """The policies in force the user has not agreed to (in that version or a later one)."""
    needed = missing(agreed_versions(user), versions_in_force())
    return [policy for policy in policies_in_force() if policy.kind in needed]


def consent_record(*, user, policies, session=None):
    """Record that the user agreed to these versions now (agreeing twice keeps the first)."""
    for policy in policies:
        try:
            with transaction.atomic():
                Consent.objects.create(user=user, policy=policy)
        except IntegrityError:
            pass  # already agreed (a second tab, a double click)
    if session is not None:
        remember(session, agreed_versions(user))


def remember(session, versions):
    session[SESSION_KEY] = dict(versions)


def needs_consent(request):
    """Whether the signed-in person must agree to a version in force before going on."""
    required = versions_in_force()
    if not required:
        return False
    if not missing(request.session.get(SESSION_KEY) or {}, required):
        return False
    # Not in the session: perhaps agreed in another session, or a version since changed.
    agreed = agreed_versions(request.user)
    remember(request.session, agreed)
    return bool(missing(agreed, required))
