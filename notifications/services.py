"""E-mail to the people concerned by a transition, sent after the transaction commits.

A failing mail server never undoes or loses a transition: every lifecycle calls `announce`
after its transaction commits (NotificationsConfig.ready subscribes it), and a failed send is logged and recorded as a
`NotificationFailure` that staff see on their desk and can send again.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone

from city.profile import current as current_city
from city.profile import mail_sender
from organizations.models import Department
from portal.mail import render_subject, render_text
from portal.site import absolute_url
from principles.selectors import expected_parties
from principles.services import default_deadline
from projects.models import Project

from .models import NotificationFailure

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


def send(kind, recipients, context, *, project=None, organization=None):
    """Render `email/<kind>_subject.txt` and `email/<kind>.txt` and send them.

    Returns True when the mail server took the message. Never raises for a mail failure.
    """
    recipients = sorted(set(recipients))
    if not recipients:
        return True
    context = {"city": current_city().localized(), **context}
    subject = render_subject(f"email/{kind}_subject.txt", context)
    body = render_text(f"email/{kind}.txt", context)
    return _deliver(kind, subject, body, recipients, project=project, organization=organization)


def _deliver(kind, subject, body, recipients, *, project=None, organization=None):
    try:
        send_mail(subject, body, mail_sender(), recipients)
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
        context.update(
            {
                "entry": entry,
                "transition": entry,
                subject_field: subject,
                "action_label": lifecycle.label(entry.action),
                "comment": entry.comment,
            }
        )
        send(kind, recipients, context, **_failure_keys(subject_field, subject))


def _failure_keys(subject_field, subject):
    """What a failed mail is filed under on the desk: its project or organisation (an
    evaluation's is its project)."""
    if subject_field in ("project", "organization"):
        return {subject_field: subject}
    project = getattr(subject, "project", None)
    return {"project": project} if isinstance(project, Project) else {}


def _project_organization(project, entry=None):
    return organization_member_emails(project.lead_organization), _project_links(project)


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
