from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import Organization
from portal import ids
from portal.forms import STALE_EDIT, posted_data
from portal.history import PARTIES, history_items
from portal.lifecycle import LifecycleError
from projects.guide import forms_with_guide
from projects.models import Project

from . import permissions, services
from .forms import EvaluationForm, JointNotesForm
from .lifecycle import EVALUATION_LIFECYCLE
from .models import EvaluationEntry, Principle
from .selectors import published_comparison, self_check_by_principle


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


def evaluation_history(evaluations, *, audience):
    """The history of these evaluations (submitted, reminded, deadline extended, declined),
    oldest first, each item naming its party."""
    entries = EvaluationEntry.objects.filter(evaluation__in=list(evaluations)).select_related(
        "evaluation__department", "evaluation__organization"
    )
    return history_items(
        entries, lifecycle=EVALUATION_LIFECYCLE, audience=audience, subject_field="evaluation"
    )


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
    # What the proposal's self-check said of each principle, read beside its score.
    self_check = self_check_by_principle(project)
    rows = []
    if form is not None:
        rows = [
            {**row, "self_check": self_check.get(row["principle"].pk, [])}
            for row in form.principles()
        ]
    scores = list(evaluation.scores.select_related("principle"))
    for score in scores:
        score.self_check = self_check.get(score.principle_id, [])
    return render(
        request,
        template,
        {
            "project": project,
            "evaluation": evaluation,
            "form": form,
            "rows": rows,
            "scores": scores,
            "has_self_check": any(self_check.values()),
            "overdue": evaluation.is_overdue(timezone.localdate()),
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
        extra={
            "other_evaluations": others,
            "history": evaluation_history([evaluation], audience=PARTIES),
            "notes_url": reverse("principles:joint_notes", args=[project.pk]),
        },
    )


@login_required
def joint_notes(request, pk):
    """/projects/<pk>/evaluation/notes/: after the comparison is published, any party writes
    the joint notes (話し合いの結果) on the points to discuss; they are shown under the
    comparison. Anyone who is not a party gets 404."""
    project = get_object_or_404(
        Project.objects.select_related("lead_organization", "department"),
        pk=pk,
        status=Project.Status.EVALUATED,
    )
    party = permissions.joint_note_party(request.user, project)
    if party is None:
        raise Http404
    comparison = published_comparison(project)["comparison"]
    rows = comparison.points_to_discuss
    for row in rows:
        row.party_cells = list(zip(comparison.evaluations, row.cells, strict=True))
    form = JointNotesForm(posted_data(request), rows=rows) if rows else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            services.joint_notes_save(
                project=project,
                notes=form.notes(),
                party_name=party.party_name,
                actor=request.user,
                version=form.cleaned_data.get("version"),
            )
        except services.StaleEdit:
            form.add_error(None, STALE_EDIT)
        except services.NotesClosed:
            messages.error(request, _("この事業の話し合いの結果は、いまは記入できません。"))
            return redirect(request.path)
        else:
            messages.success(
                request, _("話し合いの結果を保存しました。事業のページに公開されます。")
            )
            return redirect(request.path)
    return render(
        request,
        "principles/joint_notes.html",
        {"project": project, "party": party, "comparison": comparison, "form": form},
    )
