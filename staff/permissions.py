"""Who may use the staff desk, and for what. Views and templates ask these, nobody else.

Roles:
- 協働推進課 staff (a member of the coordinating department, or anyone given the permission
  `organizations.review_all`, e.g. through the group 協働推進課) and superusers: review everything.
- 担当課 staff (a member of any other department, or the group 担当課 / `organizations.use_desk`): use
  the desk for the projects of their own department: read the file, accept or return its
  results report.
- Organisation members and citizens: no desk at all.

The predicates on roles live in organizations/permissions.py and projects/permissions.py;
this module composes them for the desk.
"""

from django.utils.translation import gettext_lazy as _lazy

from organizations.permissions import is_city_staff, is_coordinating_staff
from projects.permissions import is_department_staff

# Who may use what the 403 page refuses (templates/403.html shows the message).
DESK_ONLY = _lazy("職員デスクは、市の職員(協働推進課と各担当課の職員)だけが使えます。")
COORDINATING_ONLY = _lazy("この操作とページは、協働推進課の職員だけが使えます。")
FILE_ONLY = _lazy(
    "この事業のファイルは、協働推進課の職員と、この事業を担当する課の職員だけが見られます。"
)


def can_use_desk(user):
    return is_city_staff(user)


def can_review(user):
    """Organisations and proposals: approve, return, reject, suspend, hide."""
    return is_coordinating_staff(user)


def can_view_file(user, project):
    return is_coordinating_staff(user) or is_department_staff(user, project)


def can_edit_project(user, project=None):
    """Create projects for any organisation, edit their data, assign department and coordinator."""
    return is_coordinating_staff(user)


def can_review_organizations(user):
    return is_coordinating_staff(user)


def can_see_notification_failures(user):
    return is_coordinating_staff(user)


def desk_projects(user, queryset):
    """The projects the user works on at the desk: all of them, or their departments' own."""
    if is_coordinating_staff(user):
        return queryset
    if not is_city_staff(user):
        return queryset.none()
    return queryset.filter(department__staff=user)
