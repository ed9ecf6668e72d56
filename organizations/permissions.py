"""Who may do what with organisations. Views and templates ask these, nobody else."""

from .models import Membership


def is_coordinating_staff(user):
    """Staff of 協働推進課, or a superuser: they review everything."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_coordinating_staff", None)
    if cached is None:
        cached = user.departments.filter(is_coordinating=True).exists() or user.has_perm(
            "organizations.review_all"
        )
        user._is_coordinating_staff = cached
    return cached


def is_city_staff(user):
    """Anyone working for the city: a member of any department."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_city_staff", None)
    if cached is None:
        cached = user.departments.exists() or user.has_perm("organizations.use_desk")
        user._is_city_staff = cached
    return cached


def membership_of(user, organization):
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organization=organization).first()


def is_member(user, organization):
    return membership_of(user, organization) is not None


def is_owner(user, organization):
    membership = membership_of(user, organization)
    return membership is not None and membership.role == Membership.Role.OWNER


def can_view_organization(user, organization):
    return organization.is_public or is_coordinating_staff(user) or is_member(user, organization)


def can_see_private_contact(user, organization):
    return is_coordinating_staff(user) or is_member(user, organization)


def can_register_organization(user):
    return user.is_authenticated and user.is_active


def can_edit_organization(user, organization):
    """Members of any role keep their organisation's profile."""
    return user.is_authenticated and user.is_active and is_member(user, organization)


def can_manage_members(user, organization):
    """Owners invite members, change roles and remove members."""
    return user.is_authenticated and user.is_active and is_owner(user, organization)


def can_invite(user, organization):
    """Owners of an approved organisation invite (the mails leave from the portal's address,
    so an organisation staff have not approved sends none)."""
    return can_manage_members(user, organization) and organization.is_public


def can_remove_membership(user, membership):
    """Owners remove members; every member may leave. The last owner stays (the service
    refuses that, whoever asks)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return membership.user_id == user.pk or can_manage_members(user, membership.organization)
