"""Who may see and edit projects. Views, templates and the lifecycle ask these.

What each role may *do* to a project (submit, approve, file a notice, …) is declared in the
lifecycle table (projects/lifecycle.py) and asked of it: `lifecycle.can(user, project, code)`.
"""

from organizations.models import Organization
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


def is_partner_member(user, project):
    """A member of an organisation named as one of the project's partners."""
    if not user.is_authenticated:
        return False
    return project.partners.filter(organization__memberships__user=user).exists()


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


# --- Results report (the organisation side, after approval) --------------------------------


def can_see_report_page(user, project):
    """The lead organisation's members and the city staff concerned."""
    return (
        is_lead_member(user, project)
        or is_coordinating_staff(user)
        or is_department_staff(user, project)
    )


def can_write_report(user, project):
    """Only the lead organisation's members write the report, while the project runs."""
    return project.status == Status.PUBLISHED and is_lead_member(user, project)


# --- Proposals (the organisation side) ---------------------------------------------------


def proposable_organizations(user):
    """The organisations the user may propose for: approved ones they are a member of."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.public().filter(memberships__user=user).order_by("name_kana")


def can_propose(user):
    return proposable_organizations(user).exists()


def can_view_proposal(user, project):
    """The proposal in every state, with its files and self-check: the lead organisation's
    members and the city staff concerned. Never the public, even once published."""
    return (
        is_lead_member(user, project)
        or is_coordinating_staff(user)
        or is_department_staff(user, project)
    )


def can_view_project_files(user, project):
    """Attachments hold personal data (役員名簿 and the like): only those who see the
    proposal itself, and only if they may see the project at all."""
    return can_view_project(user, project) and can_view_proposal(user, project)
