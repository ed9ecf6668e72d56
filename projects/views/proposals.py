"""The organisation side of a proposal: create, edit, save as a draft, withdraw, and the
files that belong to it (submitting goes through the 確認画面, projects/views/review.py).

Who may see or change a proposal is asked of `projects.permissions`; anyone else gets 404,
so that a proposal's existence does not leak. State changes go through `projects.lifecycle`.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.files import file_response, image_response
from portal.forms import (
    STALE_EDIT,
    ActionCommentForm,
    Section,
    error_summary,
    posted_data,
)
from portal.history import PARTIES, history_items
from portal.once import AlreadyDone

from .. import dialogue, lifecycle, money, permissions, sections, services
from ..completeness import proposal_problems
from ..forms import (
    BUDGET_FORMSETS,
    DETAIL_FORMS,
    EventFormSet,
    FilesForm,
    FormChoiceForm,
    ProposalForm,
    partner_formset_class,
)
from ..guide import forms_with_guide
from ..models import (
    REQUIRED_ATTACHMENT_KINDS,
    Attachment,
    Form,
    Partner,
    Project,
    ProjectAction,
    Status,
    attachment_kinds_for,
)
from ..panels import PROPOSAL_PAGE

ALREADY_SENT = _("この内容はすでに受け付けています(同じページから2回送られました)。")
PART_LABELS = {
    "project": _("事業の内容"),
    "detail": _("形態ごとの内容"),
    "partners": _("協働の相手と役割分担"),
    "events": _("イベント"),
    "income": _("収支予算(収入)"),
    "expenses": _("収支予算(支出)"),
    "files": _("画像と添付ファイル"),
}


def _proposal_queryset():
    return Project.objects.select_related(
        "lead_organization",
        "area",
        "department",
        "subsidy",
        "patronage",
        "commission",
        "committee",
        "cooperation",
        "cohosting",
    )


def _get_proposal(request, pk):
    """The proposal if the user may see it; 404 for everyone else."""
    project = get_object_or_404(_proposal_queryset(), pk=pk)
    if not permissions.can_view_proposal(request.user, project):
        raise Http404
    return project


def _get_own_proposal(request, pk):
    """The proposal if the user is a member of its lead organisation; 404 otherwise."""
    project = get_object_or_404(_proposal_queryset(), pk=pk)
    if not permissions.is_lead_member(request.user, project):
        raise Http404
    return project


# --- Building and checking the page's forms ------------------------------------------------


def _build_forms(request, *, project, form_code, organizations=None, bound=False):
    data = request.POST if bound else None
    files = request.FILES if bound else None
    instance = project or Project(form=form_code)
    detail_form_class = DETAIL_FORMS[form_code]
    detail_instance = (project.form_detail() if project else None) or (
        detail_form_class._meta.model()
    )
    detail_kwargs = {}
    if form_code == Form.PATRONAGE:
        detail_kwargs["lead_days"] = settings.PATRONAGE_APPLICATION_LEAD_DAYS
    partners_queryset = Partner.objects.select_related("organization")
    parts = {
        "project": ProposalForm(data, instance=instance, organizations=organizations),
        "detail": detail_form_class(
            data, instance=detail_instance, prefix="detail", **detail_kwargs
        ),
        "partners": partner_formset_class(form_code)(
            data, instance=instance, prefix="partners", queryset=partners_queryset
        ),
        "events": EventFormSet(data, instance=instance, prefix="events"),
        "files": FilesForm(
            data,
            files,
            project=project,
            form_code=form_code,
            prefix="files",
            max_bytes=settings.PROPOSAL_ATTACHMENT_MAX_BYTES,
            image_max_bytes=settings.PROPOSAL_IMAGE_MAX_BYTES,
        ),
    }
    if form_code == Form.PATRONAGE:
        # The 後援's one event is its own part's 開催日 and 開催場所 (services derive it).
        del parts["events"]
    if form_code == Form.SUBSIDY:
        for prefix, formset_class in BUDGET_FORMSETS.items():
            parts[prefix] = formset_class(data, instance=instance, prefix=prefix)
    return parts


def _editor_sections(request, project, form_code, *, bound):
    """The parts other apps add to the editor (the self-check, …), each with its form."""
    data = request.POST if bound else None
    shown = project or Project(form=form_code)
    return [
        (section, section.form(data, project, prefix=section.code))
        for section in sections.sections_for(shown)
        if section.form is not None
    ]


def _linked_sections(project):
    """The parts filled in on a page of their own (a call's questions), with what they still
    need before the proposal may be submitted."""
    if project is None:
        return []
    return [
        {
            "label": section.label,
            "url": section.edit_url(project),
            "problems": section.problems(project),
        }
        for section in sections.sections_for(project)
        if section.edit_url is not None
    ]


def _all_valid(forms, extra):
    # Validate every part (no short circuit), so that every error shows at once.
    results = [form.is_valid() for form in forms.values()]
    results += [form.is_valid() for _section, form in extra]
    return all(results)


def _error_summary(forms, extra):
    parts = [
        Section(form, anchor=f"section-{name}", label=PART_LABELS[name])
        for name, form in forms.items()
    ]
    parts += [
        Section(form, anchor=f"section-{section.code}", label=section.label)
        for section, form in extra
    ]
    return error_summary(*parts)


def _attach_problems(forms, extra, problems):
    """Show the submit check's findings as errors of the (unbound) forms."""
    by_code = {**forms, **{section.code: form for section, form in extra}}
    for problem in problems:
        target = by_code.get(problem.section)
        if target is None:
            continue
        if problem.section in ("partners", "income", "expenses"):
            target.non_form_errors().append(problem.message)
            continue
        target.errors  # noqa: B018 (creates the error dict, also for unbound forms)
        if not hasattr(target, "cleaned_data"):
            target.cleaned_data = {}
        field = problem.field if problem.field in target.fields else None
        target.add_error(field, problem.message)


def _render_form_page(request, *, project, form_code, forms, extra, organizations, status=200):
    errors = _error_summary(forms, extra)
    return render(
        request,
        "projects/proposal_form.html",
        {
            "project": project,
            "form_code": form_code,
            "form_label": Form(form_code).label,
            "organizations": organizations,
            "forms": forms,
            "editor_sections": [
                {"template": section.template, "form": form} for section, form in extra
            ],
            "linked_sections": _linked_sections(project),
            "summary": errors,
            "attachment_kinds": attachment_kinds_for(form_code),
            "required_documents": [
                kind.label for kind in REQUIRED_ATTACHMENT_KINDS.get(form_code, ())
            ],
            "lead_days": settings.PATRONAGE_APPLICATION_LEAD_DAYS,
            "max_attachment_size": settings.PROPOSAL_ATTACHMENT_MAX_BYTES,
            "show_cost_share": form_code in (Form.COHOSTING, Form.COMMITTEE),
            "show_chair": form_code == Form.COMMITTEE,
            "budget_parts": _budget_parts(forms),
        },
        status=status,
    )


def _budget_parts(forms):
    """The 補助's budget lists in the editor: 収入 and 支出, each with its add-a-row button."""
    parts = []
    for prefix, legend, add in (
        ("income", _("収入"), "add_income"),
        ("expenses", _("支出"), "add_expense"),
    ):
        if prefix in forms:
            parts.append(
                {
                    "formset": forms[prefix],
                    "prefix": prefix,
                    "heading": PART_LABELS[prefix],
                    "legend": legend,
                    "add": add,
                }
            )
    return parts


# --- Pages ---------------------------------------------------------------------------------


def _choices_with_guide(chooser):
    """Each radio button of the form chooser with its form's explanation, in the guide's order."""
    radios = {radio.data["value"]: radio for radio in chooser["form"]}
    return [(radios[guide["code"]], guide) for guide in forms_with_guide()]


@login_required
def proposal_create(request):
    organizations = permissions.proposable_organizations(request.user)
    if not organizations.exists():
        return render(
            request,
            "projects/proposal_start.html",
            {"no_organization": True},
            status=403 if request.method == "POST" else 200,
        )
    chooser = FormChoiceForm(request.GET or None)
    if not chooser.is_valid():
        return render(
            request,
            "projects/proposal_start.html",
            {
                "chooser": chooser,
                "choices": _choices_with_guide(chooser),
            },
        )
    form_code = chooser.cleaned_data["form"]
    bound = request.method == "POST"
    forms = _build_forms(
        request, project=None, form_code=form_code, organizations=organizations, bound=bound
    )
    extra = _editor_sections(request, None, form_code, bound=bound)
    if bound:
        if _all_valid(forms, extra):
            try:
                project = services.proposal_save(
                    parts=forms, sections=extra, actor=request.user, form_code=form_code
                )
            except AlreadyDone as done:
                messages.info(request, ALREADY_SENT)
                return redirect(done.path or "mypage:index")
            messages.success(
                request,
                _(
                    "下書きを保存しました。続けて入力し、添付ファイルをそろえてから"
                    "「提出する」を押してください。"
                ),
            )
            return _after_save(request, project)
        messages.error(request, _("入力内容に誤りがあります。一覧の項目を直してください。"))
    return _render_form_page(
        request,
        project=None,
        form_code=form_code,
        forms=forms,
        extra=extra,
        organizations=organizations,
    )


# The buttons that add an empty row (the script adds it on the page itself; without the
# script the draft is saved and the page comes back with one more empty row).
ADD_ROW = {
    "add_partner": "partners",
    "add_event": "events",
    "add_income": "income",
    "add_expense": "expenses",
}


def _after_save(request, project):
    url = reverse("projects:proposal_edit", args=[project.pk])
    rows = ADD_ROW.get(request.POST.get("action"))
    if rows:
        return redirect(f"{url}?add={rows}#section-{rows}")
    return redirect(url)


def _add_rows(request, forms):
    """One more empty row in the list the page was asked to extend."""
    name = request.GET.get("add")
    if request.method == "GET" and name in ADD_ROW.values() and name in forms:
        forms[name].extra += 1


def proposal_edit(request, pk):
    project = _get_own_proposal(request, pk)
    if not permissions.can_edit_proposal(request.user, project):
        messages.error(
            request,
            _("この提案は「%(status)s」のため、変更できません。")
            % {"status": project.get_status_display()},
        )
        return redirect("projects:proposal_detail", project.pk)
    bound = request.method == "POST"
    forms = _build_forms(request, project=project, form_code=project.form, bound=bound)
    _add_rows(request, forms)
    extra = _editor_sections(request, project, project.form, bound=bound)
    stale = False
    if bound:
        if _all_valid(forms, extra):
            try:
                saved = services.proposal_save(
                    parts=forms, sections=extra, actor=request.user, project=project
                )
            except services.NotEditable:
                messages.error(
                    request,
                    _("この提案はすでに提出されたなどの理由で、変更できなくなりました。"),
                )
                return redirect("projects:proposal_detail", project.pk)
            except services.StaleEdit:
                forms["project"].add_error(None, STALE_EDIT)
                stale = True
            else:
                if request.POST.get("action") == "submit":
                    # Saved, and shown on the 確認画面: nothing is submitted yet.
                    messages.success(
                        request,
                        _(
                            "下書きを保存しました。内容を確かめて「この内容で提出する」を押してください。"
                        ),
                    )
                    return redirect("projects:proposal_review", saved.pk)
                messages.success(request, _("下書きを保存しました。"))
                return _after_save(request, saved)
        if not stale:
            messages.error(request, _("入力内容に誤りがあります。一覧の項目を直してください。"))
    elif request.GET.get("check"):
        _attach_problems(forms, extra, proposal_problems(project))
    return _render_form_page(
        request,
        project=project,
        form_code=project.form,
        forms=forms,
        extra=extra,
        organizations=None,
    )


def proposal_withdraw(request, pk):
    project = _get_own_proposal(request, pk)
    if not lifecycle.can(request.user, project, ProjectAction.WITHDRAW):
        messages.error(
            request,
            _("この提案は「%(status)s」のため、取り下げられません。")
            % {"status": project.get_status_display()},
        )
        return redirect("projects:proposal_detail", project.pk)
    form = ActionCommentForm(
        posted_data(request),
        max_length=1000,
        required=True,
        label=lifecycle.action(ProjectAction.WITHDRAW).comment_label,
        help_text=_("協働推進課に届きます。取り下げの記録とともに残ります(1000字まで)。"),
    )
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            lifecycle.apply(project, ProjectAction.WITHDRAW, actor=request.user, comment=comment)
        except lifecycle.LifecycleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("提案を取り下げました。"))
            return redirect("projects:proposal_detail", project.pk)
    return render(request, "projects/proposal_withdraw.html", {"project": project, "form": form})


