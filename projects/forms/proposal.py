"""Forms of the proposal pages: the common data, each form's own data, partners, events,
the self-check and the files.

Drafts may be saved with anything missing, so every field here is optional for saving;
`projects.completeness` says what a proposal needs before it can be submitted, and
`submit_required` names those fields so that the page marks them 「※必須」.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from organizations.forms import ActivityFieldChoices
from organizations.models import ActivityField, Area, Department, Organization, StandingDocument
from portal import ids, uploads
from portal.forms import (
    DatePartsField,
    FiscalYearField,
    OnceFormMixin,
    PortalFormMixin,
    TimeTextField,
    VersionedFormMixin,
    YenField,
)
from portal.wareki import current_fiscal_year

from ..models import (
    REQUIRED_ATTACHMENT_KINDS,
    Attachment,
    CohostingDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    Event,
    Form,
    Partner,
    PatronageDetail,
    Project,
    SubsidyDetail,
    attachment_kinds_for,
)
from ..submissions import PROJECT_FIELDS


def formfield_for(db_field, **kwargs):
    """Dates as 年 / 月 / 日, amounts of money as YenField, nothing required for a draft."""
    texts = {
        "label": kwargs.get("label") or capfirst(db_field.verbose_name),
        "help_text": kwargs.get("help_text") or db_field.help_text,
    }
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        field = DatePartsField(**texts)
    elif db_field.name in MONEY_FIELDS:
        field = YenField(**texts)
    elif isinstance(db_field, models.TimeField):
        field = TimeTextField(**texts)
    else:
        field = db_field.formfield(**kwargs)
    if field is not None:
        field.required = False
    return field


MONEY_FIELDS = {"budget", "requested_amount", "contract_amount"}


# --- Starting a proposal ---------------------------------------------------------------


# What staff enter when the city starts a project or edits one for any organisation (the
# staff desk's form; the demo registers the city's projects with the same fields).
DESK_PROJECT_FIELDS = [
    "title",
    "summary",
    "purpose",
    "expected_effect",
    "form",
    "lead_organization",
    "department",
    "coordinator",
    "fields",
    "area",
    "fiscal_year",
    "starts_on",
    "ends_on",
    "place",
    "budget",
    "safety_insurance",
    "safety_plan",
]


# Partners and events a proposal lists at most. Django would otherwise build up to 1,000 more
# rows than that from a TOTAL_FORMS a client made up (absolute_max), and draw them all.
ROWS_MAX = 30


class RowsFormSet(BaseInlineFormSet):
    """The rows of a proposal (partners, events), with messages in the portal's words."""

    default_error_messages = {
        "missing_management_form": _(
            "ページの一部が欠けていたため、保存できませんでした。ページを開き直してください。"
        ),
        "too_many_forms": _("%(num)d件まで入力できます。"),
        "too_few_forms": _("%(num)d件以上入力してください。"),
    }


# Every list of rows of a proposal: one empty row to fill, rows removable, ROWS_MAX at most.
ROWS = {
    "extra": 1,
    "can_delete": True,
    "formset": RowsFormSet,
    "max_num": ROWS_MAX,
    "absolute_max": ROWS_MAX,
    "validate_max": True,
}


class FormChoiceForm(PortalFormMixin, forms.Form):
    """Step one: which of the six forms the proposal takes."""

    form = forms.ChoiceField(
        label=_("協働の形態"),
        choices=Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("協働の形態を選んでください。")},
    )


# --- The common part -------------------------------------------------------------------

# What a 後援 proposal does not ask: the period and place of the project are its event's.
PATRONAGE_DERIVED_FIELDS = ("starts_on", "ends_on", "place")


