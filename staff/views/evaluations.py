"""The city side's mutual evaluation at the desk, and who is still missing.

The city side (the project's 担当課, or 協働推進課 where it has none) enters its evaluation
here, sees who is missing and by when, reminds the open parties and extends their deadline;
協働推進課 may mark a party that never answers as declined, with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from portal.forms import posted_data
from portal.history import STAFF
from portal.lifecycle import LifecycleError
from principles import permissions, services
from principles.forms import DeclineForm, ExtendForm, RemindForm
from principles.views import evaluation_history, evaluation_page
from projects.models import Project

from ..permissions import COORDINATING_ONLY
from .common import desk_required

# Who may use what the 403 page refuses (templates/403.html shows the message).
CITY_SIDE_ONLY = _lazy("市側の相互評価は、この事業を担当する課と協働推進課の職員が入力します。")
ALREADY_DONE = _lazy("この当事者はすでに提出したか、辞退として扱われています。")
ALREADY_DONE_NAMED = _lazy(
    "「%(name)s」はすでに提出したか、辞退として扱われています。画面を更新してください。"
)


def _project(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("lead_organization", "department"),
        pk=pk,
        status__in=services.EVALUATION_OPEN,
    )
    if not permissions.can_enter_for_city(request.user, project):
        raise PermissionDenied(CITY_SIDE_ONLY)
    return project


def _page(request, project, posted=None):
    """The desk's evaluation page; `posted` is the one form of its own sent back with its
    errors (the party's evaluation is then shown unposted)."""
    evaluations = services.evaluations_open(project=project)
    city = next((e for e in evaluations if e.is_city), None)
    if city is None:
        raise Http404
    posted = posted or {}
    today = timezone.localdate()
    for evaluation in evaluations:
        evaluation.overdue = evaluation.is_overdue(today)
    open_parties = [e for e in evaluations if not e.is_done]
    open_partners = [e for e in open_parties if not e.is_city]
    can_decline = permissions.can_mark_declined(request.user)
    forms = {}
    if project.status == Project.Status.COMPLETED and open_parties:
        forms["remind_form"] = posted.get("remind") or RemindForm(evaluations=open_parties)
        forms["extend_form"] = posted.get("extend") or ExtendForm(evaluations=open_parties)
        if can_decline and open_partners:
            forms["decline_form"] = posted.get("decline") or DeclineForm(evaluations=open_partners)
    return evaluation_page(
        request,
        project=project,
        evaluation=city,
        template="staff/evaluation_form.html",
        redirect_to=reverse("staff:evaluation", args=[project.pk]),
        bound=not posted,
        extra={
            "parties": evaluations,
            "notes_url": reverse("principles:joint_notes", args=[project.pk]),
            "history_actors": True,
            "history_subjects": True,
            "history": evaluation_history(evaluations, audience=STAFF),
            **forms,
        },
    )


@desk_required
def evaluation_city(request, pk):
    return _page(request, _project(request, pk))


def _open_parties(project):
    return [e for e in services.evaluations_open(project=project) if not e.is_done]


@require_POST
@desk_required
def evaluation_decline(request, pk):
    project = _project(request, pk)
    if not permissions.can_mark_declined(request.user):
        raise PermissionDenied(COORDINATING_ONLY)
    open_parties = [e for e in _open_parties(project) if not e.is_city]
    form = DeclineForm(posted_data(request), evaluations=open_parties)
    if form.is_valid():
        evaluation = next(e for e in open_parties if e.pk == form.cleaned_data["evaluation"])
        try:
            services.evaluation_decline(
                evaluation=evaluation, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except (services.NotEditable, services.NotOpen):
            form.add_error(None, ALREADY_DONE)
        except LifecycleError as error:
            form.add_error("reason" if error.field == "comment" else None, str(error))
        else:
            messages.success(
                request,
                _("「%(name)s」の相互評価を辞退として扱いました。")
                % {"name": evaluation.party_name},
            )
            return redirect("staff:evaluation", pk=project.pk)
    return _page(request, project, posted={"decline": form})


def _each_party(request, project, form, act, done_message, error_field=None):
    """Take one action (remind, extend) for every chosen party; the first refusal is shown
    beside the form and the parties already done stay done (each is its own record)."""
    done = []
    for evaluation in form.chosen():
        try:
            act(evaluation)
        except (services.NotEditable, services.NotOpen):
            form.add_error("parties", ALREADY_DONE_NAMED % {"name": evaluation.party_name})
        except LifecycleError as error:
            field = "comment" if error.field == "comment" else error_field
            form.add_error(field, f"{evaluation.party_name}: {error}")
            break
        else:
            done.append(evaluation.party_name)
    if done:
        messages.success(request, done_message % {"names": "、".join(done)})
    if form.errors:
        return None
    return redirect("staff:evaluation", pk=project.pk)


@require_POST
@desk_required
def evaluation_remind(request, pk):
    """催促: mail the chosen open parties their link again (each recorded in its history)."""
    project = _project(request, pk)
    form = RemindForm(posted_data(request), evaluations=_open_parties(project))
    if form.is_valid():
        comment = form.cleaned_data["comment"]
        response = _each_party(
            request,
            project,
            form,
            lambda e: services.evaluation_remind(evaluation=e, actor=request.user, comment=comment),
            _("%(names)s に相互評価の催促のメールを送りました。"),
        )
        if response is not None:
            return response
    return _page(request, project, posted={"remind": form})


@require_POST
@desk_required
def evaluation_extend(request, pk):
    """Extend the chosen open parties' deadline (each told, each recorded)."""
    project = _project(request, pk)
    form = ExtendForm(posted_data(request), evaluations=_open_parties(project))
    if form.is_valid():
        deadline, comment = form.cleaned_data["deadline"], form.cleaned_data["comment"]
        response = _each_party(
            request,
            project,
            form,
            lambda e: services.evaluation_extend(
                evaluation=e, actor=request.user, deadline=deadline, comment=comment
            ),
            _("%(names)s の提出期限を延長しました。"),
            error_field="deadline",
        )
        if response is not None:
            return response
    return _page(request, project, posted={"extend": form})
