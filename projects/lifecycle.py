"""The project lifecycle: every action on a project, declared once (see portal/lifecycle.py).

States (DESIGN.md): draft → submitted → published → completed → evaluated, with returned,
rejected and withdrawn beside them, and cancelled (a 後援's 中止届 after approval). Hiding is a
flag, not a state; the 後援 change notice and its acknowledgement, the results report's steps,
staff edits and hide / show are recorded without changing the state. The first submission
gives the proposal its 受付番号 (projects/receipts.py).

Who acts:
- `lead`: members of the lead organisation (they propose, file notices and the report);
- `coordinator`: 協働推進課 (and superusers), who review and publish;
- `department`: staff of the project's responsible department (担当課), who accept its report;
- `system`: the portal itself (demo data, automatic transitions).
"""

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.permissions import is_coordinating_staff, is_member
from portal.lifecycle import SYSTEM, Action, Comment, Lifecycle, LifecycleError, Slot, Visibility
from portal.wareki import wareki_date

from . import change_notices, receipts
from .completeness import proposal_problems
from .models import (
    PUBLIC_STATUSES,
    AttachmentKind,
    BudgetSide,
    Form,
    Partner,
    Project,
    ProjectAction,
    Report,
    Status,
    Transition,
)
from .permissions import is_department_staff, is_lead_member, is_partner_member
from .submissions import changes_since, proposal_values

A = ProjectAction
LEAD, COORDINATOR, DEPARTMENT, PARTNER = "lead", "coordinator", "department", "partner"
PUBLIC = PUBLIC_STATUSES
EVERY_STATE = tuple(Status.values)
# A partner may answer as long as the project is going on.
ANSWERABLE = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, *PUBLIC)
REPORT_EDITABLE = (Report.Status.DRAFT, Report.Status.RETURNED)

# Audiences (resolved into addresses by the notifications): the lead organisation's members,
# the city (協働推進課, the responsible department and the project's coordinator), and the
# partner organisations still asked to confirm their role.
ORGANIZATION, CITY, PARTNERS = "organization", "city", "partners"
# The parties asked for the mutual evaluation once the project is completed: the members of
# the lead and of every confirmed partner organisation (the city side hears as CITY).
EVALUATORS = "evaluators"

# Filled by the app that knows (principles): whether every party has evaluated the project.
# Filled by the app that knows (calls): the rules of a proposal made to an open call (decided
# by the call's review, only while it is under review). Unfilled, no call rules apply.
CALL_RULES = Slot("call_rules", None)

EVALUATIONS_COMPLETE = Slot(
    "evaluations_complete",
    _("相互評価を確かめる仕組みが設定されていないため、評価を公開できません。"),
)


# --- Conditions (is the action offered at all?) --------------------------------------------


def patronage_only(step):
    if step.obj.form != Form.PATRONAGE:
        return _("「%(action)s」は%(form)sの事業だけの手続きです。") % {
            "action": step.lifecycle.label(step.action.code),
            "form": Form.PATRONAGE.label,
        }
    return None


def not_hidden(step):
    return _("この事業はすでに非公開です。") if step.obj.is_hidden else None


def hidden(step):
    return None if step.obj.is_hidden else _("この事業はすでに公開されています。")


def report_of(step):
    """The project's results report, locked when the action is being taken."""
    if "report" not in step.related:
        reports = Report.objects.filter(project=step.obj)
        if connection.in_atomic_block:
            reports = reports.select_for_update()
        step.related["report"] = reports.first()
    return step.related["report"]


def report_editable(step):
    report = report_of(step)
    if report is None or report.status not in REPORT_EDITABLE:
        return _("提出できる実績報告がありません。")
    return None


def report_submitted(step):
    report = report_of(step)
    if report is None or report.status != Report.Status.SUBMITTED:
        return _("実績報告は提出されていないため、差し戻せません。画面を更新してください。")
    return None


def report_received(step):
    # A report accepted beforehand (e.g. received on paper and entered) also completes.
    report = report_of(step)
    if report is None or report.status not in (Report.Status.SUBMITTED, Report.Status.ACCEPTED):
        return _("実績報告が提出されていないため、完了にできません。画面を更新してください。")
    return None


def change_pending(step):
    if not change_notices.pending(step.obj).exists():
        return _("確認を待っている変更届はありません。")
    return None


