"""What every desk view shares: who may enter, export formats, the stale-edit message."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _lazy

from .. import permissions
from ..permissions import DESK_ONLY

STALE_EDIT = _lazy(
    "他の職員がこの間に内容を更新しました。入力した内容は残してあります。"
    "最新の内容を確認してから、もう一度保存してください。"
)


def desk_required(view):
    """The anonymous are sent to log in; signed-in people who are not city staff get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.can_use_desk(request.user):
            raise PermissionDenied(DESK_ONLY)
        return view(request, *args, **kwargs)

    return wrapper


def export_format(request):
    fmt = request.GET.get("export", "")
    return fmt if fmt in ("csv", "xlsx") else None
