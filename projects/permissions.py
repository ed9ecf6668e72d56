"""Who may do what with projects. Views, templates and the workflow ask these."""

from organizations.permissions import is_coordinating_staff, is_member

from .models import Status

EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


def is_department_staff(user, project):
    """Staff of the project's responsible department (担当課)."""
    if not user.is_authenticated or project.department_id is None:
        return False
    return user.departments.filter(pk=project.department_id).exists()


def is_lead_member(user, project):
    return is_member(user, project.lead_organization)


def can_view_project(user, project):
    if project.is_public:
        return True
    return (
        is_coordinating_staff(user)
        or is_department_staff(user, project)
        or is_lead_member(user, project)
    )


def can_edit_proposal(user, project):
    """Only the lead organisation's members edit a draft or a returned proposal."""
    return project.status in EDITABLE_STATUSES and is_lead_member(user, project)


def can_review(user, project):
    """Approve, return, reject, hide: 協働推進課."""
    return is_coordinating_staff(user)