def partner_request_open(step):
    """The partner row named in the parameters awaits this organisation's answer."""
    partner = (
        Partner.objects.filter(project=step.obj, pk=step.params.get("partner"))
        .select_related("organization")
        .first()
    )
    if partner is None or partner.consent != Partner.Consent.REQUESTED:
        return _("この確認のお願いは見つからないか、すでに回答されています。")
    if step.actor is not None and not is_member(step.actor, partner.organization):
        return _("この操作を行う権限がありません。")
    step.related["partner"] = partner
    return None


# --- Requirements (checked when the action is taken) ---------------------------------------


def proposal_complete(step):
    """Everything a proposal needs before it is submitted (projects.completeness, including
    the parts other apps add to a proposal, such as the self-check)."""
    return proposal_problems(step.obj, today=timezone.localdate(step.now))


def change_named(step):
    """A 変更届 says what changes: a new date, place or content, at least one."""
    if not change_notices.changes_between(step.obj, step.params.get("proposed") or {}):
        return _(
            "変更する項目(開催日、開催場所、行事名、概要)を1つ以上、今と違う内容で入力してください。"
        )
    return None


def report_has_activities(step):
    if not report_of(step).activities.strip():
        return _("実績報告の「実施した内容」を入力してから提出してください。")
    return None


def subsidy_settled(step):
    """A 補助's report carries its settlement: actual amounts and at least one receipt."""
    if step.obj.form != Form.SUBSIDY:
        return None
    if not step.obj.budget_lines.filter(side=BudgetSide.EXPENSE, actual_amount__isnull=False):
        return _("補助事業の実績報告は、収支決算の支出の決算額を入力してから提出してください。")
    if not step.obj.attachments.current().filter(kind=AttachmentKind.RECEIPT).exists():
        return _(
            "補助事業の実績報告には、領収書を1つ以上添付してください。"
            "「領収書を追加」でファイルを選び、保存してから提出します。"
        )
    return None


def project_started(step):
    """Results are reported, and a project completed, only once it has begun: its first day
    (of its period or of its events) is today or earlier. A project with no date passes."""
    today = timezone.localdate(step.now)
    if step.obj.has_started(today):
        return None
    first, _last = step.obj.date_range()
    return _(
        "この協働事業は%(date)sに始まります。始まる前には実績報告の提出も完了もできません。"
        "事業が始まってから行ってください(開始日が違う場合は、期間やイベントの日付を直してください)。"
    ) % {"date": wareki_date(first)}


def lead_organization_public(step):
    organization = step.obj.lead_organization
    if not organization.is_public:
        return _(
            "主たる団体「%(name)s」が承認されていない(%(status)s)ため、公開できません。"
            "先に団体を承認するか、主たる団体を変更してください。"
        ) % {"name": organization.name, "status": organization.get_status_display()}
    return None


# --- Effects -------------------------------------------------------------------------------


def stamp_submitted(step):
    step.obj.submitted_at = step.now
    step.update_fields.add("submitted_at")


def assign_receipt_number(step):
    """The first submission gives the proposal its 受付番号; a resubmission keeps it."""
    if step.obj.receipt_number:
        return
    number = receipts.next_number(form=step.obj.form, fiscal_year=step.obj.fiscal_year)
    step.obj.receipt_number = number
    step.update_fields.add("receipt_number")
    step.changes.append(
        {"field": "receipt_number", "label": str(_("受付番号")), "old": "", "new": number}
    )


def propose_change(step):
    """The 変更届's new values wait for the city's acknowledgement; nothing changes yet."""
    changes = change_notices.changes_between(step.obj, step.params.get("proposed") or {})
    change_notices.file_change(project=step.obj, changes=changes, actor=step.actor)
    step.changes.extend({k: v for k, v in change.items() if k != "value"} for change in changes)


def apply_change(step):
    step.changes.extend(change_notices.acknowledge(project=step.obj, actor=step.actor, at=step.now))


def record_submission(step):
    """Keep what the proposal says now; a resubmission after a return records, field by
    field, what changed since it was last submitted."""
    values = proposal_values(step.obj)
    if step.obj.status == Status.RETURNED and step.obj.submitted_values:
        step.changes.extend(changes_since(step.obj.submitted_values, values))
    step.obj.submitted_values = values
    step.update_fields.add("submitted_values")


def stamp_published(step):
    if step.obj.published_at is None:
        step.obj.published_at = step.now
        step.update_fields.add("published_at")


def set_hidden(value):
    def effect(step):
        step.obj.is_hidden = value
        step.update_fields.add("is_hidden")

    return effect


