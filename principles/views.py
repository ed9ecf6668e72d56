from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from organizations.models import Organization
from portal import ids
from portal.forms import STALE_EDIT, posted_data
from portal.lifecycle import LifecycleError
from projects.guide import forms_with_guide
from projects.models import Project

from . import permissions, services
from .forms import EvaluationForm
from .models import Principle


def principle_list(request):
    principles = Principle.objects.prefetch_related("checklist_items")
    return render(request, "principles/principle_list.html", {"principles": principles})


def form_list(request):
    """The six forms with the guideline's explanation and the portal's projects of each."""
    counts = dict(
        Project.objects.public()
        .order_by()
        .values_list("form")
        .annotate(count=Count("id"))
        .values_list("form", "count")
    )
    forms = [{**form, "count": counts.get(form["code"], 0)} for form in forms_with_guide()]
    return render(request, "principles/form_list.html", {"forms": forms})


# --- A party's mutual evaluation (相互評価) -------------------------------------------------


def evaluation_page(request, *, project, evaluation, template, redirect_to, bound=True, extra=None):
    """The entry page of one party's evaluation, shared by the member's page and the desk:
    a draft is saved (下書き保存) or submitted (提出), which freezes it. `bound=False` shows
    it unposted (the desk's page, sent back with another form's errors)."""
    editable = not evaluation.is_done and project.status == Project.Status.COMPLETED
    posting = request.method == "POST" and bound
    submitting = posting and "submit" in request.POST
    form = None
    if editable:
        data = posted_data(request) if posting else None
        form = EvaluationForm(data, instance=evaluation, submitting=submitting)
    if posting:
        if not editable:
            messages.error(request, _("この相互評価は提出済みのため、変更できません。"))
            return redirect(redirect_to)
        if form.is_valid():
            try:
                services.evaluation_save(
                    form=form, evaluation=evaluation, actor=request.user, submit=submitting
                )
            except (services.NotEditable, services.NotOpen):
                messages.error(request, _("この相互評価は提出済みのため、変更できません。"))
                return redirect(redirect_to)
            except services.StaleEdit:
                form.add_error(None, STALE_EDIT)
            except LifecycleError as error:
                for problem in error.problems or [error.message]:
                    form.add_error(None, getattr(problem, "message", problem))
            else:
                if submitting:
                    messages.success(request, _("相互評価を提出しました。"))
                else:
                    messages.success(request, _("相互評価を下書きとして保存しました。"))
                return redirect(redirect_to)
    return render(
        request,
        template,
        {
            "project": project,
            "evaluation": evaluation,
            "form": form,
            "scores": list(evaluation.scores.select_related("principle")),
            **(extra or {}),
        },
    )


@login_required
def evaluation_entry(request, pk):
    """/projects/<pk>/evaluation/: the evaluation of the member's organisation. Anyone who is
    not a member of one of the project's parties gets 404 (nothing says it exists)."""
    project = get_object_or_404(
        Project.objects.select_related("lead_organization", "department"),
        pk=pk,
        status__in=services.EVALUATION_OPEN,
    )
    evaluations = [
        evaluation
        for evaluation in services.evaluations_open(project=project)
        if permissions.can_enter_for_organization(request.user, evaluation)
    ]
    # A person in two of the parties' organisations chooses with ?organization=<id>.
    wanted = ids.ids_in_range([request.GET.get("organization", "")], Organization)
    if wanted:
        evaluations = [e for e in evaluations if e.organization_id == wanted[0]]
    if not evaluations:
        raise Http404
    evaluation = evaluations[0]
    path = request.path + (f"?organization={wanted[0]}" if wanted else "")
    others = evaluations[1:]
    return evaluation_page(
        request,
        project=project,
        evaluation=evaluation,
        template="principles/evaluation_form.html",
        redirect_to=path,
        extra={"other_evaluations": others},
    )
