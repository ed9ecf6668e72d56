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


# --- Results report and 後援 notices (the organisation side, after approval) ------------


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


def can_file_notice(user, project):
    """The organiser files a 後援 change or cancellation notice after approval."""
    return (
        project.form == "patronage"
        and project.status == Status.PUBLISHED
        and is_lead_member(user, project)
    )


# --- Proposals (the organisation side) ---------------------------------------------------

WITHDRAWABLE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)


def proposable_organizations(user):
    """The organisations the user may propose for: approved ones they are a member of."""
    from organizations.models import Organization

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


def can_submit_proposal(user, project):
    return can_edit_proposal(user, project)


def can_withdraw_proposal(user, project):
    return project.status in WITHDRAWABLE_STATUSES and is_lead_member(user, project)


def proposal_rights(user, projects):
    """can_edit / can_withdraw for a list of projects at once (one query, for lists)."""
    from organizations.models import Membership

    member_of = set()
    if user.is_authenticated:
        member_of = set(
            Membership.objects.filter(user=user).values_list("organization_id", flat=True)
        )
    return {
        project.pk: {
            "can_edit": project.status in EDITABLE_STATUSES
            and project.lead_organization_id in member_of,
            "can_withdraw": project.status in WITHDRAWABLE_STATUSES
            and project.lead_organization_id in member_of,
        }
        for project in projects
    }
