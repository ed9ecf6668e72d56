from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.forms import ActivityFieldChoices
from organizations.models import Organization
from portal.forms import (
    DatePartsField,
    FiscalYearField,
    OnceFormMixin,
    PortalFormMixin,
    VersionedFormMixin,
    founded_year_field,
)
from projects import money
from projects.forms import DESK_PROJECT_FIELDS
from projects.models import FORM_DETAIL_ATTRIBUTES, BudgetLine, Project, SubsidyDetail


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.email or user.username
        departments = str(_("、")).join(d.label for d in user.departments.all())
        return f"{name}({departments})" if departments else name


class VersionedForm(VersionedFormMixin, PortalFormMixin, forms.ModelForm):
    pass


class StaffProjectForm(OnceFormMixin, VersionedForm):
    """What staff enter when the city starts a project or edits one for any organisation."""

    date_ranges = [("starts_on", "ends_on")]

    fiscal_year = FiscalYearField()
    starts_on = DatePartsField(label=_("開始日"), required=False)
    ends_on = DatePartsField(label=_("終了日"), required=False)

    class Meta:
        model = Project
        fields = DESK_PROJECT_FIELDS
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "expected_effect": forms.Textarea(attrs={"rows": 3}),
            "safety_insurance": forms.Textarea(attrs={"rows": 2}),
            "safety_plan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "department": _("事業の市側の窓口になる課です。"),
            "coordinator": _("この事業を担当する職員です。"),
        }
        field_classes = {
            "coordinator": CoordinatorChoiceField,
            "fields": ActivityFieldChoices,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only approved organisations can lead (a project led by any other could not be
        # published); a project keeps the lead it has, so that its other data can be edited.
        self.fields["lead_organization"].queryset = Organization.objects.filter(
            models.Q(status=Organization.Status.APPROVED)
            | models.Q(pk=self.instance.lead_organization_id)
        ).order_by("name_kana", "id")
        self.fields["lead_organization"].help_text = _(
            "承認済みの団体から選びます。審査中や利用停止中の団体は主催にできません。"
        )
        self.fields["coordinator"].queryset = (
            get_user_model()
            .objects.filter(departments__isnull=False, is_active=True)
            .distinct()
            .prefetch_related("departments")
            .order_by("email")
        )


class CreateChoiceForm(PortalFormMixin, forms.Form):
    """Whether a project staff register is saved as a draft or published at once."""

    publish = forms.BooleanField(
        label=_("登録と同時に公開する"),
        required=False,
        help_text=_(
            "市が始めた事業で審査が不要な場合に選びます。履歴には職員の承認として残ります。"
        ),
    )


class StaffOrganizationForm(VersionedForm):
    """Staff correct an organisation's data (e.g. from a paper form); the status changes only
    through the review buttons."""

    founded_year = founded_year_field()

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_kana",
            "kind",
            "fields",
            "area",
            "description",
            "offers",
            "needs",
            "founded_year",
            "public_email",
            "public_phone",
            "public_url",
            "representative_name",
            "representative_phone",
            "representative_address",
            "private_email",
        ]
        field_classes = {"fields": ActivityFieldChoices}
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "offers": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }


def _detail_formfield(field, **kwargs):
    if isinstance(field, models.DateField):
        return DatePartsField(
            label=field.verbose_name, required=not field.blank, help_text=field.help_text
        )
    if isinstance(field, models.TextField):
        return field.formfield(widget=forms.Textarea(attrs={"rows": 3}), **kwargs)
    return field.formfield(**kwargs)


class StaffDetailForm(PortalFormMixin, forms.ModelForm):
    # Pairs of the form-specific rows (委託's contract period); absent fields are skipped.
    date_ranges = [("contract_starts_on", "contract_ends_on")]

    def clean(self):
        cleaned_data = super().clean()
        if isinstance(self.instance, SubsidyDetail):
            self._check_subsidy_amounts(cleaned_data)
        return cleaned_data

    def _check_subsidy_amounts(self, cleaned_data):
        """The 交付決定 and the 確定 each come with their date, and the confirmed amount
        stays within the granted one and what the settlement leaves uncovered."""
        for amount, date, message in (
            (
                "granted_amount",
                "granted_on",
                _("交付決定額とあわせて、交付決定日を入力してください。"),
            ),
            ("confirmed_amount", "confirmed_on", _("確定額とあわせて、確定日を入力してください。")),
        ):
            missing_date = cleaned_data.get(amount) is not None and not cleaned_data.get(date)
            if missing_date and date not in self.errors:
                self.add_error(date, message)
        confirmed = cleaned_data.get("confirmed_amount")
        if confirmed is None:
            return
        settlement = money.totals(
            BudgetLine.objects.filter(project_id=self.instance.project_id), actual=True
        )
        for problem in money.confirmed_amount_problems(
            confirmed, cleaned_data.get("granted_amount"), settlement
        ):
            self.add_error("confirmed_amount", problem)


def detail_form_class(form_code):
    """A form for the project's form-specific row (補助, 後援, …), staff fields included
    (e.g. the granted amount of a 補助)."""
    model = Project._meta.get_field(FORM_DETAIL_ATTRIBUTES[form_code]).related_model
    names = [field.name for field in model._meta.fields if field.name not in ("id", "project")]
    return forms.modelform_factory(
        model, form=StaffDetailForm, fields=names, formfield_callback=_detail_formfield
    )
