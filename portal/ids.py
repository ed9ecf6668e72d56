"""Numbers people send as ids (query strings, form fields, checkboxes) are looked up only when
the database can hold them.

SQLite refuses an integer beyond 64 bits with an OverflowError instead of finding nothing.
Django guards its own exact lookups on integer fields, but not `__in` (what a
ModelMultipleChoiceField asks) nor lookups through a relation; these helpers treat such a
number as what it is: an id that does not exist.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models


def fits(field, value, using="default"):
    """Whether `value` is a number the column of the integer `field` can hold (anything
    that is not an integer field, or not a number, is left to the field's own checks)."""
    if not isinstance(field, models.IntegerField):
        return True
    try:
        number = field.to_python(value)
    except ValidationError:
        return True
    if number is None:
        return True
    low, high = connections[using].ops.integer_field_range(field.get_internal_type())
    return (low is None or number >= low) and (high is None or number <= high)


def ids_in_range(values, model):
    """The values that are ids `model` could have, as integers; the others are dropped."""
    pk = model._meta.pk
    ids = []
    for value in values:
        text = str(value).strip()
        if text.isascii() and text.isdigit() and fits(pk, text):
            ids.append(int(text))
    return ids


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id the database cannot hold with its own
    message, as it refuses any other unknown id, instead of failing in the database."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, (str, int)) and not fits(key, item, self.queryset.db):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)
