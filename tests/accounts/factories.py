"""Users for tests: verified e-mail, a known password, agreed to the policies in force."""

import itertools

from django.contrib.auth import get_user_model

_sequence = itertools.count(1)


def make_user(email=None, *, password="test-password-123", verified=True, consented=True, **extra):
    from allauth.account.models import EmailAddress

    from accounts import policies

    number = next(_sequence)
    email = email or f"user{number}@example.jp"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, **extra
    )
    if verified:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if consented:
        policies.consent_record(user=user, policies=policies.policies_in_force())
    return user
