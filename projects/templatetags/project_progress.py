"""Where a project stands by its dates (実施予定 / 実施中 / 実施済み), for public pages."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def progress_label(project):
    progress = project.progress(timezone.localdate())
    return progress.label if progress else ""
