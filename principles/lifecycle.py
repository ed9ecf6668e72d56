"""The evaluation lifecycle: a party's mutual evaluation (相互評価), declared once (see
portal/lifecycle.py).

States: draft → submitted (the party submits; frozen afterwards), or draft → declined
(協働推進課 marks a party that never answers, with the reason, which the comparison shows).
Saving a draft changes no state and is not recorded. Both actions are open only while the
project is `completed`; when the last party is done, principles.services makes the project
`evaluated` through the project lifecycle.

Who acts:
- `party`: members of the party's organisation, or for the city side the staff of its
  department and 協働推進課 (principles.permissions);
- `city`: the city side of the project: the staff of its department and 協働推進課;
- `coordinator`: 協働推進課 (and superusers);
- `system`: the portal itself.
"""

import datetime

from django.utils.translation import gettext_lazy as _

from organizations.permissions import is_coordinating_staff
from portal.lifecycle import SYSTEM, Action, Comment, Lifecycle, Visibility
from portal.wareki import add_days, local_date, wareki_date
from projects.models import Project

from .models import Evaluation, EvaluationAction, EvaluationEntry, EvaluationStatus, Principle
from .permissions import can_enter_for_city, can_enter_for_organization

A = EvaluationAction
S = EvaluationStatus
PARTY, CITY, COORDINATOR = "party", "city", "coordinator"
# How far a deadline may be moved at once: a year after today.
LONGEST_EXTENSION_DAYS = 366

MISSING = _("提出する前に、「%(label)s」を入力してください。")
LOW_SCORE_WITHOUT_COMMENT = _(
    "「%(name)s」は「あまりできなかった」「できなかった」のため、理由のコメントが必要です。"
)


def is_party(user, evaluation):
    if evaluation.is_city:
        return can_enter_for_city(user, evaluation.project)
    return can_enter_for_organization(user, evaluation)


# --- Conditions ------------------------------------------------------------------------------


def project_completed(step):
    if step.obj.project.status != Project.Status.COMPLETED:
        return _("この事業は相互評価を受け付けていません。画面を更新してください。")
    return None


# --- Requirements ----------------------------------------------------------------------------


def evaluation_filled(step):
    """Everything a submitted evaluation holds: a score for every principle (a comment for 1
    and 2), outcomes, issues and a recommendation."""
    evaluation = step.obj
    problems = []
    scores = {score.principle_id: score for score in evaluation.scores.all()}
    for principle in Principle.objects.all():
        score = scores.get(principle.pk)
        if score is None:
            problems.append(MISSING % {"label": _("「%(name)s」の評価") % {"name": principle}})
        elif score.score <= 2 and not score.comment.strip():
            problems.append(LOW_SCORE_WITHOUT_COMMENT % {"name": principle})
    for name in ("outcomes", "issues", "recommendation"):
        if not getattr(evaluation, name).strip():
            label = Evaluation._meta.get_field(name).verbose_name
            problems.append(MISSING % {"label": label})
    return problems or None


def new_deadline(step):
    """The deadline an extension sets: a date after the current one, not in the past, within
    a year."""
    deadline = step.params.get("deadline")
    today = local_date(step.now)
    if not isinstance(deadline, datetime.date):
        return _("新しい提出期限を入力してください。")
    if deadline < today:
        return _("新しい提出期限には、今日以降の日付を入力してください。")
    current = step.obj.deadline
    if current is not None and deadline <= current:
        return _("新しい提出期限は、今の期限(%(date)s)より後の日付にしてください。") % {
            "date": wareki_date(current)
        }
    if deadline > add_days(today, LONGEST_EXTENSION_DAYS):
        return _("提出期限は、今日から1年以内の日付にしてください。")
    return None


# --- Effects ---------------------------------------------------------------------------------


def stamp_submitted(step):
    step.obj.submitted_at = step.now
    step.update_fields.add("submitted_at")


def stamp_declined(step):
    step.obj.declined_at = step.now
    step.obj.decline_reason = step.comment
    step.obj.declined_by = step.actor
    step.update_fields.update({"declined_at", "decline_reason", "declined_by"})


def stamp_reminded(step):
    step.obj.reminded_at = step.now
    step.update_fields.add("reminded_at")


def set_deadline(step):
    old, new = step.obj.deadline, step.params["deadline"]
    step.obj.deadline = new
    step.update_fields.add("deadline")
    step.changes.append(
        {
            "field": "deadline",
            "label": str(Evaluation._meta.get_field("deadline").verbose_name),
            "old": wareki_date(old) if old else "",
            "new": wareki_date(new),
        }
    )


# --- The table -------------------------------------------------------------------------------

ACTIONS = (
    Action(A.SUBMIT, sources=(S.DRAFT,), target=S.SUBMITTED, actors=(PARTY, SYSTEM),
           when=(project_completed,), requires=(evaluation_filled,),
           effects=(stamp_submitted,), comment=Comment.NONE, record_only=True),
    Action(A.DECLINE, sources=(S.DRAFT,), target=S.DECLINED, actors=(COORDINATOR, SYSTEM),
           when=(project_completed,), comment=Comment.REQUIRED,
           comment_label=_("辞退とする理由"), effects=(stamp_declined,),
           visibility=Visibility.PARTIES, record_only=True),
    Action(A.REMIND, sources=(S.DRAFT,), actors=(CITY, SYSTEM), when=(project_completed,),
           comment_label=_("メールに添えるひと言"), effects=(stamp_reminded,),
           audience=("party",), record_only=True),
    Action(A.EXTEND, sources=(S.DRAFT,), actors=(CITY, SYSTEM), when=(project_completed,),
           requires=(new_deadline,), comment_label=_("延長の理由"), effects=(set_deadline,),
           audience=("party",), record_only=True),
)  # fmt: skip

EVALUATION_LIFECYCLE = Lifecycle(
    name="evaluation",
    model=Evaluation,
    codes=EvaluationAction,
    actions=ACTIONS,
    roles={
        PARTY: is_party,
        CITY: lambda user, evaluation: can_enter_for_city(user, evaluation.project),
        COORDINATOR: lambda user, evaluation: is_coordinating_staff(user),
    },
    history=EvaluationEntry,
    subject_field="evaluation",
    stale_message=_(
        "この相互評価は現在「%(state)s」のため、「%(action)s」はできません。"
        "他の人が先に操作した可能性があります。画面を更新してください。"
    ),
)
