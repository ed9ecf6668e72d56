"""What the volunteer pages read. A request is public when its organisation is approved and,
where it names a project, the project is public (`Project.objects.public()`)."""

from django.db.models import Q

from organizations.models import Organization
from projects.models import Project

from .models import VolunteerRequest

TOP_PAGE_REQUESTS = 6


def public_requests():
    return VolunteerRequest.objects.filter(
        Q(project__isnull=True) | Q(project__in=Project.objects.public()),
        organization__in=Organization.objects.public(),
    ).select_related("organization", "organization__area", "project")


def open_requests():
    return public_requests().filter(is_open=True)


def open_requests_of_organization(organization):
    return open_requests().filter(organization=organization)


def open_requests_of_project(project):
    return open_requests().filter(project=project)


def applications_of(volunteer_request):
    return volunteer_request.applications.select_related("user")


def applications_of_user(user):
    return user.volunteer_applications.select_related("request", "request__organization").order_by(
        "-created_at"
    )


def requests_to_answer(user):
    """The requests of the user's organisations, with applications, for /mypage/."""
    return (
        VolunteerRequest.objects.filter(organization__memberships__user=user)
        .select_related("organization")
        .distinct()
    )
