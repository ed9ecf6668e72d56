"""Who may do what with open calls. Views and templates ask these, nobody else."""

from organizations.permissions import is_coordinating_staff
from projects.permissions import can_view_proposal, is_lead_member


def can_manage(user):
    """Open, edit and close calls, appoint reviewers, decide 採択 / 不採択: 協働推進課."""
    return is_coordinating_staff(user)


def can_answer(user, proposal):
    """The answers to the call's questions: the proposing organisation's members."""
    return is_lead_member(user, proposal.project)


def can_view_answers(user, proposal):
    return can_view_proposal(user, proposal.project)
