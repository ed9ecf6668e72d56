"""The reviewers' pages (審査委員): the proposals of a call they review, and one proposal with
its content, the answers to the call's questions and the scoring form. A reviewer with a
conflict of interest sees the proposal but no form; they may also declare a conflict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.forms import posted_data

from .. import selectors, services
from ..forms import ConflictForm, ReviewForm
from ..models import Call, Review


def _reviewer_or_404(request, pk):
    call = get_object_or_404(Call.objects.exclude(status=Call.Status.DRAFT), pk=pk)
    reviewer = selectors.reviewer_of(request.user, call)
    if reviewer is None:
        raise Http404
    return call, reviewer


def _proposal_or_404(call, project_pk):
    return get_object_or_404(
        selectors.reviewable_proposals(call).select_related(
            "call", "project__department", "project__area"
        ),
        project__pk=project_pk,
    )


@login_required
def review_list(request, pk):
    call, reviewer = _reviewer_or_404(request, pk)
    mine = {review.proposal_id: review for review in Review.objects.filter(reviewer=reviewer)}
    rows = []
    for standing in selectors.standings(call):
        line = next(line for line in standing.lines if line.reviewer.pk == reviewer.pk)
        rows.append(
            {
                "proposal": standing.proposal,
                "conflict": line.conflict,
                "review": mine.get(standing.proposal.pk),
                "total": line.total,
                "open": selectors.can_score(reviewer, standing.proposal),
            }
        )
    rows.sort(key=lambda row: row["proposal"].pk)
    return render(
        request,
        "calls/review_list.html",
        {"call": call, "reviewer": reviewer, "rows": rows, "items": call.items.all()},
    )


@login_required
def review_entry(request, pk, project_pk):
    call, reviewer = _reviewer_or_404(request, pk)
    proposal = _proposal_or_404(call, project_pk)
    conflict = selectors.conflict_reason(reviewer, proposal)
    review = (
        Review.objects.filter(reviewer=reviewer, proposal=proposal)
        .prefetch_related("scores")
        .first()
    )
    can_score = selectors.can_score(reviewer, proposal)
    form = ReviewForm(
        posted_data(request) if can_score else None, items=call.items.all(), review=review
    )
    if request.method == "POST" and can_score and form.is_valid():
        try:
            services.review_save(reviewer=reviewer, proposal=proposal, form=form)
        except services.ScoringClosed:
            messages.error(
                request,
                _("この提案の採点はすでに締め切られました。入力した得点は保存されていません。"),
            )
        else:
            messages.success(
                request,
                _("「%(title)s」の採点を保存しました。審査が終わるまでは何度でも直せます。")
                % {"title": proposal.project.title},
            )
            return redirect("calls:review_list", pk=call.pk)
    answers = {a.question_id: a.text for a in proposal.answers.all()}
    return render(
        request,
        "calls/review.html",
        {
            "call": call,
            "reviewer": reviewer,
            "proposal": proposal,
            "project": proposal.project,
            "partners": proposal.project.partners.select_related("organization"),
            "answers": [(q, answers.get(q.pk, "")) for q in call.questions.all()],
            "conflict": conflict,
            "can_score": can_score,
            "form": form,
            "conflict_form": ConflictForm(),
        },
    )


@require_POST
@login_required
def declare_conflict(request, pk, project_pk):
    call, reviewer = _reviewer_or_404(request, pk)
    proposal = _proposal_or_404(call, project_pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("利害関係の内容を入力してください(300字まで)。"))
        return redirect("calls:review", pk=call.pk, project_pk=project_pk)
    try:
        services.declare_conflict(
            reviewer=reviewer, proposal=proposal, reason=form.cleaned_data["reason"]
        )
    except services.ScoringClosed:
        messages.error(request, _("この募集の審査は終わったため、利害関係は申告できません。"))
        return redirect("calls:review_list", pk=call.pk)
    messages.success(
        request,
        _(
            "「%(title)s」について利害関係を申告しました。この提案はあなたの採点の対象から外れ、"
            "入力済みの得点も平均に含まれません。"
        )
        % {"title": proposal.project.title},
    )
    return redirect("calls:review_list", pk=call.pk)
