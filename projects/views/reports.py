"""The results report (実績報告) and the 後援 notices (変更届・中止届): what the lead
organisation files once its project runs. Staff accept or return the report at the desk.

Who may see or write is asked of `projects.permissions`; state changes go through
`projects.lifecycle`. Someone who may not see the project gets 404, so nothing leaks.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal import ids, uploads
from portal.forms import (
    STALE_EDIT,
    DatePartsField,
    PortalFormMixin,
    VersionedFormMixin,
    posted_data,
    posted_files,
)

from .. import change_notices, lifecycle, money, permissions, services
from ..forms import SETTLEMENT_FORMSETS
from ..models import (
    Attachment,
    AttachmentKind,
    Form,
    Project,
    ProjectAction,
    Report,
    ReportPhoto,
    SubsidyDetail,
)

# Who may use what the 403 page refuses (templates/403.html shows the message).
REPORT_ONLY = _(
    "実施報告のページは、主催団体のメンバーと、協働推進課・この事業の担当課の職員だけが使えます。"
)
REPORT_EDIT_ONLY = _(
    "実施報告を書けるのは主催団体のメンバーで、報告を提出する前か、差し戻されたあとです。"
)
NOTICE_ONLY = _("変更・中止の届出は、主催団体のメンバーが、届け出られる状態のときに行えます。")


class ReportForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    settlement = forms.CharField(
        label=_("収支決算の補足"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("収支の行に書ききれないこと(予算と違った理由など)があれば書きます。"),
    )
    receipt = forms.FileField(
        label=_("領収書を追加"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.DOCUMENT.accept}),
    )
    photo = forms.FileField(
        label=_("写真を追加"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.REPORT_PHOTO.accept}),
    )
    photo_alt = forms.CharField(
        label=_("写真の説明"),
        required=False,
        max_length=200,
        help_text=_("写真に写っているものを短く書きます(例: 防災訓練で消火器を使う参加者)。"),
    )

    class Meta:
        model = Report
        fields = ["activities", "participants", "outcomes"]
        widgets = {
            "activities": forms.Textarea(attrs={"rows": 6}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }
        help_texts = {
            "activities": _("いつ、どこで、何を行ったかを書きます。"),
            "participants": _("延べ人数を半角数字で入力します。"),
            "outcomes": _("事業の成果や、参加者の声を書きます。"),
        }

    def __init__(self, *args, with_settlement=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_settlement:
            del self.fields["settlement"]
            del self.fields["receipt"]
        else:
            self.fields["receipt"].help_text = _(
                "PDF または画像などで、%(size)sまでです。1回の保存で1つずつ追加できます。"
                "補助事業の実績報告は、領収書が1つ以上ないと提出できません。"
            ) % {"size": filesizeformat(settings.PROPOSAL_ATTACHMENT_MAX_BYTES)}
        self.fields["photo"].help_text = _(
            "JPEG または PNG、%(size)sまでです。1回の保存で1枚ずつ追加できます。"
        ) % {"size": filesizeformat(uploads.REPORT_PHOTO.max_bytes)}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            # Encoded anew without its metadata (GPS), under a random name.
            return uploads.clean_image(photo, uploads.REPORT_PHOTO)
        return photo

    def clean_receipt(self):
        receipt = self.cleaned_data.get("receipt")
        if receipt:
            self.checked_receipt = uploads.check_upload(
                receipt, uploads.DOCUMENT, max_bytes=settings.PROPOSAL_ATTACHMENT_MAX_BYTES
            )
        return receipt

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("写真を追加するときは、写真の説明を入力してください。"))
        return cleaned


class NoticeForm(PortalFormMixin, forms.Form):
    """A 変更届 (with the new date, place or content, shown as they are now) or a 中止届."""

    kind = forms.ChoiceField(
        label=_("届出の種類"),
        choices=[
            (ProjectAction.CHANGE_NOTICE, ProjectAction.CHANGE_NOTICE.label),
            (ProjectAction.CANCEL, ProjectAction.CANCEL.label),
        ],
        widget=forms.RadioSelect,
    )
    event_name = forms.CharField(label=_("行事名(変更後)"), required=False, max_length=200)
    event_date = DatePartsField(label=_("開催日(変更後)"), required=False)
    venue = forms.CharField(label=_("開催場所(変更後)"), required=False, max_length=200)
    summary = forms.CharField(
        label=_("概要(変更後)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    text = forms.CharField(
        label=_("届出の理由"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("変更届は変更する理由を、中止届は中止の理由を書きます。協働推進課に届きます。"),
    )
    confirm_cancel = forms.BooleanField(
        label=_(
            "中止すると、公開ページに「中止」と表示され、後援の手続きが終わることを確認しました"
        ),
        required=False,
    )

    CHANGED_FIELDS = ("event_name", "event_date", "venue", "summary")

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _(
            "変更届のときだけ使います。変わる項目だけを書き換えてください(今の内容を表示しています)。"
        )
        for name in self.CHANGED_FIELDS:
            self.fields[name].help_text = help_text
        if project is not None:
            self.initial.update(change_notices.current_values(project))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ProjectAction.CANCEL and not cleaned.get("confirm_cancel"):
            self.add_error("confirm_cancel", _("中止届を出すときは、確認の欄を選んでください。"))
        return cleaned

    @property
    def proposed(self):
        return {name: self.cleaned_data.get(name) for name in self.CHANGED_FIELDS}


def _project(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("lead_organization", "department", "subsidy"), pk=pk
    )
    if not permissions.can_view_project(request.user, project):
        raise Http404
    if not permissions.can_see_report_page(request.user, project):
        raise PermissionDenied(REPORT_ONLY)
    return project


@login_required
def report_edit(request, pk):
    project = _project(request, pk)
    report = Report.objects.filter(project=project).prefetch_related("photos").first()
    editable = permissions.can_write_report(request.user, project) and (
        report is None or report.status in lifecycle.REPORT_EDITABLE
    )
    with_settlement = project.form == Form.SUBSIDY
    subsidy = SubsidyDetail.objects.filter(project=project).first() if with_settlement else None
    initial = {"settlement": subsidy.settlement} if subsidy else {}
    form = None
    lines = {}
    if editable:
        form = ReportForm(
            posted_data(request),
            posted_files(request),
            instance=report,
            initial=initial,
            with_settlement=with_settlement,
        )
        if with_settlement:
            lines = {
                prefix: formset_class(posted_data(request), instance=project, prefix=prefix)
                for prefix, formset_class in SETTLEMENT_FORMSETS.items()
            }
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(REPORT_EDIT_ONLY)
        valid = [form.is_valid()] + [formset.is_valid() for formset in lines.values()]
        if all(valid):
            try:
                services.report_save(
                    form=form,
                    project=project,
                    actor=request.user,
                    remove_photos=ids.ids_in_range(
                        request.POST.getlist("remove_photo"), ReportPhoto
                    ),
                    settlement_lines=lines.values(),
                    remove_receipts=ids.ids_in_range(
                        request.POST.getlist("remove_receipt"), Attachment
                    ),
                )
            except services.NotEditable:
                messages.error(request, _("この実績報告は提出済みなどの理由で、変更できません。"))
                return redirect("projects:report", pk=project.pk)
            except services.StaleEdit:
                form.add_error(None, STALE_EDIT)
                return _render_report(request, project, report, form, editable, subsidy, lines)
            if "submit" in request.POST:
                try:
                    lifecycle.apply(project, ProjectAction.SUBMIT_REPORT, actor=request.user)
                except lifecycle.LifecycleError as error:
                    messages.error(request, str(error))
                    return redirect("projects:report", pk=project.pk)
                messages.success(request, _("実績報告を提出しました。協働推進課が確認します。"))
            else:
                messages.success(request, _("実績報告を保存しました(まだ提出していません)。"))
            return redirect("projects:report", pk=project.pk)
    return _render_report(request, project, report, form, editable, subsidy, lines)


def _render_report(request, project, report, form, editable, subsidy, lines):
    return_comment = (
        project.transitions.filter(action=ProjectAction.RETURN_REPORT)
        .order_by("-created_at")
        .first()
        if report is not None and report.status == Report.Status.RETURNED
        else None
    )
    settlement_parts = [
        {"formset": formset, "prefix": prefix, "heading": label, "legend": legend}
        for (prefix, formset), label, legend in zip(
            lines.items(),
            (_("収支決算(収入)"), _("収支決算(支出)")),
            (_("収入"), _("支出")),
            strict=False,
        )
    ]
    return render(
        request,
        "projects/report/report_form.html",
        {
            "project": project,
            "report": report,
            "form": form,
            "editable": editable,
            "subsidy": subsidy,
            "detail": subsidy,
            "settlement_parts": settlement_parts,
            "money": money.money_of(subsidy, project.budget_lines.all())
            if project.form == Form.SUBSIDY
            else None,
            "receipts": list(project.attachments.current().filter(kind=AttachmentKind.RECEIPT))
            if project.form == Form.SUBSIDY
            else [],
            "return_comment": return_comment,
        },
    )


@login_required
def notice_create(request, pk):
    project = _project(request, pk)
    if project.form != Form.PATRONAGE:
        raise Http404
    can_file = lifecycle.can(request.user, project, ProjectAction.CHANGE_NOTICE)
    form = NoticeForm(posted_data(request), project=project) if can_file else None
    if request.method == "POST":
        if not can_file:
            raise PermissionDenied(NOTICE_ONLY)
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            params = {"proposed": form.proposed} if kind == ProjectAction.CHANGE_NOTICE else {}
            try:
                lifecycle.apply(
                    project, kind, actor=request.user, comment=form.cleaned_data["text"], **params
                )
            except lifecycle.LifecycleError as error:
                form.add_error(None, str(error))
            else:
                if kind == ProjectAction.CHANGE_NOTICE:
                    done = _(
                        "変更届を提出しました。協働推進課が確認すると、公開のページに反映されます。"
                    )
                else:
                    done = _("%(kind)sを提出しました。") % {"kind": lifecycle.label(kind)}
                messages.success(request, done)
                return redirect("projects:notices", pk=project.pk)
    return render(
        request,
        "projects/report/notice_form.html",
        {
            "project": project,
            "form": form,
            "notices": project.transitions.filter(
                action__in=(
                    ProjectAction.CHANGE_NOTICE,
                    ProjectAction.ACKNOWLEDGE_CHANGE,
                    ProjectAction.CANCEL,
                )
            ),
            "pending_changes": change_notices.pending(project),
        },
    )
