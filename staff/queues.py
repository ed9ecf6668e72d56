"""What waits on the desk: each queue is a Table (see tables.py), so it exports as shown."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.models import NotificationFailure
from organizations.models import Organization
from portal import wareki
from portal.exports import Column, Table
from principles.selectors import awaiting_evaluations
from projects.deadlines import report_due_on
from projects.models import Form, Project, ProposedChange, Report, Status

from . import permissions
from .permissions import COORDINATING_ONLY

REPORT_DUE_SOON_DAYS = 14


def local_date(value):
    return wareki.local_date(value) if value is not None else None


def days_since(value):
    value = local_date(value)
    return (timezone.localdate() - value).days if value else None


def file_url(project):
    return reverse("staff:project_file", args=[project.pk])


def organization_url(organization):
    return reverse("staff:organization_review", args=[organization.pk])


def _project_base(user):
    queryset = Project.objects.select_related(
        "lead_organization", "department", "patronage", "report"
    )
    return permissions.desk_projects(user, queryset)


TITLE = Column(_("事業名"), lambda p: p.title, link=file_url)

RECEIPT_NUMBER = Column(_("受付番号"), lambda p: p.receipt_number or "")
ORGANIZATION = Column(_("団体"), lambda p: p.lead_organization.name)
FORM = Column(_("協働の形態"), lambda p: p.get_form_display())
DEPARTMENT = Column(_("担当課"), lambda p: p.department.label if p.department else "")


def pending_organizations(user):
    if not permissions.can_review_organizations(user):
        raise PermissionDenied(COORDINATING_ONLY)
    rows = Organization.objects.filter(status=Organization.Status.PENDING).select_related("area")
    rows = rows.order_by("created_at", "id")
    return Table(
        name="pending-organizations",
        title=_("承認待ちの団体"),
        columns=[
            Column(_("団体名"), lambda o: o.name, link=organization_url),
            Column(_("種別"), lambda o: o.get_kind_display()),
            Column(_("地区"), lambda o: o.area.label if o.area else ""),
            Column(_("登録日"), lambda o: local_date(o.created_at), wareki=True),
            Column(_("経過日数"), lambda o: days_since(o.created_at)),
        ],
        rows=list(rows),
        empty=_("承認待ちの団体はありません。"),
    )


def submitted_proposals(user):
    rows = _project_base(user).filter(status=Status.SUBMITTED).order_by("submitted_at", "id")
    return Table(
        name="submitted-proposals",
        title=_("審査待ちの提案(古い順)"),
        columns=[
            RECEIPT_NUMBER,
            TITLE,
            ORGANIZATION,
            FORM,
            Column(_("提出日"), lambda p: local_date(p.submitted_at), wareki=True),
            Column(_("経過日数"), lambda p: days_since(p.submitted_at)),
            Column(
                _("後援の開催日"),
                lambda p: (
                    p.form_detail().event_date
                    if p.form == Form.PATRONAGE and p.form_detail()
                    else None
                ),
                wareki=True,
            ),
            DEPARTMENT,
        ],
        rows=list(rows),
        empty=_("審査待ちの提案はありません。"),
    )


def returned_proposals(user):
    rows = (
        _project_base(user)
        .filter(status=Status.RETURNED)
        .annotate(
            returned_at=Max("transitions__created_at", filter=Q(transitions__action="return"))
        )
        .order_by("returned_at", "id")
    )
    return Table(
        name="returned-proposals",
        title=_("差し戻し中の提案(団体の対応待ち)"),
        columns=[
            TITLE,
            ORGANIZATION,
            FORM,
            Column(_("差し戻し日"), lambda p: local_date(p.returned_at), wareki=True),
            Column(_("経過日数"), lambda p: days_since(p.returned_at)),
        ],
        rows=list(rows),
        empty=_("差し戻し中の提案はありません。"),
    )


def change_notices(user):
    """後援 change notices waiting for the city's acknowledgement (only then do they show)."""
    pending = ProposedChange.objects.filter(project=OuterRef("pk"), status="pending")
    rows = (
        _project_base(user)
        .filter(Exists(pending))
        .annotate(
            filed_at=Min("proposed_changes__filed_at", filter=Q(proposed_changes__status="pending"))
        )
        .order_by("filed_at", "id")
    )
    return Table(
        name="change-notices",
        title=_("確認待ちの変更届"),
        columns=[
            RECEIPT_NUMBER,
            TITLE,
            ORGANIZATION,
            Column(_("届出日"), lambda p: local_date(p.filed_at), wareki=True),
            Column(_("経過日数"), lambda p: days_since(p.filed_at)),
        ],
        rows=list(rows),
        empty=_("確認待ちの変更届はありません。"),
    )


