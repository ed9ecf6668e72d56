"""Template helpers for lists of proposals (the account's page): what each one allows and
what awaits the proposer, in a fixed number of queries."""

from django import template

from projects import permissions
from projects.models import Status, Transition

register = template.Library()


@register.simple_tag(takes_context=True)
def proposal_rows(context, projects):
    """Each project with what the user may do with it and, if staff returned it, the
    comment they returned it with."""
    user = context["request"].user
    projects = list(projects)
    rights = permissions.proposal_rights(user, projects)
    returned = [project.pk for project in projects if project.status == Status.RETURNED]
    returns = {}
    if returned:
        for transition in Transition.objects.filter(
            project_id__in=returned, action="return"
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
