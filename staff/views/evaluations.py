"""The city side's mutual evaluation at the desk, and who is still missing.

The city side (the project's 担当課, or 協働推進課 where it has none) enters its evaluation
here; 協働推進課 may mark a party that never answers as declined, with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from portal.forms import posted_data
from portal.lifecycle import LifecycleError
from principles import permissions, services
from principles.forms import DeclineForm
from principles.views import evaluation_page
from projects.models import Project

from ..permissions import COORDINATING_ONLY
from .common import desk_required

# Who may use what the 403 page refuses (templates/403.html shows the message).
CITY_SIDE_ONLY = _lazy("市側の相互評価は、この事業を担当する課と協働推進課の職員が入力します。")


def _project(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("lead_organization", "department"),
        pk=pk,
        status__in=services.EVALUATION_OPEN,
    )
    if not permissions.can_enter_for_city(request.user, project):
        raise PermissionDenied(CITY_SIDE_ONLY)
    return project


def _page(request, project, decline_form=None):
    evaluations = services.evaluations_open(project=project)
    city = next((e for e in evaluations if e.is_city), None)
    if city is None:
        raise Http404
    can_decline = permissions.can_mark_declined(request.user)
    open_parties = [e for e in evaluations if not e.is_city and not e.is_done]
    if can_decline and decline_form is None and open_parties:
        decline_form = DeclineForm(evaluations=open_parties)
    return evaluation_page(
        request,
        project=project,
        evaluation=city,
        template="staff/evaluation_form.html",
        redirect_to=reverse("staff:evaluation", args=[project.pk]),
        bound=decline_form is None or not decline_form.is_bound,
        extra={
            "parties": evaluations,
            "open_parties": open_parties if can_decline else [],
            "decline_form": decline_form if can_decline else None,
        },
    )


@desk_required
def evaluation_city(request, pk):
    return _page(request, _project(request, pk))


@require_POST
@desk_required
def evaluation_decline(request, pk):
    project = _project(request, pk)
    if not permissions.can_mark_declined(request.user):
        raise PermissionDenied(COORDINATING_ONLY)
    open_parties = [
        e for e in services.evaluations_open(project=project) if not e.is_city and not e.is_done
    ]
    form = DeclineForm(posted_data(request), evaluations=open_parties)
    if form.is_valid():
        evaluation = next(e for e in open_parties if e.pk == form.cleaned_data["evaluation"])
        try:
            services.evaluation_decline(
                evaluation=evaluation, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except (services.NotEditable, services.NotOpen):
            form.add_error(None, _("この当事者はすでに提出したか、辞退として扱われています。"))
        except LifecycleError as error:
            form.add_error("reason" if error.field == "comment" else None, str(error))
        else:
            messages.success(
                request,
                _("「%(name)s」の相互評価を辞退として扱いました。")
                % {"name": evaluation.party_name},
            )
            return redirect("staff:evaluation", pk=project.pk)
    return _page(request, project, decline_form=form)
