"""Who may manage an event's sign-up and read its applicants: the lead organisation's
members (the organiser), the project's 担当課 and 協働推進課. Views and templates ask these."""

from organizations.permissions import is_coordinating_staff
from projects.permissions import is_department_staff, is_lead_member


def can_manage_signup(user, event):
    if not user.is_authenticated:
        return False
    project = event.project
    return (
        is_coordinating_staff(user)
        or is_department_staff(user, project)
        or is_lead_member(user, project)
    )
