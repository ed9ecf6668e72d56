from django import template

from accounts.models import display_name_of

register = template.Library()


@register.filter
def display_name(user):
    """{{ user|display_name }}: the user's chosen display name, never their e-mail."""
    return display_name_of(user)
