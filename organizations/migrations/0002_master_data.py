"""Master data of the configured city profile (CITY_PROFILE, see docs/city-profile.md):
the 20 fields of the NPO Act (別表), the city's areas, its coordinating department."""

from django.db import migrations

from city import datafiles


def load(apps, schema_editor):
    ActivityField = apps.get_model("organizations", "ActivityField")
    Area = apps.get_model("organizations", "Area")
    Department = apps.get_model("organizations", "Department")
    for order, row in enumerate(datafiles.rows("fields"), start=1):
        ActivityField.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "order": order}
        )
    for order, row in enumerate(datafiles.rows("areas"), start=1):
        Area.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "order": order})
    for order, row in enumerate(datafiles.rows("departments"), start=1):
        Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "is_coordinating": row.get("is_coordinating", False),
                "phone": row.get("phone", ""),
                "email": row.get("email", ""),
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
