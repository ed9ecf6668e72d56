"""Writing the principles and their self-check items from the city profile (`load_city`)."""

from django.db import transaction

from .models import ChecklistItem, Principle


def principles_load(*, principles):
    """Write the principles, matched by code, and their checklist items, matched by text.

    An item whose text changed is a new question: the old one stays (answers refer to it)
    until a superuser sets it out of use. Items the file does not name are left as they are.
    """
    with transaction.atomic():
        for order, row in enumerate(principles, start=1):
            principle, _ = Principle.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "definition": row["definition"],
                    "explanation": row.get("explanation", ""),
                    "order": order,
                },
            )
            for item_order, text in enumerate(row.get("checklist", []), start=1):
                ChecklistItem.objects.update_or_create(
                    principle=principle,
                    text=text,
                    defaults={"order": item_order, "is_active": True},
                )
