"""The contact request lifecycle, declared once (see portal/lifecycle.py).

open ──accept──▶ accepted   (both sides get the other's contact by mail)
  ├──decline──▶ declined    (the sender is told politely; nothing is shared)
  └──withdraw─▶ withdrawn   (the sender changed their mind)
"""

from django.utils.translation import gettext_lazy as _

from portal.lifecycle import SYSTEM, Action, Comment, Lifecycle, LifecycleError

from . import permissions
from .contact import find_contact
from .models import ContactRequest, ContactRequestAction, ContactRequestTransition

A = ContactRequestAction
S = ContactRequest.Status
SENDER, RECIPIENT = "sender", "recipient"
# Audiences: the sending organisation's side (the person who asked and its owners), and the
# recipient's owners.
SENDERS, RECIPIENTS = "sender", "recipient"


def both_public(step):
    """A pending or suspended organisation is never put in touch."""
    contact_request = step.obj
    if not (contact_request.sender.is_public and contact_request.recipient.is_public):
        return _("どちらかの団体が現在公開されていないため、連絡先は交換できません。")
    return None


def no_address_in_comment(step):
    """A reply is read before anything is shared: it carries no address either."""
    if find_contact(step.comment):
        return _(
            "メッセージにメールアドレスや電話番号は書かないでください。"
            "お断りするときは何も伝わりません。"
        )
    return None


def stamp_answer(step):
    step.obj.answered_at = step.now
    step.obj.answered_by = step.actor
    step.update_fields.update({"answered_at", "answered_by"})


ACTIONS = (
    Action(A.SEND, sources=(S.OPEN,), actors=(SENDER, SYSTEM), comment=Comment.NONE,
           audience=(RECIPIENTS,), record_only=True),
    Action(A.ACCEPT, sources=(S.OPEN,), target=S.ACCEPTED, actors=(RECIPIENT, SYSTEM),
           requires=(both_public,), effects=(stamp_answer,), comment=Comment.OPTIONAL,
           comment_label=_("相手へのメッセージ"), audience=(SENDERS, RECIPIENTS)),
    Action(A.DECLINE, sources=(S.OPEN,), target=S.DECLINED, actors=(RECIPIENT, SYSTEM),
           requires=(no_address_in_comment,), effects=(stamp_answer,),
           comment=Comment.OPTIONAL, comment_label=_("相手へのメッセージ"),
           audience=(SENDERS,)),
    Action(A.WITHDRAW, sources=(S.OPEN,), target=S.WITHDRAWN, actors=(SENDER, SYSTEM),
           comment=Comment.NONE, audience=(RECIPIENTS,)),
)  # fmt: skip

CONTACT_LIFECYCLE = Lifecycle(
    name="contact",
    model=ContactRequest,
    codes=ContactRequestAction,
    actions=ACTIONS,
    roles={SENDER: permissions.is_sender_member, RECIPIENT: permissions.is_recipient_owner},
    history=ContactRequestTransition,
    subject_field="contact_request",
    stale_message=_(
        "この連絡のお願いは現在「%(state)s」のため、「%(action)s」はできません。"
        "画面を更新してください。"
    ),
)

apply = CONTACT_LIFECYCLE.apply
offered = CONTACT_LIFECYCLE.offered

__all__ = ["CONTACT_LIFECYCLE", "LifecycleError", "apply", "offered"]
