"""The call lifecycle: an open call for proposals (協働事業提案制度), declared once (see
portal/lifecycle.py).

States: draft (準備中, not public) → open (募集中: proposals are made and submitted within its
period; reviewers may score what has been submitted) → reviewing (審査中: no more proposals;
scores are completed and 協働推進課 decides 採択 / 不採択 through the project lifecycle) →
closed (結果公表: the adopted proposals, their scores and the reviewers' summary comments are
published on the call's page). Nothing of the scoring is public before `closed`.

Registering and editing the call and appointing or dismissing reviewers are recorded in the
same history without changing the state.

Who acts:
- `coordinator`: 協働推進課 (and superusers);
- `system`: the portal itself (demo data).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organizations.permissions import is_coordinating_staff
from portal.lifecycle import SYSTEM, Action, Comment, Lifecycle, Visibility
from portal.wareki import local_date
from projects.models import Project, ProjectAction

from .models import Call, CallAction, CallEntry, CallProposal, CallStatus

A = CallAction
S = CallStatus
COORDINATOR = "coordinator"
EVERY_STATE = tuple(S.values)
# Audiences: the call's reviewers (all of them), the reviewer just appointed.
REVIEWERS, APPOINTED = "reviewers", "appointed"
# A proposal still waiting for 採択 / 不採択.
UNDECIDED = (Project.Status.SUBMITTED, Project.Status.RETURNED)


# --- Requirements ----------------------------------------------------------------------------


def has_scoring_items(step):
    if not step.obj.items.exists():
        return _("審査項目を1つ以上登録してください。")
    return None


def period_not_over(step):
    if step.obj.closes_on < local_date(step.now):
        return _("受付締切日が過ぎています。締切日を直してから募集を始めてください。")
    return None


def city_kind_has_department(step):
    if step.obj.kind == Call.Kind.CITY and step.obj.department_id is None:
        return _("行政提案型の募集には、テーマを示した担当課を選んでください。")
    return None


def every_proposal_decided(step):
    """Every submitted proposal has its 採択 / 不採択 before the result is published."""
    waiting = step.obj.proposals.filter(project__status__in=UNDECIDED).count()
    if waiting:
        return ngettext(
            "採択・不採択が決まっていない提案が%(count)s件あります。",
            "採択・不採択が決まっていない提案が%(count)s件あります。",
            waiting,
        ) % {"count": waiting}
    return None


# --- Effects ---------------------------------------------------------------------------------


def stamp_opened(step):
    step.obj.opened_at = step.now
    step.update_fields.add("opened_at")


def stamp_closed(step):
    step.obj.closed_at = step.now
    step.update_fields.add("closed_at")


# --- The table -------------------------------------------------------------------------------

ACTIONS = (
    Action(A.CREATE, sources=EVERY_STATE, actors=(COORDINATOR, SYSTEM), comment=Comment.NONE,
           visibility=Visibility.STAFF, record_only=True),
    Action(A.EDIT, sources=EVERY_STATE, actors=(COORDINATOR, SYSTEM),
           visibility=Visibility.STAFF, record_only=True),
    Action(A.OPEN, sources=(S.DRAFT,), target=S.OPEN, actors=(COORDINATOR, SYSTEM),
           requires=(has_scoring_items, city_kind_has_department, period_not_over),
           effects=(stamp_opened,), comment=Comment.NONE),
    Action(A.START_REVIEW, sources=(S.OPEN,), target=S.REVIEWING, actors=(COORDINATOR, SYSTEM),
           comment_label=_("審査委員へのひと言"), audience=(REVIEWERS,)),
    Action(A.CLOSE, sources=(S.REVIEWING,), target=S.CLOSED, actors=(COORDINATOR, SYSTEM),
           requires=(every_proposal_decided,), effects=(stamp_closed,), comment=Comment.NONE,
           confirm=True),
    Action(A.APPOINT, sources=(S.DRAFT, S.OPEN, S.REVIEWING), actors=(COORDINATOR, SYSTEM),
           comment=Comment.NONE, visibility=Visibility.STAFF, audience=(APPOINTED,),
           record_only=True),
    Action(A.DISMISS, sources=(S.DRAFT, S.OPEN, S.REVIEWING), actors=(COORDINATOR, SYSTEM),
           comment=Comment.NONE, visibility=Visibility.STAFF, record_only=True),
)  # fmt: skip

CALL_LIFECYCLE = Lifecycle(
    name="call",
    model=Call,
    codes=CallAction,
    actions=ACTIONS,
    roles={COORDINATOR: lambda user, call: is_coordinating_staff(user)},
    history=CallEntry,
    subject_field="call",
    stale_message=_(
        "この募集は現在「%(state)s」のため、「%(action)s」はできません。"
        "他の人が先に操作した可能性があります。画面を更新してください。"
    ),
)

apply = CALL_LIFECYCLE.apply
offered = CALL_LIFECYCLE.offered
label = CALL_LIFECYCLE.label


def call_rules(step):
    """A proposal made to a call is decided by the call's review: 採択 (approve) and 不採択
    (reject) only while the call is under review, and never published straight from a draft
    (the project lifecycle's CALL_RULES slot, filled in CallsConfig.ready())."""
    link = CallProposal.objects.select_related("call").filter(project_id=step.obj.pk).first()
    if link is None:
        return None
    call = link.call
    if step.action.code == ProjectAction.PUBLISH:
        return _("公募「%(call)s」への提案は、提出されたあと審査を経て採択されます。") % {
            "call": call.title
        }
    if call.status != S.REVIEWING:
        return _(
            "公募「%(call)s」への提案は、受付を終えて審査に入ってから採択・不採択を決めます"
            "(募集は現在「%(state)s」)。"
        ) % {"call": call.title, "state": call.get_status_display()}
    return None
