"""The project lifecycle: one state machine, one function per transition.

Every transition locks the row, checks the state it expects and the actor's right, changes
the state, writes a Transition row, and registers its notifications for after the commit.
Nothing else changes `Project.status`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import Project, Status, Transition


class TransitionError(Exception):
    """A transition that is not allowed now; the message is for the person acting."""


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    sources: tuple
    target: str | None  # None: the state stays (hide / show)
    needs_comment: bool = False


ACTIONS = {
    action.code: action
    for action in (
        Action("submit", _("提出"), (Status.DRAFT, Status.RETURNED), Status.SUBMITTED),
        Action("approve", _("承認して公開"), (Status.SUBMITTED,), Status.PUBLISHED),
        Action("return", _("差し戻し"), (Status.SUBMITTED,), Status.RETURNED, needs_comment=True),
        Action("reject", _("不採択"), (Status.SUBMITTED,), Status.REJECTED, needs_comment=True),
        Action(
            "withdraw",
            _("取り下げ"),
            (Status.DRAFT, Status.SUBMITTED, Status.RETURNED),
            Status.WITHDRAWN,
        ),
        Action("complete", _("完了(実績報告の受理)"), (Status.PUBLISHED,), Status.COMPLETED),
        Action("evaluate", _("評価の公開"), (Status.COMPLETED,), Status.EVALUATED),
        Action(
            "hide", _("非公開にする"), (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED), None
        ),
        Action(
            "show", _("再公開する"), (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED), None
        ),
    )
}


def is_allowed(user, project, action_code):
    """Whether `user` may take the action on the project as it is now."""
    if user is None:
        return True  # the system itself (demo data, scheduled jobs)
    if action_code in ("submit", "withdraw"):
        return permissions.is_lead_member(user, project) or permissions.can_review(user, project)
    return permissions.can_review(user, project)


def apply(project, action_code, *, actor, comment=""):
    """Take an action on the project. Returns the updated project or raises TransitionError."""
    action = ACTIONS[action_code]
    comment = (comment or "").strip()
    if action.needs_comment and not comment:
        raise TransitionError(_("コメントを入力してください。"))
    with transaction.atomic():
        locked = (
            Project.objects.select_for_update()
            .select_related("lead_organization")
            .get(pk=project.pk)
        )
        if locked.status not in action.sources:
            raise TransitionError(
                _(
                    "この事業は現在「%(status)s」のため、「%(action)s」はできません。"
                    "他の職員が先に操作した可能性があります。画面を更新してください。"
                )
                % {"status": locked.get_status_display(), "action": action.label}
            )
        if action_code == "hide" and locked.is_hidden:
            raise TransitionError(_("この事業はすでに非公開です。"))
        if action_code == "show" and not locked.is_hidden:
            raise TransitionError(_("この事業はすでに公開されています。"))
        if not is_allowed(actor, locked, action_code):
            raise TransitionError(_("この操作を行う権限がありません。"))

        from_status = locked.status
        update_fields = ["updated_at"]
        if action.target is not None:
            locked.status = action.target
            update_fields.append("status")
        if action_code == "submit":
            locked.submitted_at = timezone.now()
            update_fields.append("submitted_at")
        if action_code == "approve" and locked.published_at is None:
            locked.published_at = timezone.now()
            update_fields.append("published_at")
        if action_code in ("hide", "show"):
            locked.is_hidden = action_code == "hide"
            update_fields.append("is_hidden")
        locked.save(update_fields=update_fields)
        Transition.objects.create(
            project=locked,
            actor=actor,
            action=action_code,
            from_status=from_status,
            to_status=locked.status,
            comment=comment,
        )
    return locked
