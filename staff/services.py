"""Staff decisions on organisations and staff edits of projects, each with its audit entry."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from projects.workflow import TransitionError

from . import permissions
from .models import AuditEntry

Status = Organization.Status

# action: (allowed sources, target, label, needs a comment)
ORGANIZATION_ACTIONS = {
    "approve": ((Status.PENDING, Status.SUSPENDED), Status.APPROVED, _("承認"), False),
    "reject": ((Status.PENDING,), Status.REJECTED, _("不承認"), True),
    "suspend": ((Status.APPROVED,), Status.SUSPENDED, _("停止"), True),
}


def organization_actions(organization):
    return [
        (code, label, needs_comment)
        for code, (sources, _target, label, needs_comment) in ORGANIZATION_ACTIONS.items()
        if organization.status in sources
    ]


def organization_decide(organization, action, *, actor, comment=""):
    """Approve, reject or suspend an organisation. Raises TransitionError when not allowed."""
    if action not in ORGANIZATION_ACTIONS:
        raise TransitionError(_("この操作はありません。"))
    sources, target, label, needs_comment = ORGANIZATION_ACTIONS[action]
    comment = (comment or "").strip()
    if needs_comment and not comment:
        raise TransitionError(_("理由を入力してください。"))
    if not permissions.can_review_organizations(actor):
        raise TransitionError(_("この操作を行う権限がありません。"))
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        if locked.status not in sources:
            raise TransitionError(
                _(
                    "この団体は現在「%(status)s」のため、「%(action)s」はできません。"
                    "他の職員が先に操作した可能性があります。画面を更新してください。"
                )
                % {"status": locked.get_status_display(), "action": label}
            )
        old_label = locked.get_status_display()
        locked.status = target
        update_fields = ["status", "updated_at"]
        if action == "approve" and locked.approved_at is None:
            locked.approved_at = timezone.now()
            update_fields.append("approved_at")
        locked.save(update_fields=update_fields)
        AuditEntry.objects.create(
            actor=actor,
            action=action,
            organization=locked,
            object_repr=str(locked)[:300],
            changes=[
                {
                    "field": "status",
                    "label": str(Organization._meta.get_field("status").verbose_name),
                    "old": str(old_label),
                    "new": str(locked.get_status_display()),
                }
            ],
            comment=comment,
            is_for_organization=True,
        )
        transaction.on_commit(
            lambda: _notify_organization(locked.pk, str(label), comment), robust=True
        )
    return locked


def _notify_organization(organization_id, label, comment):
    from notifications import services

    services.organization_decision(organization_id, label, comment)


def display_value(instance, field_name):
    """A field's value as staff read it (choice labels, names, lists)."""
    field = instance._meta.get_field(field_name)
    if field.many_to_many:
        if instance.pk is None:
            return ""
        return "、".join(str(item) for item in getattr(instance, field_name).all())
    if field.choices:
        return str(getattr(instance, f"get_{field_name}_display")())
    value = getattr(instance, field_name)
    if value is None or value == "":
        return ""
    if hasattr(value, "name") and hasattr(value, "url"):  # a file
        return value.name
    return str(value)


def snapshot(instance, field_names):
    return {name: display_value(instance, name) for name in field_names}


def diff(instance, before, field_names):
    """[{field, label, old, new}] for every field whose shown value changed."""
    after = snapshot(instance, field_names)
    return [
        {
            "field": name,
            "label": str(instance._meta.get_field(name).verbose_name),
            "old": before.get(name, ""),
            "new": after[name],
        }
        for name in field_names
        if before.get(name, "") != after[name]
    ]


def record_changes(*, actor, instance, before, field_names, action, comment="", extra=()):
    """Write an audit entry listing every field whose shown value changed (plus `extra`
    changes, e.g. of the project's form-specific row)."""
    changes = diff(instance, before, field_names) + list(extra)
    if not changes and action == AuditEntry.Action.EDIT:
        return None
    from projects.models import Project

    is_project = isinstance(instance, Project)
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        project=instance if is_project else None,
        organization=None if is_project else instance,
        object_repr=str(instance)[:300],
        changes=changes,
        comment=comment,
    )
