"""E-mail to the people concerned by a transition, sent after the transaction commits.

A failing mail server never undoes or loses a transition: every lifecycle calls `announce`
after its transaction commits (NotificationsConfig.ready subscribes it), which writes each
mail as an `OutgoingMail` and queues a task to send it (notifications/tasks.py). The task
tries again with growing waits; a mail the server still refuses is logged and recorded as a
`NotificationFailure` that staff see on their desk and can send again.
"""

import datetime
import logging
import uuid

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from city.profile import current as current_city
from city.profile import mail_sender
from notices.models import IssuedDocument
from organizations.models import Department
from portal.mail import render_subject, render_text
from portal.site import absolute_url
from principles.selectors import expected_parties
from principles.services import default_deadline
from projects import dialogue
from projects.models import Project

from .models import NotificationFailure, OutgoingMail

logger = logging.getLogger(__name__)

# The mail each lifecycle's audiences get: (lifecycle, audience) -> template kind. The lifecycle
# tables (projects/lifecycle.py, organizations/lifecycle.py) say which audience hears of which
# action; this says what the audience is and what it reads.
# An action may have a mail of its own: (lifecycle, audience, action) -> template kind.
MAILS = {
    ("project", "organization"): "project_decision",
    ("project", "city"): "project_filing",
    ("project", "partners"): "partner_request",
    ("project", "evaluators"): "evaluation_request",
    ("project", "city", "complete"): "evaluation_request_city",
    ("project", "organization", "return"): "project_returned",
    ("project", "organization", "submit"): "project_received",
    # The dialogue on a proposal (projects/dialogue.py).
    ("project", "city", "organization_message"): "project_message_city",
    ("project", "organization", "city_message"): "project_message",
    ("project", "city", "internal_note"): "project_note",
    ("evaluation", "party"): "evaluation_reminder",
    ("evaluation", "party", "extend"): "evaluation_deadline",
    ("call", "reviewers"): "call_review_started",
    ("call", "appointed"): "call_appointed",
    ("organization", "members"): "organization_decision",
    ("organization", "city"): "organization_registered",
    ("organization", "city", "change_identity"): "organization_identity_changed",
}


def mail_kind(lifecycle_name, audience, action):
    return MAILS.get((lifecycle_name, audience, action)) or MAILS[(lifecycle_name, audience)]


def _emails(users):
    return sorted({user.email for user in users if user.email and user.is_active})


def coordinating_staff_emails():
    users = get_user_model().objects.filter(departments__is_coordinating=True)
    emails = set(_emails(users))
    emails.update(
        d.email for d in Department.objects.filter(is_coordinating=True).exclude(email="")
    )
    return sorted(emails)


def department_staff_emails(project):
    if project.department_id is None:
        return []
    return _emails(project.department.staff.all())


def organization_member_emails(organization):
    return _emails(get_user_model().objects.filter(memberships__organization=organization))


def send(kind, recipients, context, *, project=None, organization=None, key=None):
    """Render `email/<kind>_subject.txt` and `email/<kind>.txt` and queue them.

    `key` names this very mail (a transition's entry and audience): queued twice under one
    key, it is sent once. Never raises for a mail failure.
    """
    recipients = sorted(set(recipients))
    if not recipients:
        return
    context = {"city": current_city().localized(), **context}
    subject = render_subject(f"email/{kind}_subject.txt", context)
    body = render_text(f"email/{kind}.txt", context)
    queue_mail(
        kind,
        subject,
        body,
        recipients,
        key=key or f"{kind}:{uuid.uuid4().hex}",
        project=project,
        organization=organization,
    )


def queue_mail(
    kind, subject, body, recipients, *, key, project=None, organization=None, holds_secret=False
):
    """Keep the mail, then queue its task once the mail is committed. A key already known is
    a mail already on its way: nothing is added."""
    mail, created = OutgoingMail.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "subject": subject[:300],
            "body": body,
            "recipients": "\n".join(recipients),
            "project": project,
            "organization": organization,
            "holds_secret": holds_secret,
        },
    )
    if created:
        transaction.on_commit(lambda: enqueue(mail.pk))
    return mail


