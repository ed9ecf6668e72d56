"""One history for every entity: the entries a reader may see, in one shape, for one template
(`templates/includes/history.html`).

The entries are rows of a `portal.models.HistoryEntry` subclass (a project's transitions, an
organisation's decisions, …); the lifecycle they belong to gives each action its label.
"""

from dataclasses import dataclass, field

from .lifecycle import Visibility

# Who reads: the city staff read everything; the parties (the organisation's members) read
# what the action declared visible to them.
STAFF = Visibility.STAFF
PARTIES = Visibility.PARTIES


@dataclass
class HistoryItem:
    at: object
    actor: object  # a user or None (the portal itself); shown by display name only
    label: str
    from_label: str
    to_label: str
    changed_state: bool
    comment: str
    changes: list = field(default_factory=list)
    is_internal: bool = False
    subject: object = None  # the entity, for lists that span several (e.g. /mypage/)


def visible_entries(entries, *, audience):
    """The entries of a HistoryEntry queryset that `audience` may read."""
    if audience != STAFF:
        entries = entries.filter(visibility=PARTIES)
    return entries


def history_items(entries, *, lifecycle, audience, subject_field=None):
    """The entries `audience` may read, oldest first, as HistoryItems.

    `entries` is a queryset of one history table; `subject_field` names its foreign key when
    the items should carry the entity they are about (a list over several entities).
    """
    entries = visible_entries(entries, audience=audience).select_related("actor")
    if subject_field:
        entries = entries.select_related(subject_field)
    return [_item(entry, lifecycle, subject_field) for entry in entries]


def _item(entry, lifecycle, subject_field=None):
    return HistoryItem(
        at=entry.created_at,
        actor=entry.actor,
        label=lifecycle.label(entry.action),
        from_label=entry.get_from_status_display() if entry.from_status else "",
        to_label=entry.get_to_status_display() if entry.to_status else "",
        changed_state=entry.from_status != entry.to_status,
        comment=entry.comment,
        changes=entry.changes or [],
        is_internal=entry.visibility == STAFF,
        subject=getattr(entry, subject_field) if subject_field else None,
    )


def latest_items(entries, *, lifecycle, audience, subject_field, limit):
    """The newest `limit` entries `audience` may read, newest first (for overviews)."""
    entries = (
        visible_entries(entries, audience=audience)
        .select_related("actor", subject_field)
        .order_by("-created_at", "-id")[:limit]
    )
    return [_item(entry, lifecycle, subject_field) for entry in entries]
