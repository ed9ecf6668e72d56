"""The organisation lifecycle: registration, staff decisions and staff edits, declared once
(see portal/lifecycle.py).

pending ──approve──▶ approved ──suspend──▶ suspended ──approve──▶ approved
   └──reject──▶ rejected
"""

from django.utils.translation import gettext_lazy as _

from portal.lifecycle import SYSTEM, Action, Comment, Lifecycle, LifecycleError, Visibility

from .models import Organization, OrganizationAction, OrganizationTransition
from .permissions import is_coordinating_staff, is_member

A = OrganizationAction
S = Organization.Status
MEMBER, COORDINATOR = "member", "coordinator"
# Audiences: the organisation's members, and 協働推進課.
MEMBERS, CITY = "members", "city"


def stamp_approved(step):
    if step.obj.approved_at is None:
        step.obj.approved_at = step.now
        step.update_fields.add("approved_at")


def touch(step):
    step.update_fields.add("updated_at")


ACTIONS = (
    Action(A.REGISTER, sources=(S.PENDING,), actors=(MEMBER, SYSTEM), comment=Comment.NONE,
           audience=(CITY,), record_only=True),
    Action(A.APPROVE, sources=(S.PENDING, S.SUSPENDED), target=S.APPROVED,
           actors=(COORDINATOR, SYSTEM), effects=(stamp_approved,), audience=(MEMBERS,)),
    Action(A.REJECT, sources=(S.PENDING,), target=S.REJECTED, actors=(COORDINATOR, SYSTEM),
           comment=Comment.REQUIRED, comment_label=_("不承認の理由"), audience=(MEMBERS,),
           confirm=True),
    Action(A.SUSPEND, sources=(S.APPROVED,), target=S.SUSPENDED, actors=(COORDINATOR, SYSTEM),
           comment=Comment.REQUIRED, comment_label=_("停止の理由"), audience=(MEMBERS,),
           confirm=True),
    Action(A.EDIT, sources=tuple(S.values), actors=(COORDINATOR, SYSTEM), effects=(touch,),
           visibility=Visibility.STAFF, record_only=True),
    # The members keep their profile; every change is in the history. A change to the public
    # identity of an approved organisation (name, web site, representative) is told to 協働推進課.
    Action(A.UPDATE_PROFILE, sources=tuple(S.values), actors=(MEMBER, SYSTEM), effects=(touch,),
           comment=Comment.NONE, record_only=True),
    Action(A.CHANGE_IDENTITY, sources=(S.APPROVED,), actors=(MEMBER, SYSTEM), effects=(touch,),
           comment=Comment.NONE, audience=(CITY,), record_only=True),
)  # fmt: skip

ORGANIZATION_LIFECYCLE = Lifecycle(
    name="organization",
    model=Organization,
    codes=OrganizationAction,
    actions=ACTIONS,
    roles={
        MEMBER: is_member,
        COORDINATOR: lambda user, organization: is_coordinating_staff(user),
    },
    history=OrganizationTransition,
    subject_field="organization",
    stale_message=_(
        "この団体は現在「%(state)s」のため、「%(action)s」はできません。"
        "他の職員が先に操作した可能性があります。画面を更新してください。"
    ),
)

apply = ORGANIZATION_LIFECYCLE.apply
can = ORGANIZATION_LIFECYCLE.can
offered = ORGANIZATION_LIFECYCLE.offered
label = ORGANIZATION_LIFECYCLE.label

__all__ = ["ORGANIZATION_LIFECYCLE", "LifecycleError", "apply", "can", "label", "offered"]