def queue_account_mail(kind, subject, body, recipients, *, holds_secret=False):
    """The outbox of portal.mail.send_later (sign-up, address confirmation, password reset,
    invitations): each mail once, on the same queue as the notifications."""
    recipients = sorted(set(recipients))
    if recipients:
        key = f"{kind}:{uuid.uuid4().hex}"
        queue_mail(kind, subject, body, recipients, key=key, holds_secret=holds_secret)


def enqueue(mail_id):
    """Hand the mail to the queue. With the broker down the mail waits in the database, and
    the sweep (sweep_outgoing) queues it again."""
    from .tasks import deliver_mail

    try:
        deliver_mail.delay(mail_id)
    except Exception:  # noqa: BLE001 - any broker failure leaves the mail for the sweep
        logger.exception("Mail %s could not be queued; the sweep will queue it", mail_id)


class Outcome:
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"  # sent already, being sent, or given up: another run owns it


def deliver_queued(mail_id, *, last_try):
    """Send one queued mail, once. The claim (queued → sending) is a single UPDATE, so that
    of two runs of the same task only one talks to the mail server."""
    claimed = OutgoingMail.objects.filter(pk=mail_id, state=OutgoingMail.State.QUEUED).update(
        state=OutgoingMail.State.SENDING, attempts=F("attempts") + 1, changed_at=timezone.now()
    )
    if not claimed:
        return Outcome.SKIPPED
    mail = OutgoingMail.objects.select_related("project", "organization").get(pk=mail_id)
    try:
        send_mail(mail.subject, mail.body, mail_sender(), mail.recipient_list)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded
        if not last_try:
            # No address in the logs: the server's message may quote them (see _deliver).
            logger.warning(
                "Mail %s (%s) refused (%s), to be tried again",
                mail.pk,
                mail.kind,
                type(error).__name__,
            )
            mail.state = OutgoingMail.State.QUEUED
            mail.save(update_fields=["state", "changed_at"])
            return Outcome.RETRY
        recipients = len(mail.recipient_list)
        failure = _give_up(mail, f"{type(error).__name__}: {error}")
        logger.error(
            "Notification %s to %d recipient(s) could not be sent (%s): failure #%s",
            mail.kind,
            recipients,
            type(error).__name__,
            failure.pk,
        )
        return Outcome.FAILED
    mail.state = OutgoingMail.State.SENT
    mail.sent_at = timezone.now()
    # Only the fact that it went stays: no addresses, no text, no single-use links.
    mail.subject = mail.body = mail.recipients = ""
    mail.save(update_fields=["state", "sent_at", "subject", "body", "recipients", "changed_at"])
    return Outcome.SENT


def _give_up(mail, error):
    """The mail goes to the staff desk as a NotificationFailure, as every failed mail does;
    one that held a single-use link goes there without its text (staff ask the person to
    start again instead)."""
    failure = _record_failure(
        mail.kind,
        mail.subject,
        "" if mail.holds_secret else mail.body,
        mail.recipient_list,
        error,
        project=mail.project,
        organization=mail.organization,
        holds_secret=mail.holds_secret,
    )
    mail.state = OutgoingMail.State.FAILED
    mail.subject = mail.body = mail.recipients = ""
    mail.save(update_fields=["state", "subject", "body", "recipients", "changed_at"])
    return failure


# A mail still queued this long after its last change lost its task (the broker was down or
# lost it); one still being sent this long lost its worker.
SWEEP_AFTER_MINUTES = 30
# Sent mails are forgotten after this many days (the key only guards against a late retry).
FORGET_SENT_AFTER_DAYS = 30


