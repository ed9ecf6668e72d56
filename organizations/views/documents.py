"""The documents an organisation keeps once (規約・会則, 役員名簿, …): its members upload them
here, with the date until which each is valid, and attach them to proposals from there.

Private: only the organisation's members see this page and the files (a proposal's staff see
the copy attached to the proposal); anyone else gets 403 or 404 as on the other pages where
organisations keep themselves."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from portal import uploads
from portal.files import file_response
from portal.forms import DatePartsField, PortalFormMixin, posted_data, posted_files

from .. import permissions, services
from ..models import StandingDocument
from .manage import _organization_for

DOCUMENTS_REFUSED = _lazy("団体の書類は、この団体のメンバーだけが見て、登録できます。")


class StandingDocumentForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_lazy("書類の種類"), choices=StandingDocument.Kind.choices)
    file = forms.FileField(
        label=_lazy("ファイル"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.DOCUMENT.accept}),
    )
    valid_until = DatePartsField(
        label=_lazy("有効期限"),
        help_text=_lazy(
            "この日まで、提案に添付できます。役員の任期や総会の日を目安にします"
            "(例: 来年の総会の日)。30日前に、更新のお知らせをメールで送ります。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF、画像、Word・Excel(docx・xlsx)のファイルで、%(size)sまでです。"
        ) % {"size": filesizeformat(settings.PROPOSAL_ATTACHMENT_MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = uploads.check_upload(
            upload, uploads.DOCUMENT, max_bytes=settings.PROPOSAL_ATTACHMENT_MAX_BYTES
        )
        return upload

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("有効期限には、今日以降の日付を入力してください。"))
        return day


@login_required
def document_list(request, pk):
    organization = _organization_for(
        request, pk, permissions.can_edit_organization, DOCUMENTS_REFUSED
    )
    form = StandingDocumentForm(posted_data(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        document = services.standing_document_add(
            organization=organization,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            checked=form.checked,
            valid_until=form.cleaned_data["valid_until"],
            actor=request.user,
        )
        messages.success(
            request, _("「%(name)s」を団体の書類として登録しました。") % {"name": document}
        )
        return redirect("organizations:documents", pk=organization.pk)
    return render(
        request,
        "organizations/manage/documents.html",
        {
            "organization": organization,
            "documents": organization.standing_documents.all(),
            "today": timezone.localdate(),
            "form": form,
        },
    )


@login_required
@require_POST
def document_remove(request, pk, document_pk):
    organization = _organization_for(
        request, pk, permissions.can_edit_organization, DOCUMENTS_REFUSED
    )
    document = get_object_or_404(StandingDocument, pk=document_pk, organization=organization)
    services.standing_document_remove(document=document)
    messages.success(request, _("「%(name)s」を削除しました。") % {"name": document})
    return redirect("organizations:documents", pk=organization.pk)


@login_required
def document_file(request, pk, document_pk):
    organization = _organization_for(
        request, pk, permissions.can_edit_organization, DOCUMENTS_REFUSED
    )
    document = get_object_or_404(StandingDocument, pk=document_pk, organization=organization)
    return file_response(
        document.file,
        content_type=document.content_type,
        filename=document.original_name,
        inline=False,
    )