def proposal_detail(request, pk):
    project = _get_proposal(request, pk)
    can_edit = permissions.can_edit_proposal(request.user, project)
    returned_with = None
    if project.status == Status.RETURNED:
        returned_with = project.transitions.filter(action=ProjectAction.RETURN).last()
    return render(
        request,
        "projects/proposal_detail.html",
        {
            "project": project,
            "detail": project.form_detail(),
            "partners": project.partners.select_related("organization"),
            "events": project.events.all(),
            "attachments": project.attachments.current().prefetch_related("earlier_versions"),
            "section_details": sections.render_details(project, request),
            "panels": PROPOSAL_PAGE.render(project, request),
            "history": history_items(
                project.transitions.all(), lifecycle=lifecycle.PROJECT_LIFECYCLE, audience=PARTIES
            ),
            "returned_with": returned_with,
            "can_edit": can_edit,
            "can_withdraw": permissions.is_lead_member(request.user, project)
            and lifecycle.can(request.user, project, ProjectAction.WITHDRAW),
            "problems": proposal_problems(project) if can_edit else [],
            # The organisation's view of the thread (the city's notes never show here).
            "thread": dialogue.thread_items(project, audience=PARTIES),
            "message_form": dialogue.MessageForm(side=dialogue.ORGANIZATION_SIDE)
            if dialogue.can_write_as_organization(request.user, project)
            else None,
            "message_url": reverse("projects:messages", args=[project.pk]),
            "money": money.money_of(project.form_detail(), project.budget_lines.all())
            if project.form == Form.SUBSIDY
            else None,
        },
    )


# --- Files ---------------------------------------------------------------------------------


def attachment_file(request, pk, attachment_pk):
    """An attachment, only for those who see the proposal. Images, verified on upload, may
    show in the browser; every other file is a download."""
    project = get_object_or_404(_proposal_queryset(), pk=pk)
    if not permissions.can_view_project_files(request.user, project):
        raise Http404
    attachment = get_object_or_404(Attachment, pk=attachment_pk, project=project)
    return file_response(
        attachment.file,
        content_type=attachment.content_type,
        filename=attachment.original_name,
        inline=attachment.is_image,
    )


def proposal_image(request, pk):
    """The main image: public with a public project, else for those who see the proposal."""
    project = get_object_or_404(_proposal_queryset(), pk=pk)
    if not project.image:
        raise Http404
    if project.is_public:
        return image_response(project.image, public=True)
    if not permissions.can_view_project_files(request.user, project):
        raise Http404
    return image_response(project.image, public=False)