def sweep_outgoing(now=None):
    """Queue again the mails whose task was lost; hand to staff those whose worker died
    while sending (they may or may not have arrived: staff decide); forget old sent ones.
    Returns how many were queued again."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(minutes=SWEEP_AFTER_MINUTES)
    waiting = OutgoingMail.objects.filter(state=OutgoingMail.State.QUEUED, changed_at__lt=stale)
    lost = list(waiting.values_list("pk", flat=True))
    for mail_id in lost:
        enqueue(mail_id)
    interrupted = OutgoingMail.objects.filter(
        state=OutgoingMail.State.SENDING, changed_at__lt=stale
    ).select_related("project", "organization")
    for mail in interrupted:
        claimed = OutgoingMail.objects.filter(
            pk=mail.pk, state=OutgoingMail.State.SENDING, changed_at=mail.changed_at
        ).update(state=OutgoingMail.State.FAILED)
        if claimed:
            _give_up(
                mail, "Interrupted: the worker stopped while sending; it may not have arrived."
            )
    OutgoingMail.objects.filter(
        state=OutgoingMail.State.SENT,
        sent_at__lt=now - datetime.timedelta(days=FORGET_SENT_AFTER_DAYS),
    ).delete()
    return len(lost)


def _deliver(kind, subject, body, recipients, *, project=None, organization=None):
    """Send at once (staff asking for a failed mail again, and wait for the answer)."""
    try:
        send_mail(subject, body, mail_sender(), recipients)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded
        failure = _record_failure(
            kind,
            subject,
            body,
            recipients,
            f"{type(error).__name__}: {error}",
            project=project,
            organization=organization,
        )
        # The log names no address: the mail server's message may quote them, and logs are
        # kept longer and read more widely than the staff desk's record of the failure.
        logger.error(
            "Notification %s to %d recipient(s) could not be sent (%s): failure #%s",
            kind,
            len(recipients),
            type(error).__name__,
            failure.pk,
        )
        return False
    return True


def _record_failure(
    kind, subject, body, recipients, error, *, project=None, organization=None, holds_secret=False
):
    return NotificationFailure.objects.create(
        kind=kind,
        subject=subject[:300],
        body=body,
        recipients="\n".join(recipients),
        error=error,
        project=project,
        organization=organization,
        holds_secret=holds_secret,
    )


def announce(lifecycle, entry_id):
    """Tell each audience of a lifecycle action what happened (registered for after the
    commit of every action by NotificationsConfig.ready)."""
    subject_field = lifecycle.subject_field
    entry = (
        lifecycle.history.objects.select_related("actor", subject_field).filter(pk=entry_id).first()
    )
    action = lifecycle.actions.get(entry.action) if entry is not None else None
    if action is None:
        return
    subject = getattr(entry, subject_field)
    for audience in action.audience:
        kind = mail_kind(lifecycle.name, audience, entry.action)
        recipients, context = AUDIENCES[(lifecycle.name, audience)](subject, entry)
        if lifecycle.name == "project" and entry.action in dialogue.MESSAGES:
            # Whoever wrote a message knows it already; the others of their side hear of it.
            recipients = [r for r in recipients if not entry.actor or r != entry.actor.email]
            context["sender"] = dialogue.author_name(entry)
            context["files"] = list(entry.files.all())
        context.update(
            {
                "entry": entry,
                "transition": entry,
                subject_field: subject,
                "action_label": lifecycle.label(entry.action),
                "comment": entry.comment,
            }
        )
        send(
            kind,
            recipients,
            context,
            key=f"{lifecycle.name}:{entry_id}:{audience}",
            **_failure_keys(subject_field, subject),
        )


def _failure_keys(subject_field, subject):
    """What a failed mail is filed under on the desk: its project or organisation (an
    evaluation's is its project)."""
    if subject_field in ("project", "organization"):
        return {subject_field: subject}
    project = getattr(subject, "project", None)
    return {"project": project} if isinstance(project, Project) else {}


def _project_organization(project, entry=None):
    context = _project_links(project)
    # The notice the decision issued (notices issues it first, after the same commit).
    notice = IssuedDocument.objects.filter(transition=entry).first() if entry else None
    if notice is not None:
        context["notice"] = notice
        context["notice_url"] = absolute_url(notice.get_absolute_url())
        context["notice_pdf_url"] = absolute_url(notice.pdf_url)
    return organization_member_emails(project.lead_organization), context


def _project_city(project, entry=None):
    recipients = coordinating_staff_emails() + department_staff_emails(project)
    if project.coordinator_id and project.coordinator.email:
        recipients.append(project.coordinator.email)
    context = _project_links(project)
    if project.status == Project.Status.COMPLETED:
        context["deadline"] = default_deadline(project)
    return recipients, context


def _project_partners(project, entry=None):
    """The members of the partner organisations still asked to confirm their role."""
    users = get_user_model().objects.filter(
        memberships__organization__partnerships__project=project,
        memberships__organization__partnerships__consent="requested",
        memberships__organization__status="approved",
    )
    return _emails(users), {**_project_links(project), "mypage_url": absolute_url("/mypage/")}


def _project_evaluators(project, entry=None):
    """The members of every organisation asked for the mutual evaluation (the lead and the
    partners that confirmed their role), with the link to their entry page."""
    organization_ids = [pk for kind, pk in expected_parties(project) if kind == "organization"]
    users = get_user_model().objects.filter(memberships__organization__in=organization_ids)
    return _emails(users), {
        **_project_links(project),
        "mypage_url": absolute_url("/mypage/"),
        "deadline": default_deadline(project),
    }


def _project_links(project):
    return {
        "project_url": absolute_url(project.get_absolute_url()),
        "file_url": absolute_url(f"/staff/projects/{project.pk}/"),
        "proposal_url": absolute_url(f"/projects/{project.pk}/proposal/"),
        "evaluation_url": absolute_url(f"/projects/{project.pk}/evaluation/"),
        "staff_evaluation_url": absolute_url(f"/staff/projects/{project.pk}/evaluation/"),
    }


def _evaluation_party(evaluation, entry=None):
    """A party asked again for its evaluation: the members of its organisation, or the city
    side's staff (its department's, and 協働推進課 for a project without one), with the link
    to its own entry page and its deadline."""
    project = evaluation.project
    links = _project_links(project)
    if evaluation.is_city:
        department = evaluation.department
        if department.is_coordinating:
            recipients = coordinating_staff_emails()
        else:
            recipients = _emails(department.staff.all())
        entry_url = links["staff_evaluation_url"]
    else:
        recipients = organization_member_emails(evaluation.organization)
        entry_url = links["evaluation_url"] + f"?organization={evaluation.organization_id}"
    return recipients, {
        **links,
        "project": project,
        "party_name": evaluation.party_name,
        "deadline": evaluation.deadline,
        "entry_url": entry_url,
        "mypage_url": absolute_url("/mypage/"),
    }


def _call_links(call):
    return {
        "call_url": absolute_url(f"/calls/{call.pk}/"),
        "review_url": absolute_url(f"/calls/{call.pk}/review/"),
        "mypage_url": absolute_url("/mypage/"),
    }


def _call_reviewers(call, entry=None):
    """Every reviewer of the call, with the link to their review page."""
    users = get_user_model().objects.filter(call_reviews__call=call)
    return _emails(users), _call_links(call)


def _call_appointed(call, entry=None):
    """The reviewer just appointed (the appointment's entry names them)."""
    user_ids = [change.get("user") for change in (entry.changes if entry else None) or []]
    users = get_user_model().objects.filter(pk__in=[pk for pk in user_ids if pk])
    return _emails(users), _call_links(call)


def _organization_members(organization, entry=None):
    return organization_member_emails(organization), {
        "organization_url": absolute_url(organization.get_absolute_url())
    }


def _organization_city(organization, entry=None):
    return coordinating_staff_emails(), {
        "review_url": absolute_url(f"/staff/organizations/{organization.pk}/")
    }


AUDIENCES = {
    ("project", "organization"): _project_organization,
    ("project", "city"): _project_city,
    ("project", "partners"): _project_partners,
    ("project", "evaluators"): _project_evaluators,
    ("evaluation", "party"): _evaluation_party,
    ("call", "reviewers"): _call_reviewers,
    ("call", "appointed"): _call_appointed,
    ("organization", "members"): _organization_members,
    ("organization", "city"): _organization_city,
}


def resend(failure, *, actor):
    """Try a failed notification again; on success it is marked as dealt with. A mail that
    held a single-use link was not kept: it cannot be sent again."""
    if failure.holds_secret:
        return False
    delivered = _deliver(
        failure.kind,
        failure.subject,
        failure.body,
        failure.recipient_list,
        project=failure.project,
        organization=failure.organization,
    )
    if delivered:
        mark_resolved(failure, actor=actor)
    return delivered


def mark_resolved(failure, *, actor):
    failure.resolved_at = timezone.now()
    failure.resolved_by = actor
    failure.save(update_fields=["resolved_at", "resolved_by"])
