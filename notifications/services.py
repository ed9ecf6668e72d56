"""E-mail to the people concerned by a transition, sent after the transaction commits.

A failing mail server never undoes or loses a transition: the workflow registers these
functions with `transaction.on_commit`, and a failed send is logged and recorded as a
`NotificationFailure` that staff see on their desk and can send again.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone

from portal.mail import render_subject, render_text
from portal.site import absolute_url

from .models import NotificationFailure

logger = logging.getLogger(__name__)

# Who hears of which project action: the organisation on a decision, the city on a filing.
TO_ORGANIZATION = {
    "approve",
    "return",
    "reject",
    "hide",
    "show",
    "complete",
    "return_report",
    "evaluate",
}
TO_CITY = {"submit", "withdraw", "submit_report", "change_notice", "cancel"}


def _emails(users):
    return sorted({user.email for user in users if user.email and user.is_active})


def coordinating_staff_emails():
    from organizations.models import Department

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


def send(kind, recipients, context, *, project=None, organization=None):
    """Render `email/<kind>_subject.txt` and `email/<kind>.txt` and send them.

    Returns True when the mail server took the message. Never raises for a mail failure.
    """
    recipients = sorted(set(recipients))
    if not recipients:
        return True
    subject = render_subject(f"email/{kind}_subject.txt", context)
    body = render_text(f"email/{kind}.txt", context)
    return _deliver(kind, subject, body, recipients, project=project, organization=organization)


def _deliver(kind, subject, body, recipients, *, project=None, organization=None):
    try:
        send_mail(subject, body, None, recipients)
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded
        logger.exception("Notification %s could not be sent to %s", kind, recipients)
        NotificationFailure.objects.create(
            kind=kind,
            subject=subject[:300],
            body=body,
            recipients="\n".join(recipients),
            error=f"{type(error).__name__}: {error}",
            project=project,
            organization=organization,
        )
        return False
    return True


def project_transition(transition_id):
    """Announce one project transition (registered on commit by the workflow)."""
    from projects.models import Transition
    from projects.workflow import action_label

    transition = (
        Transition.objects.select_related(
            "project",
            "project__lead_organization",
            "project__department",
            "project__coordinator",
            "actor",
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return
    project = transition.project
    context = {
        "transition": transition,
        "project": project,
        "action_label": action_label(transition.action),
        "project_url": absolute_url(project.get_absolute_url()),
        "file_url": absolute_url(f"/staff/projects/{project.pk}/"),
    }
    if transition.action in TO_ORGANIZATION:
        recipients = organization_member_emails(project.lead_organization)
        send("project_decision", recipients, context, project=project)
    if transition.action in TO_CITY:
        recipients = coordinating_staff_emails() + department_staff_emails(project)
        if project.coordinator_id and project.coordinator.email:
            recipients.append(project.coordinator.email)
        send("project_filing", recipients, context, project=project)


def organization_decision(organization_id, action_label, comment):
    """Tell an organisation's members that staff decided on their registration."""
    from organizations.models import Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return
    context = {
        "organization": organization,
        "action_label": action_label,
        "comment": comment,
        "organization_url": absolute_url(organization.get_absolute_url()),
    }
    send(
        "organization_decision",
        organization_member_emails(organization),
        context,
        organization=organization,
    )


def resend(failure, *, actor):
    """Try a failed notification again; on success it is marked as dealt with."""
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


def organization_registered(organization_id):
    """Tell 協働推進課 that an organisation registered and awaits review."""
    from organizations.models import Organization

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return
    context = {
        "organization": organization,
        "review_url": absolute_url(f"/staff/organizations/{organization.pk}/"),
    }
    send(
        "organization_registered",
        coordinating_staff_emails(),
        context,
        organization=organization,
    )
