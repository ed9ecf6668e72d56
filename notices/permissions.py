"""Who reads the issued documents: those who read the proposal (the lead organisation's
members, 協働推進課 and the project's 担当課); who issues them: 協働推進課."""

from organizations.permissions import is_coordinating_staff
from projects.permissions import can_view_proposal, is_lead_member


def can_read_documents(user, project):
    return can_view_proposal(user, project)


def can_issue(user, project):
    return is_coordinating_staff(user)


def is_lead(user, project):
    return is_lead_member(user, project)
