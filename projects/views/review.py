"""The 確認画面: everything a proposal will send, and what it still lacks, before it is
submitted. Nothing is submitted until the applicant confirms on this page (POST); the first
submit button of the editor and of the proposal page leads here. A resubmission after a
return goes through the same page, with its required note of what was changed and the
changes since the last submission.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal.forms import ActionCommentForm, posted_data

from .. import lifecycle, money, sections
from ..completeness import proposal_problems
from ..models import Form, ProjectAction, Status
from ..submissions import changes_since, proposal_values
from . import proposals

CHANGED = _(
    "確認画面を開いたあとに、提案の内容が変わりました。"
    "もう一度内容を確かめてから「この内容で提出する」を押してください。"
)


def review_token(project):
    """What the confirm button carries: the proposal as it was shown. A proposal saved since
    (by another member, in another tab) is shown again instead of being sent unseen."""
    return project.updated_at.isoformat() if project.updated_at else ""


def missing_items(request, project):
    """[{label, message, url}] for every problem, each linking to its field in the editor
    (or to the page where its part is filled in)."""
    problems = proposal_problems(project)
    forms = proposals._build_forms(request, project=project, form_code=project.form)
    extra = proposals._editor_sections(request, project, project.form, bound=False)
    proposals._attach_problems(forms, extra, problems)
    edit_url = reverse("projects:proposal_edit", args=[project.pk]) + "?check=1"
    items = [
        {
            "label": entry.label,
            "message": entry.message,
            "url": f"{edit_url}#{entry.anchor}" if entry.anchor else edit_url,
        }
        for entry in proposals._error_summary(forms, extra)
    ]
    for section in proposals._linked_sections(project):
        items.extend(
            {"label": section["label"], "message": problem.message, "url": section["url"]}
            for problem in section["problems"]
        )
    return items


def _comment_form(project, data=None):
    if project.status != Status.RETURNED:
        return None
    return ActionCommentForm(
        data,
        max_length=4000,
        required=True,
        label=lifecycle.action(ProjectAction.SUBMIT).required_comment_label,
        help_text=_(
            "差し戻しのコメントに沿って直したことを書きます。協働推進課に届き、"
            "項目ごとの変更とともに記録されます(4000字まで)。"
        ),
    )


def _render(request, project, *, comment_form, status=200):
    changes = []
    if project.status == Status.RETURNED and project.submitted_values:
        changes = changes_since(project.submitted_values, proposal_values(project))
    return render(
        request,
        "projects/proposal_review.html",
        {
            "project": project,
            "detail": project.form_detail(),
            "partners": project.partners.select_related("organization"),
            "events": project.events.all(),
            "attachments": project.attachments.current(),
            "section_details": sections.render_details(project, request),
            "missing": missing_items(request, project),
            "changes": changes,
            "comment_form": comment_form,
            "token": review_token(project),
            "money": money.money_of(project.form_detail(), project.budget_lines.all())
            if project.form == Form.SUBSIDY
            else None,
        },
        status=status,
    )


def proposal_review(request, pk):
    """GET: the 確認画面. POST: the applicant confirms, and the proposal is submitted."""
    project = proposals._get_own_proposal(request, pk)
    if not lifecycle.can(request.user, project, ProjectAction.SUBMIT):
        messages.error(
            request,
            _("この提案は「%(status)s」のため、提出できません。")
            % {"status": project.get_status_display()},
        )
        return redirect("projects:proposal_detail", project.pk)
    comment_form = _comment_form(project, posted_data(request))
    if request.method != "POST":
        return _render(request, project, comment_form=comment_form)
    if request.POST.get("reviewed") != review_token(project):
        messages.error(request, CHANGED)
        return redirect("projects:proposal_review", project.pk)
    if comment_form is not None and not comment_form.is_valid():
        return _render(request, project, comment_form=comment_form, status=400)
    comment = comment_form.cleaned_data["comment"] if comment_form is not None else ""
    try:
        submitted = lifecycle.apply(
            project, ProjectAction.SUBMIT, actor=request.user, comment=comment
        )
    except lifecycle.LifecycleError as error:
        if error.problems:
            messages.error(
                request,
                _("まだ提出できません。足りない項目があります(%(count)s件)。")
                % {"count": len(error.problems)},
            )
        else:
            messages.error(request, str(error))
        return redirect("projects:proposal_review", project.pk)
    messages.success(
        request,
        _(
            "提案を受け付けました。受付番号は %(number)s です。受付完了のメールを送りました。"
            "協働推進課が内容を確認します。確認が終わるまで、内容は変更できません。"
        )
        % {"number": submitted.receipt_number},
    )
    return redirect("projects:proposal_detail", project.pk)


@require_POST
def proposal_submit(request, pk):
    """The first 「提出する」 button: it leads to the 確認画面 and sends nothing."""
    project = proposals._get_own_proposal(request, pk)
    return redirect("projects:proposal_review", project.pk)
