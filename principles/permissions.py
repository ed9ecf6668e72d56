"""Who may enter which mutual evaluation (相互評価). Views and templates ask these."""

from organizations.permissions import is_coordinating_staff, is_member

from .models import Evaluation
from .selectors import city_department_id


def can_enter_for_organization(user, evaluation):
    """Members of the party's organisation enter an organisation's evaluation."""
    return (
        evaluation.organization_id is not None
        and user.is_authenticated
        and user.is_active
        and is_member(user, evaluation.organization)
    )


def can_enter_for_city(user, project):
    """The city side's evaluation: staff of its department (the 担当課, or 協働推進課 where
    there is none), and 協働推進課, which coordinates every evaluation."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinating_staff(user):
        return True
    department_id = city_department_id(project)
    return department_id is not None and user.departments.filter(pk=department_id).exists()


def can_mark_declined(user):
    """Only 協働推進課 marks a party that never answers as declined."""
    return is_coordinating_staff(user)


def joint_note_party(user, project):
    """The party (its Evaluation row) a person writes the joint notes for: the city side for
    its staff, else the first party organisation the person is a member of; None for anyone
    else. Any party may write, a declined one too: the talk is everyone's."""
    if not user.is_authenticated or not user.is_active:
        return None
    evaluations = Evaluation.objects.filter(project=project).select_related(
        "department", "organization"
    )
    if can_enter_for_city(user, project):
        return evaluations.filter(department__isnull=False).first()
    return evaluations.filter(organization__memberships__user=user).order_by("pk").first()
