"""Who manages a volunteer request and reads its applications: the organisation's members
and 協働推進課."""

from organizations.permissions import is_coordinating_staff, is_member


def can_manage_request(user, volunteer_request):
    if not user.is_authenticated:
        return False
    return is_coordinating_staff(user) or is_member(user, volunteer_request.organization)


def can_post_for(user, organization):
    """Members of an approved organisation post its requests."""
    return organization.is_public and is_member(user, organization)
