from django.db import models

from organizations.models import Area
from portal.search import Document

from .core import Event, Project


class ProjectDocument(Document):
    """What search reads of a project (projects/search.py writes it). `public`, `published_at`
    and the rest repeat what the public list filters and orders by, so that a search of the
    public list, alone or with those filters, reads this table alone
    (`portal.search.PublicResults`), and the list's count and 年度 are read from its indexes
    (`projects.search.public_documents`, `public_years`)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    public = models.BooleanField(default=False, editable=False)
    published_at = models.DateTimeField(null=True, editable=False)
    form = models.CharField(max_length=20, blank=True, editable=False)
    area = models.ForeignKey(
        Area, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    fiscal_year = models.PositiveIntegerField(null=True, editable=False)
    status = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        indexes = [
            # The public list's count, with or without its form, area, 年度 and state filters,
            # read from this index alone (an index-only scan: projects.search.public_documents).
            models.Index(
                fields=["form", "area", "fiscal_year", "status"],
                condition=models.Q(public=True),
                name="projects_doc_public_listing",
            ),
            # The 年度 of the public projects, one probe each (projects.search.public_years).
            models.Index(
                fields=["fiscal_year"],
                condition=models.Q(public=True),
                name="projects_doc_public_year",
            ),
        ]


class EventDocument(Document):
    """What search reads of an event (projects/search.py writes it)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
