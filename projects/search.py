"""The search documents of projects and events: what their public pages show, kept current on
every save of the project, its partners, fields, lead organisation and events."""

from django.db import connections, router
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from organizations.models import ActivityField, Organization
from portal.search import Index, PublicResults, joined

from .models import Event, EventDocument, Partner, Project, ProjectDocument


def _field_names(fields):
    return [name for field in fields for name in (field.short_name, field.name)]


def project_text(project):
    # Only the partners the project page shows (Partner.is_public).
    partners = [p.display_name for p in project.partners.all() if p.is_public]
    return project.title, joined(
        project.summary,
        project.purpose,
        project.expected_effect,
        project.place,
        project.lead_organization.name,
        *partners,
        *_field_names(project.fields.all()),
        project.area.name if project.area_id else "",
    )


def event_text(event):
    project = event.project
    return event.title, joined(
        event.description,
        event.place,
        event.address,
        project.title,
        project.lead_organization.name,
    )


# The public list's filters its documents carry: the filter's name, the field on both.
CARRIED = {"form": "form", "area": "area", "year": "fiscal_year", "status": "status"}


def project_listing(project):
    """What the public list filters and orders by, repeated on the document."""
    return {
        "public": project.is_public,
        "published_at": project.published_at,
        "form": project.form,
        "area_id": project.area_id,
        "fiscal_year": project.fiscal_year,
        "status": project.status,
    }


PROJECTS = Index(
    ProjectDocument,
    project_text,
    objects=lambda: Project.objects.select_related("lead_organization", "area").prefetch_related(
        "fields", Prefetch("partners", queryset=Partner.objects.select_related("organization"))
    ),
    extra=project_listing,
)


def _carried_fields(carried):
    return {CARRIED[name]: value for name, value in (carried or {}).items()}


def public_results(query, objects, carried=None):
    """A search of the public project list (`objects`: the public queryset the page reads,
    with its card data), narrowed by `carried` ({filter name: value} of CARRIED), from the
    documents alone, in the list's order. The page's projects are fetched through `objects`
    narrowed by the same filters, which have the last word."""
    fields = _carried_fields(carried)
    return PublicResults(
        ProjectDocument.objects.filter(**fields),
        objects.filter(**fields),
        query,
        order=("-published_at", "-project_id"),
    )


def public_documents(carried=None):
    """The documents of the public projects, narrowed by `carried`: what counts the public
    list with those filters, from a partial index alone (ProjectDocument's Meta)."""
    return ProjectDocument.objects.filter(public=True, **_carried_fields(carried))


def public_years():
    """The 年度 of the public projects, newest first, from the documents' index of them: one
    probe a year (a recursive query taking each next lower year), not a read of every row."""
    connection = connections[router.db_for_read(ProjectDocument)]
    table = connection.ops.quote_name(ProjectDocument._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE years(year) AS (
                SELECT MAX(fiscal_year) FROM {table} WHERE public
                UNION ALL
                SELECT (SELECT MAX(fiscal_year) FROM {table}
                        WHERE public AND fiscal_year < years.year)
                FROM years WHERE years.year IS NOT NULL
            )
            SELECT year FROM years WHERE year IS NOT NULL
            """
        )
        return [year for (year,) in cursor.fetchall()]


EVENTS = Index(
    EventDocument,
    event_text,
    objects=lambda: Event.objects.select_related("project__lead_organization"),
)


def update_project(project):
    PROJECTS.update(project)
    for event in project.events.select_related("project__lead_organization"):
        EVENTS.update(event)


def _projects_of(organization):
    partnered = Partner.objects.filter(project=OuterRef("pk"), organization=organization)
    return Project.objects.filter(Q(lead_organization=organization) | Q(Exists(partnered)))


def _on_project_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        update_project(instance)


def _on_partner_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    project = Project.objects.filter(pk=instance.project_id).first()
    if project is not None:
        PROJECTS.update(project)


def _on_fields_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        PROJECTS.update(instance)
        return
    for project in Project.objects.filter(pk__in=pk_set or ()):
        PROJECTS.update(project)


def _on_organization_saved(sender, instance, raw=False, **kwargs):
    # Its name is in its projects' and their events' documents; its approval decides whether
    # it is named as a partner.
    if not raw:
        for project in _projects_of(instance):
            update_project(project)


def _on_field_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        for project in instance.projects.all():
            PROJECTS.update(project)


def _on_event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        EVENTS.update(instance)


def connect():
    post_save.connect(_on_project_saved, sender=Project, dispatch_uid="search_project")
    post_save.connect(_on_partner_changed, sender=Partner, dispatch_uid="search_partner")
    post_delete.connect(_on_partner_changed, sender=Partner, dispatch_uid="search_partner_del")
    m2m_changed.connect(
        _on_fields_changed, sender=Project.fields.through, dispatch_uid="search_project_fields"
    )
    post_save.connect(
        _on_organization_saved, sender=Organization, dispatch_uid="search_project_lead"
    )
    post_save.connect(_on_field_saved, sender=ActivityField, dispatch_uid="search_project_field")
    post_save.connect(_on_event_saved, sender=Event, dispatch_uid="search_event")
