"""Template helpers of the staff desk."""

import datetime

from django import template

from portal.templatetags.portal import jdate
from staff import permissions

register = template.Library()


@register.filter
def cell(value):
    """A table cell: dates in 和暦 with 西暦 beside them, nothing for empty values."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return jdate(value)
    return value


@register.simple_tag
def can_use_desk(user):
    return permissions.can_use_desk(user)


@register.simple_tag
def can_review(user):
    return permissions.can_review(user)