def reports_due(user):
    today = timezone.localdate()
    rows = []
    candidates = (
        _project_base(user)
        .filter(status=Status.PUBLISHED)
        .exclude(report__status__in=(Report.Status.SUBMITTED, Report.Status.ACCEPTED))
    )
    for project in candidates:
        due = report_due_on(project)
        if due is not None and due <= wareki.add_days(today, REPORT_DUE_SOON_DAYS):
            project.report_due_on = due
            rows.append(project)
    rows.sort(key=lambda p: (p.report_due_on, p.pk))

    def report_state(project):
        try:
            return project.report.get_status_display()
        except Report.DoesNotExist:
            return _("未着手")

    return Table(
        name="reports-due",
        title=_("実績報告の期限が近い・過ぎた事業"),
        columns=[
            TITLE,
            ORGANIZATION,
            FORM,
            Column(_("報告期限"), lambda p: p.report_due_on, wareki=True),
            Column(
                _("状況"),
                lambda p: _("期限超過") if p.report_due_on < today else _("期限間近"),
            ),
            Column(_("実績報告"), report_state),
        ],
        rows=rows,
        empty=_("期限が近い実績報告はありません。"),
    )


def reports_submitted(user):
    rows = (
        _project_base(user)
        .filter(status=Status.PUBLISHED, report__status=Report.Status.SUBMITTED)
        .order_by("report__submitted_at", "id")
    )
    return Table(
        name="reports-submitted",
        title=_("受理を待つ実績報告"),
        columns=[
            TITLE,
            ORGANIZATION,
            FORM,
            Column(_("提出日"), lambda p: local_date(p.report.submitted_at), wareki=True),
            Column(_("経過日数"), lambda p: days_since(p.report.submitted_at)),
        ],
        rows=list(rows),
        empty=_("受理を待つ実績報告はありません。"),
    )


def evaluations_missing(user):
    """Completed projects where a party has not answered yet (a declined party counts as
    answered), with the earliest open deadline; overdue ones say so."""
    today = timezone.localdate()
    candidates = _project_base(user).filter(status=Status.COMPLETED).order_by("id")
    rows = []
    for waiting in awaiting_evaluations(candidates, today):
        project = waiting.project
        project.done_count, project.expected_count = waiting.done, waiting.expected
        project.evaluation_deadline, project.evaluation_overdue = waiting.deadline, waiting.overdue
        rows.append(project)
    return Table(
        name="evaluations-missing",
        title=_("相互評価がそろっていない事業"),
        columns=[
            Column(
                _("事業名"),
                lambda p: p.title,
                link=lambda p: reverse("staff:evaluation", args=[p.pk]),
            ),
            ORGANIZATION,
            DEPARTMENT,
            Column(_("提出済みの評価"), lambda p: p.done_count),
            Column(_("必要な評価"), lambda p: p.expected_count),
            Column(_("提出期限"), lambda p: p.evaluation_deadline, wareki=True),
            Column(_("期限"), lambda p: _("期限超過") if p.evaluation_overdue else ""),
        ],
        rows=rows,
        empty=_("相互評価を待つ事業はありません。"),
    )


def notification_failures(user):
    if not permissions.can_see_notification_failures(user):
        raise PermissionDenied(COORDINATING_ONLY)
    rows = NotificationFailure.objects.open().select_related("project", "organization")
    return Table(
        name="notification-failures",
        title=_("送信できなかった通知"),
        columns=[
            Column(_("日時"), lambda f: local_date(f.created_at), wareki=True),
            Column(_("件名"), lambda f: f.subject),
            Column(_("宛先"), lambda f: "、".join(f.recipient_list)),
            Column(_("エラー"), lambda f: f.error),
        ],
        rows=list(rows),
        empty=_("送信できなかった通知はありません。"),
    )


QUEUES = {
    "pending-organizations": pending_organizations,
    "submitted-proposals": submitted_proposals,
    "returned-proposals": returned_proposals,
    "change-notices": change_notices,
    "reports-submitted": reports_submitted,
    "reports-due": reports_due,
    "evaluations-missing": evaluations_missing,
    "notification-failures": notification_failures,
}


def desk_queues(user):
    """The queues this user sees, in the order of the desk."""
    tables = []
    for builder in QUEUES.values():
        try:
            tables.append(builder(user))
        except PermissionDenied:
            continue
    return tables
