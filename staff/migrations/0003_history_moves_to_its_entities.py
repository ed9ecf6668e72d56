"""The staff's audit entries move into the history of the project or organisation they
concern; the desk keeps no table of its own."""

from django.db import migrations


def move_entries(apps, schema_editor):
    AuditEntry = apps.get_model("staff", "AuditEntry")
    Transition = apps.get_model("projects", "Transition")
    OrganizationTransition = apps.get_model("organizations", "OrganizationTransition")
    for entry in AuditEntry.objects.order_by("created_at", "id"):
        common = {
            "actor_id": entry.actor_id,
            "comment": entry.comment,
            "changes": entry.changes,
            "visibility": "parties" if entry.is_for_organization else "staff",
        }
        if entry.project_id:
            row = Transition.objects.create(project_id=entry.project_id, action=entry.action, **common)
            Transition.objects.filter(pk=row.pk).update(created_at=entry.created_at)
        elif entry.organization_id:
            row = OrganizationTransition.objects.create(
                organization_id=entry.organization_id, action=entry.action, **common
            )
            OrganizationTransition.objects.filter(pk=row.pk).update(created_at=entry.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_staff_groups"),
        ("projects", "0004_history"),
        ("organizations", "0004_history_and_desk_permissions"),
    ]

    operations = [
        migrations.RunPython(move_entries, migrations.RunPython.noop),
        migrations.DeleteModel(name="AuditEntry"),
    ]
