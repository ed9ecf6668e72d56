"""Decisions issue their notices; the PDFs carry the number, the 和暦 date and the applicant."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notices import services
from notices.models import IssuedDocument, Kind
from portal.wareki import wareki_date
from projects import lifecycle
from projects.models import PatronageDetail, SubsidyDetail
from tests import factories
from tests.notices.helpers import embedded_fonts, pdf_text, stored_bytes


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _patronage(organization, **detail):
    project = factories.make_project(
        lead_organization=organization, status="submitted", form="patronage",
        submitted_at=timezone.now(),
    )  # fmt: skip
    PatronageDetail.objects.create(
        project=project,
        event_name="ふれあい講演会",
        event_date=detail.pop("event_date", datetime.date(2026, 12, 1)),
        venue="市民交流プラザ",
        name_on_poster=True,
        **detail,
    )
    return project


def _decide(project, action, actor, capture, comment=""):
    with capture(execute=True):
        lifecycle.apply(project, action, actor=actor, comment=comment)
    return IssuedDocument.objects.get(project=project)


@pytest.mark.django_db
def test_approved_patronage_gets_the_approval_notice_as_a_pdf(
    organization, coordinating_staff, django_capture_on_commit_callbacks, settings
):
    settings.PATRONAGE_REPORT_DUE_DAYS = 30
    organization.representative_name = "山田 花子"
    organization.representative_phone = "090-0000-0000"
    organization.save()
    project = _patronage(organization)

    document = _decide(project, "approve", coordinating_staff, django_capture_on_commit_callbacks)

    assert document.kind == Kind.PATRONAGE_APPROVAL
    assert document.document_number == f"ふじみ野協推第{document.number}号"
    data = stored_bytes(document)
    text = pdf_text(data)
    assert document.document_number in text
    assert wareki_date(timezone.localdate()) in text
    assert organization.name in text
    assert "代表者 山田 花子" in text
    assert "後援名義使用承認通知書" in text
    # The report's due date, a set time after the event, is a condition of the approval.
    assert "令和8年12月31日までに実績報告を提出すること" in text
    assert "090-0000-0000" not in text
    assert any("CJK" in name for name in embedded_fonts(data))


@pytest.mark.django_db
def test_rejected_patronage_gets_the_refusal_notice_with_the_reason(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    project = _patronage(organization)

    document = _decide(
        project, "reject", coordinating_staff, django_capture_on_commit_callbacks,
        comment="営利を目的とする行事のため",
    )  # fmt: skip

    assert document.kind == Kind.PATRONAGE_REFUSAL
    text = pdf_text(stored_bytes(document))
    assert "後援名義使用不承認通知書" in text
    assert "営利を目的とする行事のため" in text
    assert document.document_number in text


@pytest.mark.django_db
def test_approved_subsidy_gets_the_grant_notice_with_the_amount(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_project(
        lead_organization=organization, status="submitted", form="subsidy"
    )
    SubsidyDetail.objects.create(project=project, requested_amount=100000, granted_amount=80000)

    document = _decide(project, "approve", coordinating_staff, django_capture_on_commit_callbacks)

    assert document.kind == Kind.SUBSIDY_GRANT
    text = pdf_text(stored_bytes(document))
    assert "補助金交付決定通知書" in text
    assert "80,000円" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "heading"), [("commission", "委託契約書"), ("cooperation", "包括連携協定")]
)
def test_approved_commission_and_cooperation_get_the_agreement_cover(
    form, heading, organization, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization, form=form, status="submitted")

    document = _decide(project, "approve", coordinating_staff, django_capture_on_commit_callbacks)

    assert document.kind == Kind.AGREEMENT_COVER
    text = pdf_text(stored_bytes(document))
    assert heading in text
    assert organization.name in text


@pytest.mark.django_db
def test_a_decision_without_a_notice_issues_nothing(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization, status="submitted")

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "return", actor=coordinating_staff, comment="日程を")

    assert not IssuedDocument.objects.exists()


@pytest.mark.django_db
def test_submission_stores_the_application_with_every_field_and_the_project_id(
    organization, member, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization, form="subsidy")

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit", actor=member)

    document = IssuedDocument.objects.get(project=project)
    assert document.kind == Kind.APPLICATION
    text = pdf_text(stored_bytes(document))
    assert "協働事業申請書" in text
    assert "事業番号" in text and str(project.pk) in text
    project.refresh_from_db()
    assert project.receipt_number == "補助-R7-0001"
    assert "受付番号" in text and project.receipt_number in text
    assert "収支予算" in text and "収入と支出の見込み" in text
    # Amounts, dates and the 年度 are written as a document writes them.
    assert "100,000円" in text
    assert "令和7年6月1日" in text
    assert "令和7年度" in text
    assert organization.name in text


@pytest.mark.django_db
def test_the_decision_mail_says_the_notice_is_ready_and_links_to_it(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = _patronage(organization)

    document = _decide(project, "approve", coordinating_staff, django_capture_on_commit_callbacks)

    [message] = [m for m in mail.outbox if member.email in m.to]
    assert document.document_number in message.body
    assert f"https://kyodo.example.jp/notices/{document.pk}/pdf/" in message.body


@pytest.mark.django_db
def test_a_reissue_keeps_the_old_stored_bytes_and_gets_a_new_number(
    organization, coordinating_staff, django_capture_on_commit_callbacks
):
    project = _patronage(organization)
    first = _decide(project, "approve", coordinating_staff, django_capture_on_commit_callbacks)
    old_bytes = stored_bytes(first)
    project.title = "名前を変えた事業"
    project.save()

    with django_capture_on_commit_callbacks(execute=True):
        second = services.document_reissue(first, actor=coordinating_staff)

    first.refresh_from_db()
    second.refresh_from_db()
    assert stored_bytes(first) == old_bytes
    assert second.reissue_of == first
    assert second.number == first.number + 1
    assert second.document_number != first.document_number
    assert not first.is_current
    assert second.document_number in pdf_text(stored_bytes(second))
    with pytest.raises(services.NotIssuable):
        services.document_reissue(first, actor=coordinating_staff)


@pytest.mark.django_db
def test_a_stored_pdf_is_never_drawn_again(organization, coordinating_staff):
    project = _patronage(organization)
    document = services.document_issue(project=project, kind=Kind.PATRONAGE_APPROVAL)
    services.render_pdf(document)
    document.refresh_from_db()
    stored = document.pdf.name

    IssuedDocument.objects.filter(pk=document.pk).update(values={**document.values, "body": "X"})
    services.render_pdf(document)

    document.refresh_from_db()
    assert document.pdf.name == stored


@pytest.mark.django_db
def test_numbers_count_per_fiscal_year(organization):
    project = _patronage(organization)
    march = services.document_issue(
        project=project, kind=Kind.APPLICATION, today=datetime.date(2026, 3, 31)
    )
    april = services.document_issue(
        project=project, kind=Kind.APPLICATION, today=datetime.date(2026, 4, 1)
    )
    april_again = services.document_issue(
        project=project, kind=Kind.APPLICATION, today=datetime.date(2026, 4, 2)
    )

    assert (march.fiscal_year, april.fiscal_year) == (2025, 2026)
    assert april.number == 1
    assert april_again.number == 2
    assert april.values["issued_on_label"] == "令和8年4月1日"


@pytest.mark.django_db
def test_the_number_format_is_the_city_profiles(organization, settings):
    from city.profile import current, forget

    profile = current()
    profile.notice_number_format = "協推発第{number}号"
    profile.save()
    forget()

    document = services.document_issue(project=_patronage(organization), kind=Kind.APPLICATION)

    assert document.document_number == f"協推発第{document.number}号"


@pytest.mark.django_db
def test_a_pdf_whose_task_failed_is_made_at_the_first_download(
    organization, member, client, monkeypatch
):
    from notices import tasks

    def broken(document_id):
        raise OSError("no fonts")

    monkeypatch.setattr(tasks.render_document, "delay", broken)
    project = _patronage(organization)
    document = services.document_issue(project=project, kind=Kind.APPLICATION)
    services.enqueue_render(document.pk)
    assert not IssuedDocument.objects.get(pk=document.pk).pdf

    client.force_login(member)
    response = client.get(f"/notices/{document.pk}/pdf/")

    assert response.status_code == 200
    assert document.document_number in pdf_text(b"".join(response.streaming_content))


@pytest.mark.django_db
def test_the_pdf_task_is_tried_again_when_drawing_fails(organization, monkeypatch):
    from config.celery import app as celery_app
    from notices import tasks

    document = services.document_issue(
        project=_patronage(organization), kind=Kind.APPLICATION, draw_pdf=False
    )
    draw = services.render_pdf
    calls = []

    def flaky(document):
        calls.append(document.pk)
        if len(calls) == 1:
            raise OSError("font cache busy")
        return draw(document)

    monkeypatch.setattr(services, "render_pdf", flaky)
    # As a worker runs it: a failure is retried, not raised into the caller.
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    try:
        tasks.render_document.delay(document.pk)
    finally:
        celery_app.conf.task_eager_propagates = propagates

    assert len(calls) == 2
    document.refresh_from_db()
    assert document.pdf


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form", ["subsidy", "patronage", "commission", "committee", "cooperation", "cohosting"]
)
def test_the_application_carries_every_field_of_each_form(form, organization):
    from projects.models import Project

    project = factories.make_proposal(lead_organization=organization, form=form)
    detail = project.form_detail()

    document = services.document_issue(project=project, kind=Kind.APPLICATION, draw_pdf=False)

    labels = {item["label"] for item in document.values["items"]}
    for field in detail._meta.concrete_fields:
        if field.name not in ("id", "project"):
            assert str(field.verbose_name) in labels, field.name
    for name in ("title", "summary", "purpose", "safety_insurance", "safety_plan"):
        assert str(Project._meta.get_field(name).verbose_name) in labels


@pytest.mark.django_db
def test_the_confirmation_carries_the_confirmed_amount_and_the_refund(
    organization, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization, form="subsidy")
    SubsidyDetail.objects.create(
        project=project,
        requested_amount=150000,
        granted_amount=150000,
        confirmed_amount=138400,
        advance_payment=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_issue(project=project, kind=Kind.SUBSIDY_CONFIRMATION)
    document.refresh_from_db()
    text = pdf_text(stored_bytes(document))
    assert "138,400円" in text
    assert "返還額" in text and "11,600円" in text


@pytest.mark.django_db
def test_a_confirmation_paid_afterwards_names_no_refund(
    organization, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization, form="subsidy")
    SubsidyDetail.objects.create(
        project=project, requested_amount=150000, granted_amount=150000, confirmed_amount=138400
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_issue(project=project, kind=Kind.SUBSIDY_CONFIRMATION)
    document.refresh_from_db()
    text = pdf_text(stored_bytes(document))
    assert "138,400円" in text
    assert "返還額" not in text