class ProposalForm(OnceFormMixin, VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    submit_required = (
        "lead_organization",
        "title",
        "summary",
        "purpose",
        "expected_effect",
        "fields",
        "area",
        "fiscal_year",
        "starts_on",
        "safety_insurance",
        "safety_plan",
    )
    date_ranges = [("starts_on", "ends_on")]

    lead_organization = forms.ModelChoiceField(
        label=_("提案する団体(主たる団体)"),
        queryset=Organization.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("承認された団体のうち、あなたがメンバーである団体から選びます。"),
        error_messages={
            "required": _("提案する団体を選んでください。"),
            "invalid_choice": _(
                "選んだ団体では提案できません。あなたがメンバーである承認済みの団体を選んでください。"
            ),
        },
    )
    # A draft saved without one is given the current 年度.
    fiscal_year = FiscalYearField(required=False)

    class Meta:
        model = Project
        # The common part, as submissions record and compare it.
        fields = list(PROJECT_FIELDS)
        formfield_callback = formfield_for
        field_classes = {"fields": ActivityFieldChoices}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "expected_effect": forms.Textarea(attrs={"rows": 4}),
            "safety_insurance": forms.Textarea(attrs={"rows": 3}),
            "safety_plan": forms.Textarea(attrs={"rows": 3}),
            "fields": forms.CheckboxSelectMultiple,
            "area": forms.RadioSelect,
        }
        help_texts = {
            "title": _("市民に伝わる短い名前にします(200字まで)。"),
            "summary": _("何を、誰と、どのように行うかを短くまとめます(2000字まで)。"),
            "purpose": _("この事業で解決したい地域の課題や、目指す姿を書きます。"),
            "expected_effect": _("市民や地域にとってどのような効果があるかを書きます。"),
            "department": _("わかる場合に選びます。わからなければ空欄のままで構いません。"),
            "budget": _("事業全体の費用の見込みを円で入力します(例: 150000)。"),
            "place": _("主な会場や地域を書きます。"),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.form == Form.PATRONAGE:
            # A 後援 is one event: its date and place are asked once, in the 後援's own
            # part, and the project's period and place follow from them (services).
            for name in PATRONAGE_DERIVED_FIELDS:
                del self.fields[name]
            self.date_ranges = []
        if self.instance.pk:
            del self.fields["lead_organization"]
        else:
            self.fields["lead_organization"].queryset = organizations
            only = list(organizations[:2])
            if len(only) == 1:
                self.fields["lead_organization"].initial = only[0].pk
        self.fields["fields"].queryset = ActivityField.objects.all()
        self.fields["area"].queryset = Area.objects.all()
        self.fields["area"].empty_label = None
        self.fields["department"].queryset = Department.objects.all()
        self.fields["department"].empty_label = _("(わからない・選ばない)")

    def clean_fiscal_year(self):
        return self.cleaned_data.get("fiscal_year") or current_fiscal_year()

    def save(self, commit=True):
        project = super().save(commit=False)
        if "lead_organization" in self.cleaned_data:
            project.lead_organization = self.cleaned_data["lead_organization"]
        if commit:
            project.save()
            self.save_m2m()
        return project


# --- Each form's own part --------------------------------------------------------------


class DetailForm(PortalFormMixin, forms.ModelForm):
    pass


class SubsidyDetailForm(DetailForm):
    submit_required = ("requested_amount",)

    class Meta:
        model = SubsidyDetail
        fields = ["requested_amount", "budget_plan", "advance_payment"]
        formfield_callback = formfield_for
        widgets = {"budget_plan": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "requested_amount": _("市に交付を求める金額を円で入力します。"),
            "budget_plan": _(
                "収支予算の行に書ききれないこと(積算の考え方など)があれば書きます。"
                "収支予算書のファイルを添付することもできます。"
            ),
        }


class PatronageDetailForm(DetailForm):
    submit_required = ("event_name", "event_date", "venue")

    expected_attendance = forms.IntegerField(
        label=_("参加予定人数"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8}),
    )

    class Meta:
        model = PatronageDetail
        fields = [
            "event_name",
            "event_date",
            "venue",
            "audience",
            "expected_attendance",
            "fee",
            "name_on_poster",
            "name_on_flyer",
            "name_on_web",
        ]
        formfield_callback = formfield_for

    def __init__(self, *args, lead_days=30, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_date"].help_text = _(
            "西暦で入力します。後援の申請は、開催日の%(days)s日前までに提出してください。"
            "事業の期間とカレンダーのイベントは、この日になります。"
        ) % {"days": lead_days}
        self.fields["venue"].help_text = _("事業の実施場所とイベントの場所にもなります。")


class CommissionDetailForm(DetailForm):
    submit_required = ("deliverables",)
    date_ranges = [("contract_starts_on", "contract_ends_on")]

    class Meta:
        model = CommissionDetail
        fields = ["contract_amount", "contract_starts_on", "contract_ends_on", "deliverables"]
        formfield_callback = formfield_for
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "contract_amount": _("見積もりの金額を円で入力します。"),
            "deliverables": _("報告書、講座の実施など、納める成果を書きます。"),
        }


