"""The panel the lead organisation's members see on their project page: what they can file
(results report, 後援 notices) and the history of decisions with the staff's comments."""

from django import template

from projects import permissions, workflow
from projects.models import Form, Status

register = template.Library()


def history_for_organization(project):
    from staff.models import AuditEntry

    items = [
        {
            "at": t.created_at,
            "label": workflow.action_label(t.action),
            "from": t.get_from_status_display(),
            "to": t.get_to_status_display(),
            "changed": t.from_status != t.to_status,
            "comment": t.comment,
        }
        for t in project.transitions.all()
    ]
    items += [
        {
            "at": e.created_at,
            "label": e.get_action_display(),
            "changed": False,
            "comment": e.comment,
        }
        for e in AuditEntry.objects.filter(project=project, is_for_organization=True)
    ]
    return sorted(items, key=lambda item: item["at"])


@register.inclusion_tag("projects/includes/member_panel.html", takes_context=True)
def member_panel(context, project):
    user = context["request"].user
    if not permissions.is_lead_member(user, project):
        return {"show": False}
    return {
        "show": True,
        "project": project,
        "can_report": project.status == Status.PUBLISHED,
        "can_notice": project.form == Form.PATRONAGE and project.status == Status.PUBLISHED,
        "history": history_for_organization(project),
    }
