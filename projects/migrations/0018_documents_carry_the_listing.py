import django.db.models.deletion
from django.db import migrations, models

from portal.search import gin_index


def fill(apps, schema_editor):
    """The documents of public projects say so (the public list's rule: a public state, not
    hidden, an approved lead organisation)."""
    Project = apps.get_model("projects", "Project")
    ProjectDocument = apps.get_model("projects", "ProjectDocument")
    public = Project.objects.filter(
        status__in=("published", "cancelled", "completed", "evaluated"),
        is_hidden=False,
        lead_organization__status="approved",
    )
    ProjectDocument.objects.filter(project__in=public).update(public=True)

    def of_project(name):
        return models.Subquery(
            Project.objects.filter(pk=models.OuterRef("pk")).values(name)[:1]
        )

    ProjectDocument.objects.update(
        **{
            name: of_project(name)
            for name in ("published_at", "form", "area_id", "fiscal_year", "status")
        }
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0017_public_index_with_cancelled"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectdocument",
            name="public",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="form",
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="area",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organizations.area",
            ),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="fiscal_year",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="projectdocument",
            name="status",
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        gin_index(
            "projects_projectdocument",
            where="public",
            name="projects_projectdocument_public_vector_gin",
        ),
    ]
