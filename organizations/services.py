"""Changes to organisations that touch several rows or the outside world: registration,
invitations, roles and membership, and the master data of the city profile. Views call
these and turn MembershipError into a message."""

import datetime
import hashlib
import logging
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name_of
from city.profile import current as current_city
from city.profile import mail_sender
from portal import once, uploads
from portal.changes import StaleEdit, save_edit
from portal.mail import render_subject, render_text, send_later
from portal.site import absolute_url

from . import lifecycle
from .lifecycle import ORGANIZATION_LIFECYCLE
from .models import (
    ActivityField,
    Area,
    Department,
    Invitation,
    Membership,
    Organization,
    OrganizationAction,
    StandingDocument,
)

logger = logging.getLogger(__name__)


class MembershipError(Exception):
    """A change refused for a reason the person should read."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def organization_register(*, organization, fields, owner, once_key="", at=None):
    """Save a new organisation as pending, with the registering user as its owner; 協働推進課
    is told (the lifecycle's `register` action). A second post of the same registration page
    raises portal.once.AlreadyDone instead of registering the organisation twice.

    `at` enters a registration of the past (demo data, records from before the portal): the
    portal itself records it as of that moment, and nobody is told."""
    with transaction.atomic():
        claimed = once.claim(once_key)
        organization.status = Organization.Status.PENDING
        organization.approved_at = None
        organization.save()
        organization.fields.set(fields)
        Membership.objects.create(organization=organization, user=owner, role=Membership.Role.OWNER)
        lifecycle.apply(
            organization,
            OrganizationAction.REGISTER,
            actor=owner if at is None else None,
            at=at,
        )
        once.remember(claimed, reverse("organizations:edit", args=[organization.pk]))
    return organization


def organization_update(*, form, actor):
    """Staff correct an organisation's data: saved under the row lock, refused when someone
    saved a newer version meanwhile (returns False), and recorded with each changed field."""
    try:
        save_edit(
            form=form, lifecycle=ORGANIZATION_LIFECYCLE, action=OrganizationAction.EDIT, actor=actor
        )
    except StaleEdit:
        return False
    return True


# Who the public meets: a change to these on an approved organisation is told to 協働推進課.
IDENTITY_FIELDS = ("name", "name_kana", "public_url", "representative_name")


def organization_profile_update(*, form, actor):
    """The members save their organisation's profile from its (valid) form, under the row lock:
    refused (returns False) when someone saved a newer version since the page was shown;
    every changed field is recorded, and a change of the public identity of an approved
    organisation is told to 協働推進課."""

    def logo(saved, locked):
        if getattr(form, "logo_uploaded", False) or form.cleaned_data.get("logo_clear"):
            return [{"field": "logo", "label": str(_("ロゴ")), "old": "", "new": ""}]
        return []

    def told_or_not(locked, changes):
        identity = any(change["field"] in IDENTITY_FIELDS for change in changes)
        if identity and locked.status == Organization.Status.APPROVED:
            return OrganizationAction.CHANGE_IDENTITY
        return OrganizationAction.UPDATE_PROFILE

    try:
        save_edit(
            form=form,
            lifecycle=ORGANIZATION_LIFECYCLE,
            action=told_or_not,
            actor=actor,
            names=[name for name in form.Meta.fields if name != "logo"],
            also=logo,
        )
    except StaleEdit:
        return False
    form.delete_obsolete_logo()
    return True


def invitation_create(*, organization, email, role, invited_by, once_key=""):
    """Create an invitation and e-mail its link (after the commit; a failed send is logged
    and the invitation stays, so the owner can send it again). Earlier open invitations
    to the same address are replaced: only the newest link works.

    The portal's address sends these mails, so only an approved organisation may, and no
    more than ORGANIZATION_INVITATIONS_PER_DAY in 24 hours (replaced and revoked ones count).
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # The lock makes two owners inviting at once count one after the other.
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        # The same page posted twice sends one mail (portal/once.py).
        claimed = once.claim(once_key)
        once.remember(claimed, reverse("organizations:members", args=[organization.pk]))
        _check_may_invite(organization)
        now = timezone.now()
        organization.invitations.open().filter(email__iexact=email).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now()
            + datetime.timedelta(days=settings.ORGANIZATION_INVITATION_DAYS),
        )
        accept_url = absolute_url(reverse("organizations:invitation_accept", args=[token]))
        context = {
            "city": current_city().localized(),
            "organization": organization,
            "invitation": invitation,
            "inviter_name": display_name_of(invited_by),
            "accept_url": accept_url,
            "days": settings.ORGANIZATION_INVITATION_DAYS,
        }
        transaction.on_commit(lambda: _send_invitation(invitation, context))
    return invitation


