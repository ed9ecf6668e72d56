from django.db import models

from portal.search import Document

from .core import Event, Project


class ProjectDocument(Document):
    """What search reads of a project (projects/search.py writes it). `public` and
    `published_at` repeat what the public list filters and orders by, so that a search of the
    whole public list reads this table alone (`portal.search.PublicResults`)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    public = models.BooleanField(default=False, editable=False)
    published_at = models.DateTimeField(null=True, editable=False)


class EventDocument(Document):
    """What search reads of an event (projects/search.py writes it)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
