"""Writing the six forms' guide from the city profile (`load_city`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Form, FormGuide


def form_guide_load(*, forms):
    """Write each form's definition, effect and examples, matched by the form's code."""
    unknown = [row.get("code") for row in forms if row.get("code") not in Form.values]
    if unknown:
        raise ValidationError(
            _("forms.toml: 協働の形態のコード %(codes)s は使えません(使えるのは %(known)s)。")
            % {"codes": ", ".join(map(str, unknown)), "known": ", ".join(Form.values)}
        )
    with transaction.atomic():
        for order, row in enumerate(forms, start=1):
            FormGuide.objects.update_or_create(
                form=row["code"],
                defaults={
                    "definition": row["definition"],
                    "effect": row.get("effect", ""),
                    "examples": "\n".join(row.get("examples", [])),
                    "order": order,
                },
            )
