"""Sending a contact request: the checks that keep the portal from being a way to pester
(one open request per pair, none to oneself, none after contacts were exchanged, a pause
after a refusal, a daily limit per organisation), under a lock on both organisations so that
two requests of the same pair sent at once make one."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from portal import once

from . import lifecycle
from .models import ContactRequest, ContactRequestAction, RelatedWords

PER_DAY = 5  # requests one organisation may send in 24 hours
PAUSE_AFTER_DECLINE = datetime.timedelta(days=90)


class ContactError(Exception):
    """A request that cannot be sent; the message says why."""


def _pair(a, b):
    return Q(sender=a, recipient=b) | Q(sender=b, recipient=a)


def _refusal(sender, recipient, user, now):
    if sender.pk == recipient.pk:
        return _("自分の団体に連絡をお願いすることはできません。")
    if not sender.is_public:
        return _("承認された団体のメンバーだけが連絡をお願いできます。")
    if not recipient.is_public:
        return _("この団体には連絡をお願いできません。")
    if not sender.memberships.filter(user=user).exists():
        return _("あなたはこの団体のメンバーではありません。")
    if recipient.memberships.filter(user=user).exists():
        return _("あなたが所属している団体には、連絡をお願いする必要はありません。")
    between = ContactRequest.objects.filter(_pair(sender, recipient))
    if between.filter(status=ContactRequest.Status.OPEN).exists():
        return _("この団体とのあいだには、回答を待っている連絡のお願いがすでにあります。")
    if between.filter(status=ContactRequest.Status.ACCEPTED).exists():
        return _("この団体とは、すでに連絡先を交換しています。")
    if ContactRequest.objects.filter(
        sender=sender,
        recipient=recipient,
        status=ContactRequest.Status.DECLINED,
        answered_at__gt=now - PAUSE_AFTER_DECLINE,
    ).exists():
        return _(
            "この団体からは、最近お断りの回答がありました。"
            "しばらく日をおいてから、あらためてお願いしてください。"
        )
    if (
        ContactRequest.objects.filter(
            sender=sender, created_at__gt=now - datetime.timedelta(days=1)
        ).count()
        >= PER_DAY
    ):
        return _(
            "連絡のお願いは1つの団体から1日%(count)s件までです。明日またお願いしてください。"
        ) % {"count": PER_DAY}
    return None


def refusal(*, sender, recipient, user):
    """Why a request from `sender` to `recipient` would be refused now (None: it would be
    sent), for the form to say before anything is typed."""
    return _refusal(sender, recipient, user, timezone.now())


def contact_request_send(*, sender, recipient, user, message, once_key="", at=None):
    """Send a contact request from `sender` (an approved organisation `user` belongs to) to
    `recipient`; its owners are told by mail after the commit. Raises ContactError."""
    now = at or timezone.now()
    with transaction.atomic():
        claimed = once.claim(once_key)
        # Both organisations locked in one order: the checks below see every request of the
        # pair that was sent before, and the next one waits for this one.
        locked = {
            organization.pk: organization
            for organization in Organization.objects.select_for_update()
            .filter(pk__in=[sender.pk, recipient.pk])
            .order_by("pk")
        }
        sender, recipient = locked.get(sender.pk, sender), locked.get(recipient.pk, recipient)
        refusal = _refusal(sender, recipient, user, now)
        if refusal:
            raise ContactError(refusal)
        try:
            with transaction.atomic():
                contact_request = ContactRequest.objects.create(
                    sender=sender, recipient=recipient, sender_user=user, message=message
                )
        except IntegrityError as error:
            raise ContactError(
                _("この団体とのあいだには、回答を待っている連絡のお願いがすでにあります。")
            ) from error
        if at is not None:
            ContactRequest.objects.filter(pk=contact_request.pk).update(created_at=at)
        lifecycle.apply(
            contact_request,
            ContactRequestAction.SEND,
            actor=user if at is None else None,
            at=at,
        )
        once.remember(claimed, reverse("matching:detail", args=[contact_request.pk]))
    return contact_request


def related_words_load(*, groups):
    """Write the profile's groups of related words, matched by code, in the file's order."""
    with transaction.atomic():
        for order, row in enumerate(groups, start=1):
            RelatedWords.objects.update_or_create(
                code=row["code"],
                defaults={"words": "\n".join(row["words"]), "order": order},
            )
