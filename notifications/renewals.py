"""The yearly renewal reminder of an organisation's documents (規約・会則, 役員名簿, …):
RENEW_BEFORE_DAYS before a document's valid-until date, its organisation's owners are
mailed once (a new valid-until date, after renewal, asks again). Run daily by Celery beat
(config/scaling.py's BEAT_SCHEDULE) through notifications.tasks."""

import datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from organizations.models import Membership, StandingDocument
from portal.site import absolute_url

from .services import _emails, send

RENEW_BEFORE_DAYS = 30


def documents_to_renew(today=None):
    today = today or timezone.localdate()
    return (
        StandingDocument.objects.filter(
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=RENEW_BEFORE_DAYS),
        )
        .exclude(reminded_for=F("valid_until"))
        .select_related("organization")
    )


def remind_document_renewals(today=None):
    """Mail the owners of every organisation whose document runs out within
    RENEW_BEFORE_DAYS days and was not yet reminded for its date. Returns how many."""
    sent = 0
    for document in documents_to_renew(today):
        with transaction.atomic():
            # Claimed first: a second run (or a second worker) finds it reminded.
            claimed = (
                StandingDocument.objects.filter(pk=document.pk)
                .exclude(reminded_for=document.valid_until)
                .update(reminded_for=document.valid_until)
            )
            if not claimed:
                continue
            organization = document.organization
            owners = [
                membership.user
                for membership in Membership.objects.filter(
                    organization=organization, role=Membership.Role.OWNER
                ).select_related("user")
            ]
            send(
                "standing_document_renewal",
                _emails(owners),
                {
                    "organization": organization,
                    "document": document,
                    "url": absolute_url(reverse("organizations:documents", args=[organization.pk])),
                },
                organization=organization,
                key=f"standing-document:{document.pk}:{document.valid_until.isoformat()}",
            )
        sent += 1
    return sent
