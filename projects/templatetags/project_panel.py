"""The panel the lead organisation's members see on their project page: what they can file
(results report, 後援 notices) and the history of decisions with the staff's comments."""

from django import template

from portal.history import PARTIES, history_items
from projects import lifecycle, permissions
from projects.models import ProjectAction

register = template.Library()


@register.inclusion_tag("projects/includes/member_panel.html", takes_context=True)
def member_panel(context, project):
    user = context["request"].user
    if not permissions.is_lead_member(user, project):
        return {"show": False}
    return {
        "show": True,
        "project": project,
        "can_report": permissions.can_write_report(user, project),
        "can_notice": lifecycle.can(user, project, ProjectAction.CHANGE_NOTICE),
        "history": history_items(
            project.transitions.all(), lifecycle=lifecycle.PROJECT_LIFECYCLE, audience=PARTIES
        ),
    }
