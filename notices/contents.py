"""What each kind of document says: the values it is drawn from, taken once at issue.

The values are plain text (dates already in 和暦, amounts already written out), so that the
stored document reads the same whatever changes later in the project, the profile or the
code's wording. The addressee carries what a notice on paper carries: the organisation's
name and its representative as the application names them, never a phone or an address.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from city.profile import current as current_city
from portal.wareki import fiscal_year_label, wareki_date
from projects.deadlines import report_due_on
from projects.models import Form
from projects.money import paid_amount, refund_amount
from projects.submissions import proposal_values

from .models import Kind


def _amount(value):
    return _("%(amount)s円") % {"amount": f"{value:,}"} if value is not None else _("(未定)")


def _date(value):
    return wareki_date(value) if value else _("(未定)")


def _period(project):
    first, last = project.date_range()
    if first is None:
        return _("(未定)")
    if last is None or last == first:
        return wareki_date(first)
    return _("%(first)s から %(last)s まで") % {
        "first": wareki_date(first),
        "last": wareki_date(last),
    }


def _applicant(project):
    organization = project.lead_organization
    representative = ""
    if organization.representative_name:
        representative = _("代表者 %(name)s") % {"name": organization.representative_name}
    return {"name": organization.name, "representative": representative}


def _application_date(project):
    return project.submitted_at.date() if project.submitted_at else None


def _written(project, key, shown):
    """A value of the application as a document writes it: dates in 和暦, the 年度 as
    令和N年度, amounts in yen with separators; anything else as the proposal shows it."""
    owner, name = project, key
    if key.startswith("detail."):
        owner, name = project.form_detail(), key.removeprefix("detail.")
    try:
        field = owner._meta.get_field(name)
    except FieldDoesNotExist:  # partners, events and attachments: lists written out
        return shown or "—"
    value = getattr(owner, name, None)
    if value is None or value == "":
        return "—"
    if name == "fiscal_year":
        return fiscal_year_label(value)
    if isinstance(field, models.DateField):
        return wareki_date(value)
    if isinstance(field, models.PositiveBigIntegerField):
        return _amount(value)
    return shown or "—"


def _application(project, transition):
    values = proposal_values(project)
    items = [
        {"label": _("事業番号"), "value": str(project.pk)},
        {"label": _("協働の形態"), "value": project.get_form_display()},
    ]
    items += [
        {"label": entry["label"], "value": _written(project, key, entry["value"])}
        for key, entry in values.items()
    ]
    submitted = _application_date(project)
    return {
        "heading": _("協働事業申請書(%(form)s)") % {"form": project.get_form_display()},
        "addressee": _("(宛先)%(issuer)s") % {"issuer": current_city().notice_issuer_line},
        "sender_is_applicant": True,
        "body": _("次のとおり協働事業を申請します。"),
        "items": items,
        "conditions": [],
        "submitted_on": wareki_date(submitted) if submitted else "",
    }


def _patronage_items(project):
    detail = project.form_detail()
    if detail is None:
        return [{"label": _("事業名"), "value": project.title}]
    places = [
        label
        for flag, label in (
            (detail.name_on_poster, _("ポスター")),
            (detail.name_on_flyer, _("チラシ")),
            (detail.name_on_web, _("ウェブ")),
        )
        if flag
    ]
    return [
        {"label": _("行事名"), "value": detail.event_name or project.title},
        {"label": _("開催日"), "value": _date(detail.event_date)},
        {"label": _("開催場所"), "value": detail.venue or "—"},
        {"label": _("名義の表示"), "value": "、".join(places) or "—"},
    ]


def _patronage_approval(project, transition):
    city = current_city()
    due = report_due_on(project)
    return {
        "heading": str(Kind.PATRONAGE_APPROVAL.label),
        "body": _(
            "%(date)s付けで申請のありました後援名義の使用については、次の条件を付して承認します。"
        )
        % {"date": _date(_application_date(project))},
        "items": _patronage_items(project)
        + [{"label": _("名義"), "value": _("後援 %(city)s") % {"city": city.name}}],
        "conditions": [
            _("承認した行事以外に名義を使用しないこと。"),
            _("営利、政治又は宗教の目的に名義を使用しないこと。"),
            _("内容を変更するときは変更届を、中止するときは中止届を速やかに提出すること。"),
            _("行事の終了後、%(due)sまでに実績報告を提出すること。") % {"due": _date(due)},
            _("条件に反したときは、承認を取り消すことがあります。"),
        ],
        "report_due_on": _date(due),
    }


def _patronage_refusal(project, transition):
    return {
        "heading": str(Kind.PATRONAGE_REFUSAL.label),
        "body": _(
            "%(date)s付けで申請のありました後援名義の使用については、"
            "次の理由により承認しないことに決定しました。"
        )
        % {"date": _date(_application_date(project))},
        "items": _patronage_items(project)
        + [{"label": _("理由"), "value": (transition.comment if transition else "") or "—"}],
        "conditions": [],
    }


def _subsidy_detail(project):
    return project.form_detail()


def _subsidy_grant(project, transition):
    detail = _subsidy_detail(project)
    granted = None
    if detail is not None:
        granted = detail.granted_amount or detail.requested_amount
    return {
        "heading": str(Kind.SUBSIDY_GRANT.label),
        "body": _(
            "%(date)s付けで申請のありました補助金については、次のとおり交付することに決定しました。"
        )
        % {"date": _date(_application_date(project))},
        "items": [
            {"label": _("補助事業の名称"), "value": project.title},
            {"label": _("年度"), "value": fiscal_year_label(project.fiscal_year)},
            {"label": _("交付決定額"), "value": _amount(granted)},
            {"label": _("事業の期間"), "value": _period(project)},
        ],
        "conditions": [
            _("補助金は、申請のあった事業の目的に沿って使用すること。"),
            _("事業の内容を変更するときは、あらかじめ申し出ること。"),
            _(
                "事業が終わったときは、%(due)sまでに実績報告(収支決算と領収書の写しを添える)"
                "を提出すること。"
            )
            % {"due": _date(report_due_on(project))},
        ],
    }


def _subsidy_confirmation(project, transition):
    detail = _subsidy_detail(project)
    granted = detail.granted_amount if detail is not None else None
    # The confirmed amount where the detail records one, else the granted one stands.
    confirmed = (detail.confirmed_amount if detail is not None else None) or granted
    advance = bool(getattr(detail, "advance_payment", False))
    refund = refund_amount(paid_amount(granted, advance_payment=advance), confirmed)
    refund_items = [{"label": _("返還額"), "value": _amount(refund)}] if refund else []
    return {
        "heading": str(Kind.SUBSIDY_CONFIRMATION.label),
        "body": _("実績報告のありました補助事業について、交付額を次のとおり確定しました。"),
        "items": [
            {"label": _("補助事業の名称"), "value": project.title},
            {"label": _("年度"), "value": fiscal_year_label(project.fiscal_year)},
            {"label": _("交付決定額"), "value": _amount(granted)},
            {"label": _("交付確定額"), "value": _amount(confirmed)},
            *refund_items,
        ],
        "conditions": (
            [_("概算払で交付した額のうち、返還額を市の発行する納入通知書により返還すること。")]
            if refund
            else []
        ),
    }


def _agreement_cover(project, transition):
    city = current_city()
    detail = project.form_detail()
    applicant = _applicant(project)
    parties = [
        {"label": _("甲"), "value": city.notice_issuer_line},
        {
            "label": _("乙"),
            "value": " ".join(p for p in (applicant["name"], applicant["representative"]) if p),
        },
    ]
    if project.form == Form.COMMISSION:
        heading = _("委託契約書")
        items = [
            {"label": _("件名"), "value": project.title},
            {"label": _("契約金額"), "value": _amount(getattr(detail, "contract_amount", None))},
            {
                "label": _("契約期間"),
                "value": _("%(first)s から %(last)s まで")
                % {
                    "first": _date(getattr(detail, "contract_starts_on", None)),
                    "last": _date(getattr(detail, "contract_ends_on", None)),
                },
            },
        ]
    else:
        heading = (getattr(detail, "agreement_name", "") or _("協定書")).strip()
        items = [
            {"label": _("件名"), "value": project.title},
            {"label": _("締結日"), "value": _date(getattr(detail, "concluded_on", None))},
            {"label": _("協定の期間"), "value": getattr(detail, "term", "") or "—"},
        ]
    return {
        "heading": heading,
        "is_cover": True,
        "body": _(
            "%(first)s(以下「甲」という。)と%(second)s(以下「乙」という。)は、"
            "次のとおり協働して事業を行うことに合意し、本書を取り交わす。"
        )
        % {"first": city.name, "second": applicant["name"]},
        "items": items + parties,
        "conditions": [],
    }


BUILDERS = {
    Kind.APPLICATION: _application,
    Kind.PATRONAGE_APPROVAL: _patronage_approval,
    Kind.PATRONAGE_REFUSAL: _patronage_refusal,
    Kind.SUBSIDY_GRANT: _subsidy_grant,
    Kind.SUBSIDY_CONFIRMATION: _subsidy_confirmation,
    Kind.AGREEMENT_COVER: _agreement_cover,
}


def document_values(kind, project, *, transition=None, document_number, issued_on):
    """Everything the document shows, as text."""
    city = current_city()
    values = {
        "kind": str(kind),
        "title": str(Kind(kind).label),
        "document_number": document_number,
        "issued_on": issued_on.isoformat(),
        "issued_on_label": wareki_date(issued_on),
        "project_id": project.pk,
        "project_title": project.title,
        "applicant": _applicant(project),
        "addressee": "",
        "issuer": city.notice_issuer_line,
        "department": city.department_name,
        "contact": " ".join(
            part
            for part in (
                _("担当: %(name)s") % {"name": city.contact_name},
                _("電話 %(phone)s") % {"phone": city.contact_phone} if city.contact_phone else "",
            )
            if part
        ),
        "report_days": settings.PATRONAGE_REPORT_DUE_DAYS,
    }
    values.update(BUILDERS[kind](project, transition))
    # The 受付番号 the applicant got on submitting: every document about the proposal names it.
    values["receipt_number"] = project.receipt_number or ""
    if project.receipt_number:
        values["items"] = [
            {"label": _("受付番号"), "value": project.receipt_number},
            *values.get("items", []),
        ]
    if not values["addressee"]:
        applicant = values["applicant"]
        values["addressee"] = " ".join(
            p for p in (applicant["name"], applicant["representative"]) if p
        )
    return values
