"""The 後援 change notice (変更届): what it asks to change, and the change once acknowledged.

The organiser files the new date, place or content after approval; they wait, as a pending
`ProposedChange`, until 協働推進課 acknowledges them (`acknowledge_change`). Only then are the
project's data (and so its public page, its event and the calendar) changed, and the history
entry of the acknowledgement says, field by field, what changed.
"""

import datetime

from portal.wareki import wareki_date

from .models import PatronageDetail, Project, ProposedChange
from .schedule import patronage_schedule_derive

# What a 変更届 may change: (field, where it lives). The event's date and place follow from
# the 後援's own (projects/schedule.py).
CHANGEABLE = (
    ("event_name", PatronageDetail),
    ("event_date", PatronageDetail),
    ("venue", PatronageDetail),
    ("summary", Project),
)


def field_label(name):
    model = dict(CHANGEABLE)[name]
    return str(model._meta.get_field(name).verbose_name)


def _holder(project, model):
    return project if model is Project else project.form_detail()


def current_values(project):
    """{field: value} of what a 変更届 may change, as the project holds it now."""
    values = {}
    for name, model in CHANGEABLE:
        holder = _holder(project, model)
        values[name] = getattr(holder, name) if holder is not None else None
    return values


def _shown(value):
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return f"{wareki_date(value)}({value.isoformat()})"
    return str(value)


def _stored(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _loaded(name, value):
    if name == "event_date" and value:
        return datetime.date.fromisoformat(value)
    return value


def changes_between(project, new_values):
    """[{field, label, old, new, value}] for every proposed value that differs from now;
    an empty proposed value means "unchanged"."""
    now = current_values(project)
    changes = []
    for name, _model in CHANGEABLE:
        new = new_values.get(name)
        if new in (None, "") or new == now[name]:
            continue
        changes.append(
            {
                "field": name,
                "label": field_label(name),
                "old": _shown(now[name]),
                "new": _shown(new),
                "value": _stored(new),
            }
        )
    return changes


def pending(project):
    return ProposedChange.objects.filter(project=project, status=ProposedChange.Status.PENDING)


def file_change(*, project, changes, actor):
    return ProposedChange.objects.create(project=project, changes=changes, filed_by=actor)


def acknowledge(*, project, actor, at):
    """Apply every pending change in the order filed; returns what changed ({field, label,
    old, new}), the old values being those the project held until now."""
    applied = {}
    proposed = list(pending(project).select_for_update())
    for change in proposed:
        for item in change.changes:
            applied[item["field"]] = _loaded(item["field"], item["value"])
    before = current_values(project)
    detail = project.form_detail()
    for name, model in CHANGEABLE:
        if name in applied:
            setattr(_holder(project, model), name, applied[name])
    if detail is not None:
        detail.save()
    project.save(update_fields=["summary", "updated_at"])
    if detail is not None:
        patronage_schedule_derive(project=project, detail=detail)
    pending(project).filter(pk__in=[c.pk for c in proposed]).update(
        status=ProposedChange.Status.ACKNOWLEDGED, acknowledged_by=actor, acknowledged_at=at
    )
    return [
        {
            "field": name,
            "label": field_label(name),
            "old": _shown(before[name]),
            "new": _shown(applied[name]),
        }
        for name, _model in CHANGEABLE
        if name in applied and applied[name] != before[name]
    ]
