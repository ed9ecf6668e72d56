"""Open calls at the desk (協働推進課): the list, registering and editing a call with its
scoring items and questions, its page (actions, reviewers, the ranking of the proposals with
totals and averages, 採択 / 不採択), and its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calls import lifecycle, permissions, selectors, services
from calls.forms import (
    AppointForm,
    CallForm,
    DecisionForm,
    QuestionFormSet,
    ScoringItemFormSet,
)
from calls.lifecycle import UNDECIDED
from calls.models import Call, CallAction, CallProposal, CallStatus, Reviewer
from portal.actions import perform
from portal.changes import StaleEdit
from portal.forms import posted_data
from portal.history import STAFF, history_items
from portal.lifecycle import LifecycleError

from ..permissions import COORDINATING_ONLY
from .common import STALE_EDIT, desk_required

# The state changes offered as buttons on the call's page.
STEPS = (CallAction.OPEN, CallAction.START_REVIEW, CallAction.CLOSE)


def _manager_required(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied(COORDINATING_ONLY)


@desk_required
def call_list(request):
    _manager_required(request)
    calls = (
        Call.objects.select_related("department")
        .annotate(
            received=Count(
                "proposals", filter=Q(proposals__project__status__in=selectors.REVIEWABLE)
            ),
            reviewer_count=Count("reviewers", distinct=True),
        )
        .order_by("-fiscal_year", "-opens_on", "-pk")
    )
    return render(request, "staff/call_list.html", {"calls": calls})


def _formsets(request, call):
    data = posted_data(request)
    items = None
    if call.pk is None or call.status == CallStatus.DRAFT:
        items = ScoringItemFormSet(data, instance=call, prefix="items")
        questions = QuestionFormSet(data, instance=call, prefix="questions")
    else:
        questions = None
    return items, questions


def _call_form_page(request, call):
    form = CallForm(posted_data(request), instance=call)
    items, questions = _formsets(request, call)
    parts = [f for f in (form, items, questions) if f is not None]
    # Validate every part (no short circuit), so that every error shows at once.
    valid = request.method == "POST" and [part.is_valid() for part in parts]
    if valid and all(valid):
        creating = call.pk is None
        try:
            saved = services.call_save(
                form=form,
                items=items,
                questions=questions,
                actor=request.user,
            )
        except StaleEdit:
            form.add_error(None, STALE_EDIT)
        else:
            message = (
                _("募集「%(title)s」を登録しました。")
                if creating
                else _("募集「%(title)s」を保存しました。")
            )
            messages.success(request, message % {"title": saved.title})
            return redirect("staff:call_file", pk=saved.pk)
    return render(
        request,
        "staff/call_form.html",
        {"form": form, "items": items, "questions": questions, "call": call},
    )


@desk_required
def call_create(request):
    _manager_required(request)
    return _call_form_page(request, Call())


@desk_required
def call_edit(request, pk):
    _manager_required(request)
    return _call_form_page(request, get_object_or_404(Call, pk=pk))


@desk_required
def call_file(request, pk):
    _manager_required(request)
    return _file_page(request, get_object_or_404(Call, pk=pk))


def _file_page(request, call, *, appoint_form=None, decision_form=None, status=200):
    """The call's page; a form sent back with errors (appointing, a decision) is shown bound,
    its errors beside its fields."""
    call = Call.objects.select_related("department", "created_by").get(pk=call.pk)
    ranking = selectors.standings(call)
    deciding = call.status == CallStatus.REVIEWING
    for standing in ranking:
        standing.undecided = standing.project.status in UNDECIDED
        prefix = f"decide-{standing.project.pk}"
        if not (deciding and standing.undecided):
            standing.decision_form = None
        elif decision_form is not None and decision_form.prefix == prefix:
            standing.decision_form = decision_form
        else:
            standing.decision_form = DecisionForm(prefix=prefix)
    drafts = call.proposals.exclude(project__status__in=selectors.REVIEWABLE).select_related(
        "project__lead_organization"
    )
    return render(
        request,
        "staff/call_file.html",
        {
            "call": call,
            "items": call.items.all(),
            "questions": call.questions.all(),
            "offers": lifecycle.offered(request.user, call, codes=STEPS),
            "reviewers": call.reviewers.select_related("user"),
            "appoint_form": appoint_form or AppointForm(),
            "can_appoint": call.status != CallStatus.CLOSED,
            "ranking": ranking,
            "drafts": drafts,
            "summary_forms": [f for f in (appoint_form, decision_form) if f is not None],
            "history": history_items(
                call.history.all(), lifecycle=lifecycle.CALL_LIFECYCLE, audience=STAFF
            ),
        },
        status=status,
    )


@require_POST
@desk_required
def call_action(request, pk, action):
    _manager_required(request)
    call = get_object_or_404(Call, pk=pk)
    if action not in STEPS:
        raise Http404
    return perform(
        request,
        lifecycle.CALL_LIFECYCLE,
        call,
        action,
        back=reverse("staff:call_file", args=[pk]),
        done=lambda done: (
            _("募集「%(title)s」: 「%(action)s」を行いました。")
            % {"title": done.title, "action": lifecycle.label(action)}
        ),
        name=call.title,
    )


@require_POST
@desk_required
def call_appoint(request, pk):
    _manager_required(request)
    call = get_object_or_404(Call, pk=pk)
    form = AppointForm(request.POST)
    if not form.is_valid():
        return _file_page(request, call, appoint_form=form)
    try:
        reviewer = services.appoint(call=call, user=form.user, actor=request.user)
    except LifecycleError as error:
        form.add_error("email", str(error))
        return _file_page(request, call, appoint_form=form)
    else:
        messages.success(
            request,
            _("%(name)sさんを審査委員に委嘱しました。ご本人にメールでお知らせします。")
            % {"name": reviewer.display_name},
        )
    return redirect("staff:call_file", pk=pk)


@require_POST
@desk_required
def call_dismiss(request, pk, reviewer_pk):
    _manager_required(request)
    reviewer = get_object_or_404(
        Reviewer.objects.select_related("call", "user"), pk=reviewer_pk, call__pk=pk
    )
    name = reviewer.display_name
    try:
        services.dismiss(reviewer=reviewer, actor=request.user)
    except LifecycleError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)sさんを審査委員から外しました。その方の採点は集計に含まれません。")
            % {"name": name},
        )
    return redirect("staff:call_file", pk=pk)


@require_POST
@desk_required
def call_decide(request, pk, project_pk):
    _manager_required(request)
    proposal = get_object_or_404(
        CallProposal.objects.select_related("call", "project"), call__pk=pk, project__pk=project_pk
    )
    form = DecisionForm(request.POST, prefix=f"decide-{project_pk}")
    if not form.is_valid():
        return _file_page(request, proposal.call, decision_form=form)
    decision = form.cleaned_data["decision"]
    try:
        services.decide(
            proposal=proposal,
            decision=decision,
            comment=form.cleaned_data["comment"].strip(),
            actor=request.user,
        )
    except LifecycleError as error:
        messages.error(request, str(error))
    else:
        done = _("採択") if decision == DecisionForm.ADOPT else _("不採択")
        messages.success(
            request,
            _("「%(title)s」を%(decision)sとしました。団体にメールでお知らせします。")
            % {"title": proposal.project.title, "decision": done},
        )
    return redirect("staff:call_file", pk=pk)
