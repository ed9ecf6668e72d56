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
    published_at = Project.objects.filter(pk=models.OuterRef("pk")).values("published_at")[:1]
    ProjectDocument.objects.filter(project__in=public).update(
        public=True, published_at=models.Subquery(published_at)
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
        migrations.RunPython(fill, migrations.RunPython.noop),
        gin_index(
            "projects_projectdocument",
            where="public",
            name="projects_projectdocument_public_vector_gin",
        ),
    ]
