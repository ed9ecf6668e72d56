"""The project's history (the lifecycle writes it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import HistoryEntry

from .core import Project, ProjectAction, Status


class Transition(HistoryEntry):
    """The project's history: every action of its lifecycle (state changes, notices, report
    steps, staff edits with their changed fields). Written only by the lifecycle."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("操作"), max_length=30, choices=ProjectAction.choices)
    from_status = models.CharField(_("変更前"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=20, choices=Status.choices, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("事業の履歴")
        verbose_name_plural = _("事業の履歴")

    def __str__(self):
        return f"{self.project}: {self.from_status} → {self.to_status}"
