from django.db import models

from portal.search import Document

from .core import Event, Project


class ProjectDocument(Document):
    """What search reads of a project (projects/search.py writes it)."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )


class EventDocument(Document):
    """What search reads of an event (projects/search.py writes it)."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
