"""Template helpers for lists of proposals (the account's page): what each one allows and
what awaits the proposer, in a fixed number of queries."""

from django import template

from organizations.models import Membership
from projects import lifecycle, permissions
from projects.models import ProjectAction, Status, Transition

register = template.Library()


@register.simple_tag(takes_context=True)
def proposal_rows(context, projects):
    """Each project with what the user may do with it and, if staff returned it, the
    comment they returned it with."""
    user = context["request"].user
    projects = list(projects)
    rights = proposal_rights(user, projects)
    returned = [project.pk for project in projects if project.status == Status.RETURNED]
    returns = {}
    if returned:
        for transition in Transition.objects.filter(
            project_id__in=returned, action=ProjectAction.RETURN
        ).order_by("created_at", "id"):
            returns[transition.project_id] = transition
    return [
        {"project": project, **rights[project.pk], "returned_with": returns.get(project.pk)}
        for project in projects
    ]


@register.simple_tag(takes_context=True)
def can_propose(context):
    return permissions.can_propose(context["request"].user)


@register.filter
def awaiting(rows):
    """The rows that wait for the proposer: returned proposals to answer."""
    return [row for row in rows if row["returned_with"] and row["can_edit"]]


def proposal_rights(user, projects):
    """can_edit / can_withdraw for a list of projects at once (one query, for lists); the
    same rules as permissions.can_edit_proposal and the lifecycle's withdraw."""
    member_of = set()
    if user.is_authenticated and projects:
        member_of = set(
            Membership.objects.filter(user=user).values_list("organization_id", flat=True)
        )
    withdrawable = lifecycle.PROJECT_LIFECYCLE.action(ProjectAction.WITHDRAW).sources
    return {
        project.pk: {
            "can_edit": project.status in permissions.EDITABLE_STATUSES
            and project.lead_organization_id in member_of,
            "can_withdraw": project.status in withdrawable
            and project.lead_organization_id in member_of,
        }
        for project in projects
    }