def report_becomes(status):
    def effect(step):
        report = report_of(step)
        if status == Report.Status.ACCEPTED and report.status == Report.Status.ACCEPTED:
            return
        report.status = status
        if status == Report.Status.SUBMITTED:
            report.submitted_at = step.now
        if status == Report.Status.ACCEPTED:
            report.accepted_at = step.now
        report.save(update_fields=["status", "submitted_at", "accepted_at"])

    return effect


def partner_answers(consent):
    def effect(step):
        partner = step.related["partner"]
        Partner.objects.filter(pk=partner.pk).update(consent=consent, responded_at=step.now)
        step.changes.append(
            {
                "field": "partner",
                "label": str(_("協働の相手")),
                "old": partner.organization.name,
                "new": str(Partner.Consent(consent).label),
            }
        )

    return effect


def touch(step):
    step.update_fields.add("updated_at")


# --- The table -----------------------------------------------------------------------------

ACTIONS = (
    # Staff register a project the city starts, and edit any project's data (audited).
    Action(A.CREATE, sources=EVERY_STATE, actors=(COORDINATOR, SYSTEM), comment=Comment.NONE,
           visibility=Visibility.STAFF, record_only=True),
    Action(A.EDIT, sources=EVERY_STATE, actors=(COORDINATOR, SYSTEM), effects=(touch,),
           visibility=Visibility.STAFF, record_only=True),
    # The proposal.
    Action(A.SUBMIT, sources=(Status.DRAFT, Status.RETURNED), target=Status.SUBMITTED,
           actors=(LEAD, COORDINATOR, SYSTEM), requires=(proposal_complete,),
           comment_required_in=(Status.RETURNED,), required_comment_label=_("変更した点"),
           effects=(stamp_submitted, assign_receipt_number, record_submission),
           audience=(ORGANIZATION, CITY, PARTNERS)),
    Action(A.APPROVE, sources=(Status.SUBMITTED,), target=Status.PUBLISHED,
           actors=(COORDINATOR, SYSTEM), requires=(lead_organization_public, CALL_RULES),
           effects=(stamp_published,), audience=(ORGANIZATION,)),
    Action(A.PUBLISH, sources=(Status.DRAFT,), target=Status.PUBLISHED,
           actors=(COORDINATOR, SYSTEM), requires=(lead_organization_public, CALL_RULES),
           effects=(stamp_published,), audience=(ORGANIZATION, PARTNERS)),
    Action(A.RETURN, sources=(Status.SUBMITTED,), target=Status.RETURNED,
           actors=(COORDINATOR, SYSTEM), comment=Comment.REQUIRED,
           comment_label=_("差し戻しの理由"), audience=(ORGANIZATION,)),
    Action(A.REJECT, sources=(Status.SUBMITTED,), target=Status.REJECTED,
           actors=(COORDINATOR, SYSTEM), requires=(CALL_RULES,), comment=Comment.REQUIRED,
           comment_label=_("不採択の理由"), audience=(ORGANIZATION,), confirm=True),
    Action(A.WITHDRAW, sources=(Status.DRAFT, Status.SUBMITTED, Status.RETURNED),
           target=Status.WITHDRAWN, actors=(LEAD, COORDINATOR, SYSTEM), comment=Comment.REQUIRED,
           comment_label=_("取り下げの理由"), audience=(CITY,), confirm=True),
    # After approval: the 後援 notices and the results report.
    # A 変更届 carries its new values (param `proposed`), pending until 協働推進課
    # acknowledges them: only then do the project's data and its public page change.
    Action(A.CHANGE_NOTICE, sources=(Status.PUBLISHED,), actors=(LEAD, SYSTEM),
           when=(patronage_only,), requires=(change_named,), comment=Comment.REQUIRED,
           comment_label=_("変更の理由"), effects=(propose_change, touch), audience=(CITY,)),
    Action(A.ACKNOWLEDGE_CHANGE, sources=(Status.PUBLISHED,), actors=(COORDINATOR, SYSTEM),
           when=(patronage_only, change_pending), effects=(apply_change,),
           audience=(ORGANIZATION,)),
    Action(A.CANCEL, sources=(Status.PUBLISHED,), target=Status.CANCELLED, actors=(LEAD, SYSTEM),
           when=(patronage_only,), comment=Comment.REQUIRED, comment_label=_("中止の理由"),
           audience=(CITY,), confirm=True),
    Action(A.SUBMIT_REPORT, sources=(Status.PUBLISHED,), actors=(LEAD, SYSTEM),
           when=(report_editable,), requires=(project_started, report_has_activities, subsidy_settled),
           effects=(report_becomes(Report.Status.SUBMITTED),), audience=(CITY,)),
    Action(A.RETURN_REPORT, sources=(Status.PUBLISHED,), actors=(COORDINATOR, DEPARTMENT, SYSTEM),
           when=(report_submitted,), comment=Comment.REQUIRED,
           comment_label=_("差し戻しの理由"),
           effects=(report_becomes(Report.Status.RETURNED),), audience=(ORGANIZATION,)),
    Action(A.COMPLETE, sources=(Status.PUBLISHED,), target=Status.COMPLETED,
           actors=(COORDINATOR, DEPARTMENT, SYSTEM), when=(report_received,),
           requires=(project_started,), effects=(report_becomes(Report.Status.ACCEPTED),),
           audience=(EVALUATORS, CITY)),
    # After completion: the mutual evaluation is published once every party has submitted.
    Action(A.EVALUATE, sources=(Status.COMPLETED,), target=Status.EVALUATED,
           actors=(COORDINATOR, SYSTEM), requires=(EVALUATIONS_COMPLETE,),
           audience=(ORGANIZATION,)),
    # Visibility of a public project.
    Action(A.HIDE, sources=PUBLIC, actors=(COORDINATOR, SYSTEM), when=(not_hidden,),
           comment=Comment.REQUIRED, comment_label=_("非公開にする理由"),
           effects=(set_hidden(True),), audience=(ORGANIZATION,), confirm=True),
    Action(A.SHOW, sources=PUBLIC, actors=(COORDINATOR, SYSTEM), when=(hidden,),
           requires=(lead_organization_public,), effects=(set_hidden(False),),
           audience=(ORGANIZATION,)),
    # A registered organisation named as a partner confirms its role (or declines) before it
    # is shown on the public page; the lead organisation hears of the answer.
    Action(A.PARTNER_CONFIRM, sources=ANSWERABLE, actors=(PARTNER, SYSTEM),
           when=(partner_request_open,), effects=(partner_answers(Partner.Consent.CONFIRMED),),
           audience=(ORGANIZATION,), record_only=True),
    Action(A.PARTNER_DECLINE, sources=ANSWERABLE, actors=(PARTNER, SYSTEM),
           when=(partner_request_open,), effects=(partner_answers(Partner.Consent.DECLINED),),
           comment_label=_("辞退の理由"), audience=(ORGANIZATION,), record_only=True),
    # The dialogue on a proposal (projects/dialogue.py): not a state, a thread of messages in
    # the history. The organisation writes to the city, the city (協働推進課 and the 担当課) to
    # the organisation, and the city's own notes (庁内メモ) are read by the city staff only.
    Action(A.ORGANIZATION_MESSAGE, sources=EVERY_STATE, actors=(LEAD, SYSTEM),
           comment=Comment.REQUIRED, comment_label=_("メッセージ"), audience=(CITY,),
           record_only=True),
    Action(A.CITY_MESSAGE, sources=EVERY_STATE, actors=(COORDINATOR, DEPARTMENT, SYSTEM),
           comment=Comment.REQUIRED, comment_label=_("メッセージ"), audience=(ORGANIZATION,),
           record_only=True),
    Action(A.INTERNAL_NOTE, sources=EVERY_STATE, actors=(COORDINATOR, DEPARTMENT, SYSTEM),
           comment=Comment.REQUIRED, comment_label=_("庁内メモ"), audience=(CITY,),
           visibility=Visibility.STAFF, record_only=True),
)  # fmt: skip

PROJECT_LIFECYCLE = Lifecycle(
    name="project",
    model=Project,
    codes=ProjectAction,
    actions=ACTIONS,
    roles={
        LEAD: is_lead_member,
        COORDINATOR: lambda user, project: is_coordinating_staff(user),
        DEPARTMENT: is_department_staff,
        PARTNER: is_partner_member,
    },
    history=Transition,
    subject_field="project",
    stale_message=_(
        "この事業は現在「%(state)s」のため、「%(action)s」はできません。"
        "他の人が先に操作した可能性があります。画面を更新してください。"
    ),
)

apply = PROJECT_LIFECYCLE.apply
can = PROJECT_LIFECYCLE.can
offered = PROJECT_LIFECYCLE.offered
label = PROJECT_LIFECYCLE.label
action = PROJECT_LIFECYCLE.action

__all__ = [
    "PROJECT_LIFECYCLE",
    "EVALUATIONS_COMPLETE",
    "LifecycleError",
    "SYSTEM",
    "action",
    "apply",
    "can",
    "label",
    "offered",
]
