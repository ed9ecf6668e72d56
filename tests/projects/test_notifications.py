"""E-mail on every transition, after the commit; a failing mail server loses nothing."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from notifications.models import NotificationFailure
from organizations import lifecycle as organization_lifecycle
from projects import lifecycle
from projects.models import Report
from tests import factories

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 サービスを利用できません")


FAILING = "tests.projects.test_notifications.FailingBackend"


@pytest.fixture
def submitted(organization, member):
    project = factories.make_proposal(lead_organization=organization)
    return lifecycle.apply(project, "submit", actor=member)


def test_submission_mails_coordinating_staff(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization, title="防災講座")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit", actor=member)
    # The city hears of it; the applicant gets the 受付完了メール (tests/projects/test_receipts.py).
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if member.email not in m.to)
    department = factories.coordinating_department()
    assert sorted(message.to) == sorted([coordinating_staff.email, department.email])
    assert "防災講座" in message.subject
    assert "提出" in message.subject
    assert f"/staff/projects/{project.pk}/" in message.body


def test_decision_mails_the_lead_organisations_members_with_the_comment(
    submitted, member, other_member, coordinating_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(submitted, "return", actor=coordinating_staff, comment="日程を追記")
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "差し戻し" in mail.outbox[0].subject
    assert "日程を追記" in mail.outbox[0].body


def test_no_mail_is_sent_before_the_transaction_commits(
    submitted, coordinating_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    assert mail.outbox == []
    # Every listener of the lifecycle waits for the commit (the mail, and others such as
    # principles' request for evaluations); the mail leaves when they run (its task is queued
    # after the commit of the mail's own row).
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert len(mail.outbox) == 1


def test_failing_mail_server_keeps_the_transition_and_records_the_failure(
    settings, submitted, member, coordinating_staff, django_capture_on_commit_callbacks, client
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        project = lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    project.refresh_from_db()
    assert project.status == "published"
    assert project.transitions.filter(action="approve").count() == 1
    failure = NotificationFailure.objects.get()
    assert failure.project == project
    assert failure.recipient_list == [member.email]
    assert "SMTPException" in failure.error
    assert "承認して公開" in failure.subject

    client.force_login(coordinating_staff)
    body = client.get("/staff/").content.decode()
    assert "送信できなかった通知" in body
    assert failure.subject in body
    assert "SMTPException" in body


def test_failing_mail_server_keeps_an_organisation_decision(
    settings, coordinating_staff, member, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    organization = factories.make_organization(status="pending", members=[member])
    with django_capture_on_commit_callbacks(execute=True):
        organization_lifecycle.apply(organization, "approve", actor=coordinating_staff)
    organization.refresh_from_db()
    assert organization.status == "approved"
    assert NotificationFailure.objects.get().organization == organization


def test_staff_resend_a_failed_notification_once_the_server_is_back(
    settings, submitted, member, coordinating_staff, django_capture_on_commit_callbacks, client
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    failure = NotificationFailure.objects.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(coordinating_staff)
    response = client.post(f"/staff/notifications/{failure.pk}/resend/")
    assert response.status_code == 302
    failure.refresh_from_db()
    assert failure.resolved_at is not None
    assert failure.resolved_by == coordinating_staff
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert failure.subject not in client.get("/staff/").content.decode()


def test_staff_mark_a_failure_as_dealt_with(
    settings, submitted, coordinating_staff, django_capture_on_commit_callbacks, client
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    failure = NotificationFailure.objects.get()
    client.force_login(coordinating_staff)
    client.post(f"/staff/notifications/{failure.pk}/resolve/")
    assert not NotificationFailure.objects.open().exists()


def test_department_staff_cannot_see_or_resend_failures(
    settings,
    submitted,
    coordinating_staff,
    department_staff,
    django_capture_on_commit_callbacks,
    client,
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    failure = NotificationFailure.objects.get()
    client.force_login(department_staff)
    assert failure.subject not in client.get("/staff/").content.decode()
    assert client.post(f"/staff/notifications/{failure.pk}/resend/").status_code == 403


def test_report_submission_mails_the_city_and_its_acceptance_the_organisation(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_project(lead_organization=organization)
    Report.objects.create(project=project, activities="実施しました")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit_report", actor=member)
        lifecycle.apply(project, "complete", actor=coordinating_staff)
    assert coordinating_staff.email in mail.outbox[0].to
    assert mail.outbox[1].to == [member.email]
    assert "実績報告の提出" in mail.outbox[0].subject
    assert "完了" in mail.outbox[1].subject


def test_organisation_decision_mails_its_members(
    coordinating_staff, member, django_capture_on_commit_callbacks
):
    organization = factories.make_organization(status="pending", members=[member])
    with django_capture_on_commit_callbacks(execute=True):
        organization_lifecycle.apply(
            organization, "reject", actor=coordinating_staff, comment="活動実績をご記入ください"
        )
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "不承認" in mail.outbox[0].subject
    assert "活動実績をご記入ください" in mail.outbox[0].body


def test_organisation_registration_mails_coordinating_staff(
    citizen, coordinating_staff, django_capture_on_commit_callbacks
):
    from organizations.models import Area, Organization
    from organizations.services import organization_register

    organization = Organization(
        name="新しい見守りの会",
        name_kana="アタラシイミマモリノカイ",
        kind="civic",
        area=Area.objects.first(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        organization_register(organization=organization, fields=[], owner=citizen)
    assert len(mail.outbox) == 1
    assert coordinating_staff.email in mail.outbox[0].to
    assert "新しい見守りの会" in mail.outbox[0].subject
    assert f"/staff/organizations/{organization.pk}/" in mail.outbox[0].body


def test_every_lifecycle_action_tells_someone_who_gets_a_mail():
    from notifications.services import AUDIENCES, MAILS
    from organizations.lifecycle import ORGANIZATION_LIFECYCLE

    for table in (lifecycle.PROJECT_LIFECYCLE, ORGANIZATION_LIFECYCLE):
        for action in table.actions.values():
            if action.code in ("create", "edit", "update_profile"):  # records, no news
                continue
            assert action.audience, f"{table.name}.{action.code} tells nobody"
            for audience in action.audience:
                assert (table.name, audience) in MAILS
                assert (table.name, audience) in AUDIENCES


def test_a_broken_mail_template_never_turns_a_transition_into_an_error(
    submitted, coordinating_staff, monkeypatch, django_capture_on_commit_callbacks, client
):
    from notifications import services

    def broken(*args, **kwargs):
        raise RuntimeError("template bug")

    monkeypatch.setattr(services, "render_text", broken)
    client.force_login(coordinating_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/projects/{submitted.pk}/actions/approve/")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "published"


def test_filings_reach_the_projects_department_and_coordinator(
    organization, member, department_staff, django_capture_on_commit_callbacks
):
    coordinator = factories.make_user("tanto@example.jp")
    project = factories.make_project(
        lead_organization=organization,
        department=factories.make_department(),
        coordinator=coordinator,
    )
    Report.objects.create(project=project, activities="実施しました")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit_report", actor=member)
    assert department_staff.email in mail.outbox[0].to
    assert coordinator.email in mail.outbox[0].to