class CommitteeDetailForm(DetailForm):
    submit_required = ("committee_name",)

    class Meta:
        model = CommitteeDetail
        fields = ["committee_name", "chair"]
        formfield_callback = formfield_for
        help_texts = {"chair": _("委員長の役職や団体名を書きます。個人名でなくても構いません。")}


class CooperationDetailForm(DetailForm):
    submit_required = ("agreement_name",)

    class Meta:
        model = CooperationDetail
        fields = ["agreement_name", "concluded_on", "term"]
        formfield_callback = formfield_for
        help_texts = {"term": _("例: 締結日から3年間(自動更新)")}


class CohostingDetailForm(DetailForm):
    submit_required = ("cost_sharing",)

    class Meta:
        model = CohostingDetail
        fields = ["cost_sharing"]
        formfield_callback = formfield_for
        widgets = {"cost_sharing": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"cost_sharing": _("市と団体がそれぞれ負担する経費の考え方を書きます。")}


DETAIL_FORMS = {
    Form.SUBSIDY: SubsidyDetailForm,
    Form.PATRONAGE: PatronageDetailForm,
    Form.COMMISSION: CommissionDetailForm,
    Form.COMMITTEE: CommitteeDetailForm,
    Form.COOPERATION: CooperationDetailForm,
    Form.COHOSTING: CohostingDetailForm,
}


# --- Partners and events -------------------------------------------------------------------


class PartnerForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["organization", "name", "role", "cost_share", "is_chair"]
        widgets = {"role": forms.Textarea(attrs={"rows": 2})}
        labels = {"organization": _("登録団体から選ぶ"), "name": _("団体名(登録されていない場合)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.public()
        self.fields["organization"].empty_label = _("(選ばない)")
        self.fields["organization"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if (
            not cleaned_data.get("DELETE")
            and not cleaned_data.get("organization")
            and not (cleaned_data.get("name") or "").strip()
            and "name" not in self.errors
        ):
            self.add_error("name", _("登録団体を選ぶか、団体名を入力してください。"))
        return cleaned_data


class EventForm(PortalFormMixin, forms.ModelForm):
    # An event is a name on a date: a row without them cannot be kept, even in a draft.
    submit_required = ("title", "starts_on")
    date_ranges = [("starts_on", "ends_on")]

    class Meta:
        model = Event
        fields = ["title", "starts_on", "ends_on", "start_time", "end_time", "place", "address"]
        formfield_callback = formfield_for
        widgets = {}
        help_texts = {
            "start_time": _("24時間表記で入力します(例: 13:30)。"),
            "end_time": _("24時間表記で入力します(例: 16:00)。"),
        }

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("DELETE"):
            return cleaned_data
        if not cleaned_data.get("title") and "title" not in self.errors:
            self.add_error("title", _("イベントの名称を入力してください。"))
        if not cleaned_data.get("starts_on") and "starts_on" not in self.errors:
            self.add_error("starts_on", _("イベントの開始日を入力してください。"))
        return cleaned_data


def partner_formset_class(form_code):
    fields = ["organization", "name", "role"]
    if form_code in (Form.COHOSTING, Form.COMMITTEE):
        fields.append("cost_share")
    if form_code == Form.COMMITTEE:
        fields.append("is_chair")
    return inlineformset_factory(
        Project,
        Partner,
        form=PartnerForm,
        fields=fields,
        **ROWS,
    )


EventFormSet = inlineformset_factory(
    Project,
    Event,
    form=EventForm,
    **ROWS,
)


# --- Files: the main image and the attachments --------------------------------------------


class FilesForm(PortalFormMixin, forms.Form):
    """The main image with its description, one upload per kind of document, and removal."""

    image = forms.FileField(
        label=_("メイン画像"),
        required=False,
        help_text=_("PNG または JPEG の画像です。事業の様子が伝わる写真やチラシの画像を選びます。"),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.PROJECT_IMAGE.accept}),
    )
    image_alt = forms.CharField(
        label=_("画像の説明(代替テキスト)"),
        required=False,
        max_length=200,
        help_text=_(
            "画像が見えない人のために、写っているものを短く書きます(例: 公園で花を植える参加者)。"
        ),
    )
    remove_image = forms.BooleanField(label=_("いまのメイン画像を削除する"), required=False)
    remove_attachments = ids.ModelMultipleChoiceField(
        label=_("削除する添付ファイル"),
        queryset=Attachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args, project=None, form_code=None, max_bytes=None, image_max_bytes=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.project = project
        self.max_bytes = max_bytes
        self.image_max_bytes = image_max_bytes
        if image_max_bytes:
            self.fields["image"].help_text = _(
                "PNG または JPEG の画像(%(size)sまで)。事業の様子が伝わる写真やチラシの画像を"
                "選びます。"
            ) % {"size": filesizeformat(image_max_bytes)}
        self.kinds = attachment_kinds_for(form_code)
        attached = (
            set(project.attachments.current().values_list("kind", flat=True))
            if project is not None and project.pk
            else set()
        )
        needed = REQUIRED_ATTACHMENT_KINDS.get(form_code, ())
        for kind in self.kinds:
            field = forms.FileField(
                label=kind.label,
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": uploads.DOCUMENT.accept}),
            )
            # What the submission needs is marked required (a draft is saved without it);
            # once a document of the kind is attached, it stays marked as required, and
            # says that it is there (another upload replaces it).
            if kind in needed and kind not in attached:
                field.mark = "required"
                field.help_text = _("提出に必要です。下書きは添付しないままでも保存できます。")
            elif kind in needed:
                field.mark = "attached"
                field.help_text = _(
                    "提出に必要な書類です。添付済みです。新しいファイルを選ぶと差し替えます。"
                )
            self.fields[f"file_{kind.value}"] = field
            kept = self._standing_documents(project, kind)
            if kept is not None:
                self.fields[f"use_{kind.value}"] = forms.ModelChoiceField(
                    label=_("%(kind)s: 団体の書類から選ぶ") % {"kind": kind.label},
                    queryset=kept,
                    required=False,
                    empty_label=_("(選ばない)"),
                    help_text=_(
                        "団体の書類に登録した、有効期限内の書類を添付します"
                        "(ファイルを選ばなくて済みます)。"
                    ),
                )
        self.prepare_fields()
        if project is not None and project.pk:
            self.fields["remove_attachments"].queryset = project.attachments.current()
            self.fields["image_alt"].initial = project.image_alt
        self.fields["remove_attachments"].label_from_instance = lambda attachment: (
            f"{attachment.get_kind_display()}: {attachment.original_name}"
        )
        self.checked = {}

    @staticmethod
    def _standing_documents(project, kind):
        """The lead organisation's valid documents of the kind, if it keeps any."""
        if project is None or not project.pk or kind.value not in StandingDocument.Kind.values:
            return None
        kept = StandingDocument.objects.valid().filter(
            organization_id=project.lead_organization_id, kind=kind.value
        )
        return kept if kept.exists() else None

    def file_fields(self):
        fields = []
        for kind in self.kinds:
            if f"use_{kind.value}" in self.fields:
                fields.append(self[f"use_{kind.value}"])
            fields.append(self[f"file_{kind.value}"])
        return fields

    def chosen_documents(self):
        """[(kind, StandingDocument)] chosen to be attached from the organisation's."""
        return [
            (kind, self.cleaned_data[f"use_{kind.value}"])
            for kind in self.kinds
            if self.cleaned_data.get(f"use_{kind.value}")
        ]

    def clean(self):
        cleaned_data = super().clean()
        for name in ["image", *(f"file_{kind.value}" for kind in self.kinds)]:
            upload = cleaned_data.get(name)
            if not upload:
                continue
            try:
                if name == "image":
                    # Encoded anew without its metadata, under a random name.
                    checked = uploads.clean_image(
                        upload, uploads.PROJECT_IMAGE, max_bytes=self.image_max_bytes
                    )
                else:
                    checked = uploads.check_upload(
                        upload, uploads.DOCUMENT, max_bytes=self.max_bytes
                    )
            except ValidationError as error:
                self.add_error(name, error)
            else:
                self.checked[name] = (upload, checked)
        return cleaned_data

    def has_uploads(self):
        return bool(self.files)
