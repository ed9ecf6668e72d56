"""The public side of open calls: the list and each call's page (its result once closed, and
nothing of the scoring before), and the organisation's way in: starting a proposal to an open
call and answering the call's questions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.forms import posted_data
from portal.lifecycle import LifecycleError
from portal.once import AlreadyDone
from projects.models import Project
from projects.permissions import proposable_organizations

from .. import permissions, selectors, services
from ..forms import AnswersForm, ProposeForm
from ..models import CallProposal, CallStatus


def call_list(request):
    today = timezone.localdate()
    calls = list(selectors.public_calls().order_by("-closes_on", "-pk"))
    for call in calls:
        call.phase = call.phase_label(today)
        call.accepting = call.is_accepting(today)
    return render(
        request,
        "calls/call_list.html",
        {
            "accepting": [c for c in calls if c.accepting],
            "others": [c for c in calls if not c.accepting],
        },
    )


def _public_call(pk):
    return get_object_or_404(selectors.public_calls(), pk=pk)


def call_detail(request, pk):
    call = _public_call(pk)
    today = timezone.localdate()
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "phase": call.phase_label(today),
            "accepting": call.is_accepting(today),
            "items": call.items.all(),
            "questions": call.questions.all(),
            "results": selectors.published_results(call),
            "reviewer": selectors.reviewer_of(request.user, call),
        },
    )


@login_required
def propose(request, pk):
    call = _public_call(pk)
    today = timezone.localdate()
    if not call.is_accepting(today):
        messages.error(
            request,
            _("この募集は現在、提案を受け付けていません(%(phase)s)。")
            % {"phase": call.phase_label(today)},
        )
        return redirect("calls:detail", pk=call.pk)
    organizations = proposable_organizations(request.user)
    if not organizations.exists():
        return render(
            request, "calls/propose.html", {"call": call, "no_organization": True}, status=403
        )
    form = ProposeForm(posted_data(request), organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.propose(call=call, form=form, actor=request.user)
        except AlreadyDone as done:
            messages.info(
                request, _("この提案はすでに作成しています(同じページから2回送られました)。")
            )
            return redirect(done.path or "mypage:index")
        except LifecycleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "公募「%(call)s」への提案を下書きとして作成しました。提案の内容を入力し、"
                    "公募の設問に答えてから「提出する」を押してください。"
                )
                % {"call": call.title},
            )
            return redirect("projects:proposal_edit", project.pk)
    return render(request, "calls/propose.html", {"call": call, "form": form})


def answers(request, pk, project_pk):
    proposal = get_object_or_404(
        CallProposal.objects.select_related("call", "project__lead_organization"),
        call__pk=pk,
        project__pk=project_pk,
    )
    if not permissions.can_view_answers(request.user, proposal):
        raise Http404
    call, project = proposal.call, proposal.project
    editable = permissions.can_answer(request.user, proposal) and project.status in (
        Project.Status.DRAFT,
        Project.Status.RETURNED,
    )
    if request.method == "POST" and not editable:
        messages.error(
            request,
            _("この回答は変更できません(提出済みの提案か、提案した団体のメンバーでないため)。"),
        )
        return redirect("calls:answers", pk=call.pk, project_pk=project.pk)
    current = {a.question_id: a.text for a in proposal.answers.all()}
    form = AnswersForm(
        posted_data(request) if editable else None, questions=call.questions.all(), answers=current
    )
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.answers_save(proposal=proposal, form=form)
        except LifecycleError as error:
            messages.error(request, str(error))
            return redirect("projects:proposal_detail", project.pk)
        messages.success(request, _("公募の設問への回答を保存しました。"))
        if request.POST.get("next") == "editor":
            return redirect("projects:proposal_edit", project.pk)
        return redirect("calls:answers", pk=call.pk, project_pk=project.pk)
    return render(
        request,
        "calls/answers.html",
        {
            "call": call,
            "project": project,
            "form": form,
            "editable": editable,
            "closed": call.status != CallStatus.OPEN,
        },
    )
