"""The results report (実績報告) and the 後援 notices (変更届・中止届): what the lead
organisation files once its project runs. Staff accept or return the report at the desk.

Who may see or write is asked of `projects.permissions`; state changes go through
`projects.lifecycle`. Someone who may not see the project gets 404, so nothing leaks.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal import ids, uploads
from portal.forms import STALE_EDIT, PortalFormMixin, VersionedFormMixin, posted_data, posted_files

from .. import lifecycle, permissions, services
from ..models import Form, Project, ProjectAction, Report, ReportPhoto, SubsidyDetail

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
        label=_("収支決算"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("補助事業では、収入と支出の内訳を書きます。領収書は添付ファイルで提出します。"),
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
        self.fields["photo"].help_text = _(
            "JPEG または PNG、%(size)sまでです。1回の保存で1枚ずつ追加できます。"
        ) % {"size": filesizeformat(uploads.REPORT_PHOTO.max_bytes)}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            # Encoded anew without its metadata (GPS), under a random name.
            return uploads.clean_image(photo, uploads.REPORT_PHOTO)
        return photo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("写真を追加するときは、写真の説明を入力してください。"))
        return cleaned


class NoticeForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("届出の種類"),
        choices=[
            (ProjectAction.CHANGE_NOTICE, ProjectAction.CHANGE_NOTICE.label),
            (ProjectAction.CANCEL, ProjectAction.CANCEL.label),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("内容"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "変更届は変更する点(日時、会場、内容など)と理由を、中止届は中止の理由を書きます。"
        ),
    )
    confirm_cancel = forms.BooleanField(
        label=_("中止すると、事業は終了し公開ページから外れることを確認しました"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ProjectAction.CANCEL and not cleaned.get("confirm_cancel"):
            self.add_error("confirm_cancel", _("中止届を出すときは、確認の欄を選んでください。"))
        return cleaned


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
    if editable:
        form = ReportForm(
            posted_data(request),
            posted_files(request),
            instance=report,
            initial=initial,
            with_settlement=with_settlement,
        )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(REPORT_EDIT_ONLY)
        if form.is_valid():
            try:
                services.report_save(
                    form=form,
                    project=project,
                    actor=request.user,
                    remove_photos=ids.ids_in_range(
                        request.POST.getlist("remove_photo"), ReportPhoto
                    ),
                )
            except services.NotEditable:
                messages.error(request, _("この実績報告は提出済みなどの理由で、変更できません。"))
                return redirect("projects:report", pk=project.pk)
            except services.StaleEdit:
                form.add_error(None, STALE_EDIT)
                return _render_report(request, project, report, form, editable, subsidy)
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
    return _render_report(request, project, report, form, editable, subsidy)


def _render_report(request, project, report, form, editable, subsidy):
    return_comment = (
        project.transitions.filter(action=ProjectAction.RETURN_REPORT)
        .order_by("-created_at")
        .first()
        if report is not None and report.status == Report.Status.RETURNED
        else None
    )
    return render(
        request,
        "projects/report/report_form.html",
        {
            "project": project,
            "report": report,
            "form": form,
            "editable": editable,
            "subsidy": subsidy,
            "return_comment": return_comment,
        },
    )


@login_required
def notice_create(request, pk):
    project = _project(request, pk)
    if project.form != Form.PATRONAGE:
        raise Http404
    can_file = lifecycle.can(request.user, project, ProjectAction.CHANGE_NOTICE)
    form = NoticeForm(posted_data(request)) if can_file else None
    if request.method == "POST":
        if not can_file:
            raise PermissionDenied(NOTICE_ONLY)
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            try:
                lifecycle.apply(
                    project, kind, actor=request.user, comment=form.cleaned_data["text"]
                )
            except lifecycle.LifecycleError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(kind)sを提出しました。") % {"kind": lifecycle.label(kind)},
                )
                return redirect("projects:notices", pk=project.pk)
    return render(
        request,
        "projects/report/notice_form.html",
        {
            "project": project,
            "form": form,
            "notices": project.transitions.filter(
                action__in=(ProjectAction.CHANGE_NOTICE, ProjectAction.CANCEL)
            ),
        },
    )
