"""Writing the principles and their self-check items from the city profile (`load_city`)."""

from django.db import transaction

from .models import ChecklistItem, Principle, SelfCheckAnswer


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


def self_check_save(form, project):
    """Keep the self-check answers of a (valid) SelfCheckForm; an item left empty has none."""
    for item in form.items:
        answer = form.cleaned_data.get(f"answer_{item.pk}") or ""
        note = form.cleaned_data.get(f"note_{item.pk}") or ""
        if not answer and not note:
            SelfCheckAnswer.objects.filter(project=project, item=item).delete()
            continue
        SelfCheckAnswer.objects.update_or_create(
            project=project, item=item, defaults={"answer": answer, "note": note}
        )
