"""Projects, partners, events and complete proposals for tests."""

import datetime
import itertools

from django.utils import timezone

from organizations.models import ActivityField, Area
from projects.models import Event, Partner, Project
from tests.organizations.factories import make_organization

_sequence = itertools.count(1)


def make_project(
    *,
    lead_organization=None,
    status=Project.Status.PUBLISHED,
    form=Project.Form.COHOSTING,
    fields=("community-development",),
    **attributes,
):
    number = next(_sequence)
    defaults = {
        "title": f"テスト協働事業{number}",
        "summary": "テスト用の協働事業の概要です。",
        "fiscal_year": 2025,
        "area": Area.objects.get(code="citywide"),
        "starts_on": datetime.date(2025, 6, 1),
        "ends_on": datetime.date(2026, 2, 28),
    }
    if status in (Project.Status.PUBLISHED, Project.Status.COMPLETED, Project.Status.EVALUATED):
        defaults["published_at"] = timezone.now()
    defaults.update(attributes)
    project = Project.objects.create(
        lead_organization=lead_organization or make_organization(),
        status=status,
        form=form,
        **defaults,
    )
    if fields:
        project.fields.set(ActivityField.objects.filter(code__in=fields))
    return project


def make_partner(project, organization=None, *, name="", role="会場の提供", consent=None):
    """A partner; a registered organisation has confirmed its role unless `consent` says not."""
    if consent is None:
        consent = Partner.Consent.CONFIRMED if organization else Partner.Consent.NOT_NEEDED
    return Partner.objects.create(
        project=project, organization=organization, name=name, role=role, consent=consent
    )


def make_event(project, *, starts_on=None, **fields):
    defaults = {"title": f"{project.title}の説明会", "place": "ふじみ野市役所", "start_time": None}
    defaults.update(fields)
    return Event.objects.create(
        project=project,
        starts_on=starts_on or timezone.localdate() + datetime.timedelta(days=10),
        **defaults,
    )


def make_budget(project, *, income=(("city_subsidy", 100000),), expenses=(("supplies", 100000),)):
    """A 補助's budget lines: (category, planned amount) for each side."""
    from projects.models import BudgetLine

    lines = [
        BudgetLine(project=project, side=side, category=category, planned_amount=amount)
        for side, rows in (("income", income), ("expense", expenses))
        for category, amount in rows
    ]
    return BudgetLine.objects.bulk_create(lines)


# What each form's own part needs before a proposal can be submitted.
COMPLETE_DETAILS = {
    Project.Form.SUBSIDY: {"requested_amount": 100000, "budget_plan": "収入と支出の見込み"},
    Project.Form.COMMISSION: {"deliverables": "報告書"},
    Project.Form.COMMITTEE: {"committee_name": "テスト実行委員会"},
    Project.Form.COOPERATION: {"agreement_name": "包括連携協定"},
    Project.Form.COHOSTING: {"cost_sharing": "会場費は市、講師謝礼は団体が負担します。"},
}


def make_proposal(*, lead_organization=None, form=Project.Form.COHOSTING, **attributes):
    """A draft with everything a submission needs: the common part, the form's own part and
    the self-check answered (not for 後援, whose documents and dates tests set themselves)."""
    from principles.models import ChecklistItem, SelfCheckAnswer
    from projects.models import FORM_DETAIL_ATTRIBUTES

    defaults = {
        "status": Project.Status.DRAFT,
        "purpose": "地域の課題を一緒に解決します。",
        "expected_effect": "参加した市民のつながりが生まれます。",
        "safety_insurance": "市民活動保険に加入します。",
        "safety_plan": "責任者を置き、緊急時は119番と担当課に連絡します。",
    }
    defaults.update(attributes)
    project = make_project(lead_organization=lead_organization, form=form, **defaults)
    detail_model = Project._meta.get_field(FORM_DETAIL_ATTRIBUTES[form]).related_model
    detail_model.objects.create(project=project, **COMPLETE_DETAILS.get(form, {}))
    if form == Project.Form.COMMITTEE:
        make_partner(project, name="地区の町会", role="会場の運営")
    if form == Project.Form.SUBSIDY:
        make_budget(project)
    for item in ChecklistItem.objects.filter(is_active=True):
        SelfCheckAnswer.objects.create(project=project, item=item, answer="yes")
    return project
