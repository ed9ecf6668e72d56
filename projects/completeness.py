"""What a proposal needs before it can be submitted.

Drafts may be saved with anything missing; `submit` asks `proposal_problems` first and
refuses while the list is not empty. Each problem names the part of the page it belongs to
(`section`) and the field, so that the page can show it at the top and beside the field.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization
from portal.wareki import add_days, wareki_date

from . import money
from .models import (
    FORM_DETAIL_ATTRIBUTES,
    REQUIRED_ATTACHMENT_KINDS,
    BudgetSide,
    Form,
    Project,
)
from .sections import section_problems


@dataclass(frozen=True)
class Problem:
    section: str  # "project", "detail", "partners", "files", or a registered section's code
    field: str | None
    message: str
    label: str = ""  # what the field is called, for lists away from the form


REQUIRED = _("提出するには、この項目の入力が必要です。")

PROJECT_FIELDS = (
    "title",
    "summary",
    "purpose",
    "expected_effect",
    "area",
    "fiscal_year",
    "starts_on",
    "safety_insurance",
    "safety_plan",
)

DETAIL_FIELDS = {
    Form.SUBSIDY: ("requested_amount",),
    Form.PATRONAGE: ("event_name", "event_date", "venue"),
    Form.COMMISSION: ("deliverables",),
    Form.COMMITTEE: ("committee_name",),
    Form.COOPERATION: ("agreement_name",),
    Form.COHOSTING: ("cost_sharing",),
}


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def patronage_deadline(event_date):
    """The last day a 後援 application may arrive for an event on `event_date`."""
    return add_days(event_date, -settings.PATRONAGE_APPLICATION_LEAD_DAYS)


def application_date(project, today=None):
    """When the application arrived: its first submission, or today if it has none yet.

    A proposal that staff returned keeps the date it first arrived, so that the time staff
    took does not count against the applicant.
    """
    first = project.transitions.filter(action="submit").order_by("created_at", "id").first()
    if first is not None:
        return timezone.localdate(first.created_at)
    return today or timezone.localdate()


def proposal_problems(project, today=None):
    """Everything that keeps the proposal from being submitted (empty: it may be submitted).

    `today` is the day of the submission (today unless a past record is being entered)."""
    problems = []
    if project.lead_organization.status != Organization.Status.APPROVED:
        problems.append(
            Problem(
                "project",
                None,
                _(
                    "提案する団体が承認されていないため、提出できません。協働推進課にご相談ください。"
                ),
            )
        )
    for name in PROJECT_FIELDS:
        if project.form == Form.PATRONAGE and name == "starts_on":
            continue  # the event's date, asked (and required) in the 後援's own part
        if _is_empty(getattr(project, name)):
            label = Project._meta.get_field(name).verbose_name
            problems.append(Problem("project", name, REQUIRED, label))
    if not project.fields.exists():
        problems.append(Problem("project", "fields", _("活動分野を1つ以上選んでください。")))

    detail = project.form_detail()
    detail_model = Project._meta.get_field(FORM_DETAIL_ATTRIBUTES[project.form]).related_model
    for name in DETAIL_FIELDS[project.form]:
        if detail is None or _is_empty(getattr(detail, name)):
            label = detail_model._meta.get_field(name).verbose_name
            problems.append(Problem("detail", name, REQUIRED, label))
    if project.form == Form.PATRONAGE and detail is not None:
        problems.extend(_patronage_problems(project, detail, today))
    if project.form == Form.SUBSIDY:
        problems.extend(_subsidy_problems(project, detail))
    if project.form == Form.COMMITTEE and not project.partners.exists():
        problems.append(
            Problem(
                "partners",
                None,
                _("実行委員会を構成する団体を、協働の相手として1つ以上入力してください。"),
            )
        )

    if project.image and _is_empty(project.image_alt):
        problems.append(
            Problem("files", "image_alt", _("メイン画像の説明(代替テキスト)を入力してください。"))
        )
    kinds_present = set(project.attachments.current().values_list("kind", flat=True))
    for kind in REQUIRED_ATTACHMENT_KINDS.get(project.form, ()):
        if kind not in kinds_present:
            problems.append(
                Problem(
                    "files",
                    f"file_{kind.value}",
                    _("「%(kind)s」のファイルを添付してください。") % {"kind": kind.label},
                )
            )

    problems.extend(section_problems(project, today))

    return problems


def _subsidy_problems(project, detail):
    """A 補助 says how it is paid for: its budget has expense lines, and the amount asked of
    the city is no more than what the expenses leave after the other income."""
    lines = list(project.budget_lines.all())
    if not any(line.side == BudgetSide.EXPENSE for line in lines):
        yield Problem(
            "expenses",
            None,
            _("収支予算の支出を1行以上入力してください。"),
            _("収支予算(支出)"),
        )
        return
    problem = money.requested_amount_problem(
        detail.requested_amount if detail else None, money.totals(lines)
    )
    if problem:
        yield Problem("detail", "requested_amount", problem, _("申請額(円)"))


def _patronage_problems(project, detail, today=None):
    if not (detail.name_on_poster or detail.name_on_flyer or detail.name_on_web):
        yield Problem(
            "detail",
            "name_on_poster",
            _("市の名義を表示する媒体(ポスター、チラシ、ウェブ)を1つ以上選んでください。"),
        )
    if detail.event_date is None:
        return
    arrived = application_date(project, today)
    deadline = patronage_deadline(detail.event_date)
    if arrived > deadline:
        yield Problem(
            "detail",
            "event_date",
            _(
                "後援の申請は、開催日の%(days)s日前(%(deadline)s)までに提出する必要があります。"
                "開催日(%(event_date)s)まで%(days)s日を切っているため、提出できません。"
                "協働推進課にご相談ください。"
            )
            % {
                "days": settings.PATRONAGE_APPLICATION_LEAD_DAYS,
                "deadline": wareki_date(deadline),
                "event_date": wareki_date(detail.event_date),
            },
        )


def can_be_submitted(project: Project):
    return not proposal_problems(project)
