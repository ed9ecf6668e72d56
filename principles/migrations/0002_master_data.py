"""The seven principles with the guideline's definitions, and a first self-check list, from
the configured city profile (CITY_PROFILE, see docs/city-profile.md)."""

from django.db import migrations

from city import datafiles


def load(apps, schema_editor):
    Principle = apps.get_model("principles", "Principle")
    ChecklistItem = apps.get_model("principles", "ChecklistItem")
    for order, row in enumerate(datafiles.rows("principles"), start=1):
        principle, _ = Principle.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "definition": row["definition"],
                "explanation": row.get("explanation", ""),
                "order": order,
            },
        )
        if not principle.checklist_items.exists():
            for item_order, text in enumerate(row.get("checklist", []), start=1):
                ChecklistItem.objects.create(principle=principle, text=text, order=item_order)


class Migration(migrations.Migration):
    dependencies = [("principles", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