def _check_may_invite(organization):
    if not organization.is_public:
        raise MembershipError(
            _(
                "団体の登録が承認されるまで、メンバーを招待することはできません。"
                "協働推進課の承認をお待ちください。"
            )
        )
    limit = settings.ORGANIZATION_INVITATIONS_PER_DAY
    since = timezone.now() - datetime.timedelta(days=1)
    if organization.invitations.sent_since(since).count() >= limit:
        raise MembershipError(
            _(
                "招待のメールは、1つの団体から24時間に%(limit)s通までしか送れません。"
                "時間をおいてから、もう一度お試しください。"
            )
            % {"limit": limit}
        )


def invitation_revoke(*, invitation):
    """The link stops working; the invitation is kept (it was sent)."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def _send_invitation(invitation, context):
    """Through the portal's queue; the text carries the invitation's single-use link."""
    subject = render_subject("organizations/manage/email/invitation_subject.txt", context)
    message = render_text("organizations/manage/email/invitation_message.txt", context)
    try:
        send_later(
            "invitation",
            subject,
            message,
            [invitation.email],
            sender=mail_sender(),
            holds_secret=True,
        )
    except Exception as error:  # noqa: BLE001 - the invitation stays; its page can resend it
        # The log names no address (the mail server's message may quote it).
        logger.error("Sending invitation %s failed (%s)", invitation.pk, type(error).__name__)


def invitation_for_token(token):
    """The invitation a link's token belongs to, or None."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )


def user_has_verified_email(user, email):
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def invitation_accept(*, token, user):
    """Make the user a member with the invitation's role. The link works once, before it
    expires, and only for someone who confirmed the invited address."""
    with transaction.atomic():
        invitation = invitation_for_token(token)
        if invitation is None:
            raise MembershipError(_("この招待は見つかりません。"))
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.revoked_at is not None:
            raise MembershipError(_("この招待は見つかりません。"))
        if invitation.is_accepted:
            raise MembershipError(_("この招待はすでに使われています。"))
        if invitation.is_expired:
            raise MembershipError(
                _("この招待は有効期限が切れています。団体の管理者に招待し直してもらってください。")
            )
        if not user_has_verified_email(user, invitation.email):
            raise MembershipError(
                _("この招待は、招待されたメールアドレスで登録した方だけが受けられます。")
            )
        membership, created = Membership.objects.get_or_create(
            organization=invitation.organization,
            user=user,
            defaults={"role": invitation.role},
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _owner_count(organization):
    # Lock the owners' rows (PostgreSQL refuses FOR UPDATE with COUNT): two owners
    # stepping down at once cannot leave the organisation without one.
    owners = Membership.objects.select_for_update().filter(
        organization=organization, role=Membership.Role.OWNER
    )
    return len(owners.values_list("pk", flat=True))


def membership_change_role(*, membership, role):
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Membership.Role.OWNER and _owner_count(membership.organization) <= 1:
            raise MembershipError(
                _("最後の管理者の役割は変更できません。先にほかのメンバーを管理者にしてください。")
            )
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership):
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Membership.Role.OWNER and _owner_count(membership.organization) <= 1:
            raise MembershipError(
                _("最後の管理者は外せません。先にほかのメンバーを管理者にしてください。")
            )
        membership.delete()


def master_data_load(*, fields, areas, departments):
    """Write the profile's activity fields, areas and departments, matched by code, in the
    files' order. Rows the files do not name are left as they are (projects refer to them)."""
    with transaction.atomic():
        for order, row in enumerate(fields, start=1):
            ActivityField.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "short_name": row.get("short_name", ""),
                    "name_en": row.get("name_en", ""),
                    "short_name_en": row.get("short_name_en", ""),
                    "order": order,
                },
            )
        for order, row in enumerate(areas, start=1):
            Area.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "name_en": row.get("name_en", ""), "order": order},
            )
        for order, row in enumerate(departments, start=1):
            Department.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "name_en": row.get("name_en", ""),
                    "is_coordinating": row.get("is_coordinating", False),
                    "phone": row.get("phone", ""),
                    "email": row.get("email", ""),
                    "order": order,
                },
            )


def standing_document_add(*, organization, kind, upload, checked, valid_until, actor):
    """Keep a checked upload (portal.uploads) as one of the organisation's documents."""
    document = StandingDocument(
        organization=organization,
        kind=kind,
        original_name=uploads.clean_file_name(upload.name),
        content_type=checked.content_type,
        size=checked.size,
        valid_until=valid_until,
        uploaded_by=actor,
    )
    document.file.save("upload", upload, save=False)
    document.save()
    return document


def standing_document_remove(*, document):
    """Remove the document and, once that is committed, its file (the copies attached to
    proposals stay with them)."""
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
