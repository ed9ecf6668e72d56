"""The project lifecycle: one state machine, one function per transition.

Every transition locks the row, checks the state it expects and the actor's right, changes
the state, writes a Transition row, and registers its notifications for after the commit.
Nothing else changes `Project.status` (nor the status of a results report).

Besides the states of DESIGN.md, a few actions leave the state as it is and are recorded
all the same: hide / show, the 後援 change notice (変更届), and the results report being
submitted or returned. The 後援 cancellation notice (中止届) ends the project (→ withdrawn).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import Form, Project, Report, Status, Transition


class TransitionError(Exception):
    """A transition that is not allowed now; the message is for the person acting."""


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    sources: tuple
    target: str | None  # None: the state stays (hide / show, notices, report steps)
    needs_comment: bool = False
    forms: tuple = ()  # limited to these forms of collaboration; empty: every form


PUBLIC = (Status.PUBLISHED, Status.COMPLETED, Status.EVALUATED)

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
        Action(
            "change_notice",
            _("変更届"),
            (Status.PUBLISHED,),
            None,
            needs_comment=True,
            forms=(Form.PATRONAGE,),
        ),
        Action(
            "cancel",
            _("中止届"),
            (Status.PUBLISHED,),
            Status.WITHDRAWN,
            needs_comment=True,
            forms=(Form.PATRONAGE,),
        ),
        Action("submit_report", _("実績報告の提出"), (Status.PUBLISHED,), None),
        Action(
            "return_report",
            _("実績報告の差し戻し"),
            (Status.PUBLISHED,),
            None,
            needs_comment=True,
        ),
        Action("complete", _("完了(実績報告の受理)"), (Status.PUBLISHED,), Status.COMPLETED),
        Action("evaluate", _("評価の公開"), (Status.COMPLETED,), Status.EVALUATED),
        Action("hide", _("非公開にする"), PUBLIC, None),
        Action("show", _("再公開する"), PUBLIC, None),
    )
}

# Who may take which action (besides 協働推進課, who may take every one).
BY_LEAD_MEMBERS = {"submit", "withdraw", "change_notice", "cancel", "submit_report"}
BY_DEPARTMENT_STAFF = {"return_report", "complete"}
REPORT_EDITABLE = (Report.Status.DRAFT, Report.Status.RETURNED)


def action_label(code):
    action = ACTIONS.get(code)
    return action.label if action else code


def is_allowed(user, project, action_code):
    """Whether `user` may take the action on the project as it is now."""
    if user is None:
        return True  # the system itself (demo data, scheduled jobs)
    if permissions.can_review(user, project):
        return True
    if action_code in BY_LEAD_MEMBERS and permissions.is_lead_member(user, project):
        return True
    return action_code in BY_DEPARTMENT_STAFF and permissions.is_department_staff(user, project)


def available_actions(user, project):
    """The actions the user could take now, for buttons (the workflow checks again)."""
    result = []
    for action in ACTIONS.values():
        if project.status not in action.sources:
            continue
        if action.forms and project.form not in action.forms:
            continue
        if action.code == "hide" and project.is_hidden:
            continue
        if action.code == "show" and not project.is_hidden:
            continue
        if action.code in ("submit_report", "return_report", "complete"):
            report = _report_of(project)
            if action.code == "submit_report" and (
                report is None or report.status not in REPORT_EDITABLE
            ):
                continue
            if action.code in ("return_report", "complete") and (
                report is None or report.status != Report.Status.SUBMITTED
            ):
                continue
        if is_allowed(user, project, action.code):
            result.append(action)
    return result


def _report_of(project):
    try:
        return project.report
    except Report.DoesNotExist:
        return None


def _check_report(locked, action_code):
    """The results report must be in the state the action expects. Returns it, locked."""
    report = Report.objects.select_for_update().filter(project=locked).first()
    if action_code == "submit_report":
        if report is None or report.status not in REPORT_EDITABLE:
            raise TransitionError(_("提出できる実績報告がありません。"))
        if not report.activities.strip():
            raise TransitionError(_("実績報告の「実施した内容」を入力してから提出してください。"))
    elif action_code == "return_report":
        if report is None or report.status != Report.Status.SUBMITTED:
            raise TransitionError(
                _("実績報告は提出されていないため、差し戻せません。画面を更新してください。")
            )
    # A report accepted beforehand (e.g. received on paper and entered) also completes.
    elif action_code == "complete" and (
        report is None or report.status not in (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
    ):
        raise TransitionError(
            _("実績報告が提出されていないため、完了にできません。画面を更新してください。")
        )
    return report


def apply(project, action_code, *, actor, comment=""):
    """Take an action on the project. Returns the updated project or raises TransitionError."""
    action = ACTIONS.get(action_code)
    if action is None:
        raise TransitionError(_("この操作はありません。"))
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
                    "他の人が先に操作した可能性があります。画面を更新してください。"
                )
                % {"status": locked.get_status_display(), "action": action.label}
            )
        if action.forms and locked.form not in action.forms:
            raise TransitionError(
                _("「%(action)s」は%(forms)sの事業だけの手続きです。")
                % {
                    "action": action.label,
                    "forms": "、".join(str(Form(code).label) for code in action.forms),
                }
            )
        if action_code == "hide" and locked.is_hidden:
            raise TransitionError(_("この事業はすでに非公開です。"))
        if action_code == "show" and not locked.is_hidden:
            raise TransitionError(_("この事業はすでに公開されています。"))
        if not is_allowed(actor, locked, action_code):
            raise TransitionError(_("この操作を行う権限がありません。"))

        report = None
        if action_code in ("submit_report", "return_report", "complete"):
            report = _check_report(locked, action_code)

        now = timezone.now()
        from_status = locked.status
        update_fields = ["updated_at"]
        if action.target is not None:
            locked.status = action.target
            update_fields.append("status")
        if action_code == "submit":
            locked.submitted_at = now
            update_fields.append("submitted_at")
        if action_code == "approve" and locked.published_at is None:
            locked.published_at = now
            update_fields.append("published_at")
        if action_code in ("hide", "show"):
            locked.is_hidden = action_code == "hide"
            update_fields.append("is_hidden")
        locked.save(update_fields=update_fields)

        if report is not None:
            if action_code == "submit_report":
                report.status, report.submitted_at = Report.Status.SUBMITTED, now
            elif action_code == "return_report":
                report.status = Report.Status.RETURNED
            elif report.status == Report.Status.SUBMITTED:  # complete
                report.status, report.accepted_at = Report.Status.ACCEPTED, now
            report.save(update_fields=["status", "submitted_at", "accepted_at"])

        recorded = Transition.objects.create(
            project=locked,
            actor=actor,
            action=action_code,
            from_status=from_status,
            to_status=locked.status,
            comment=comment,
        )
        # robust: even a bug in a mail template cannot turn a recorded transition into an error.
        transaction.on_commit(lambda pk=recorded.pk: _notify(pk), robust=True)
    return locked


def _notify(transition_id):
    from notifications import services

    services.project_transition(transition_id)
