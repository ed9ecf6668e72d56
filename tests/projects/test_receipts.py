"""受付番号: given on the first submission, per form and fiscal year, kept on resubmission;
sent in the 受付完了メール and shown wherever the proposal is."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from projects import lifecycle
from projects.models import ReceiptCounter
from projects.receipts import fiscal_year_code, format_number
from tests import factories

pytestmark = pytest.mark.django_db


def submit(project, actor=None):
    return lifecycle.apply(project, "submit", actor=actor)


def test_numbers_run_per_form_and_fiscal_year(organization):
    def numbered(form, year):
        project = factories.make_proposal(lead_organization=organization, form=form)
        project.fiscal_year = year
        project.save()
        return submit(project).receipt_number

    assert numbered("subsidy", 2026) == "補助-R8-0001"
    assert numbered("subsidy", 2026) == "補助-R8-0002"
    assert numbered("cohosting", 2026) == "共催-R8-0001"
    assert numbered("subsidy", 2025) == "補助-R7-0001"
    assert numbered("committee", 2026) == "実行委員会-R8-0001"
    assert numbered("subsidy", 2026) == "補助-R8-0003"
    assert ReceiptCounter.objects.get(form="subsidy", fiscal_year=2026).last == 3


def test_the_number_is_japanese_whatever_the_language_and_names_the_era():
    with translation.override("en"):
        assert format_number("patronage", 2026, 12) == "後援-R8-0012"
    assert fiscal_year_code(2019) == "R1"
    assert fiscal_year_code(2018) == "H30"


def test_a_resubmission_keeps_its_number(organization, member, coordinating_staff):
    project = factories.make_proposal(lead_organization=organization)
    number = submit(project, member).receipt_number
    lifecycle.apply(project, "return", actor=coordinating_staff, comment="日程を")
    again = lifecycle.apply(project, "submit", actor=member, comment="日程を書きました")
    assert again.receipt_number == number
    assert ReceiptCounter.objects.get().last == 1


def test_the_history_records_the_number_given(organization, member):
    project = factories.make_proposal(lead_organization=organization)
    number = submit(project, member).receipt_number
    entry = project.transitions.get(action="submit")
    assert {"field": "receipt_number", "label": "受付番号", "old": "", "new": number} in (
        entry.changes
    )


def test_the_receipt_mail_goes_to_the_applicant_with_the_number(
    organization, member, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization, title="防災講座")
    with django_capture_on_commit_callbacks(execute=True):
        number = submit(project, member).receipt_number
    received = [m for m in mail.outbox if m.to == [member.email]]
    assert len(received) == 1
    message = received[0]
    assert number in message.subject and "受け付けました" in message.subject
    assert f"受付番号: {number}" in message.body
    assert "次にすること" in message.body
    assert f"/projects/{project.pk}/proposal/" in message.body
    # The city's mail names the number too.
    city = next(m for m in mail.outbox if m.to != [member.email])
    assert f"受付番号: {number}" in city.body


def test_every_later_mail_about_the_proposal_carries_the_number(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization)
    number = submit(project, member).receipt_number
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "city_message", actor=coordinating_staff, comment="質問です")
        lifecycle.apply(project, "return", actor=coordinating_staff, comment="直してください")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert f"受付番号: {number}" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit", actor=member, comment="直しました")
        lifecycle.apply(project, "approve", actor=coordinating_staff)
    assert mail.outbox and all(f"受付番号: {number}" in m.body for m in mail.outbox)


def test_a_draft_has_no_number_in_its_mails(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "city_message", actor=coordinating_staff, comment="ご相談")
    assert "受付番号" not in mail.outbox[0].body


def test_the_number_shows_on_the_proposal_mypage_and_staff_pages(
    client, organization, member, coordinating_staff
):
    project = factories.make_proposal(lead_organization=organization)
    number = submit(project, member).receipt_number
    client.force_login(member)
    for url in (reverse("projects:proposal_detail", args=[project.pk]), reverse("mypage:index")):
        assert number in client.get(url).content.decode(), url
    client.force_login(coordinating_staff)
    for url in (
        reverse("staff:project_file", args=[project.pk]),
        reverse("staff:project_list"),
        reverse("staff:desk"),
    ):
        assert number in client.get(url).content.decode(), url


def test_staff_exports_carry_a_receipt_number_column(client, organization, coordinating_staff):
    project = factories.make_proposal(lead_organization=organization)
    number = submit(project).receipt_number
    client.force_login(coordinating_staff)
    for url in (
        reverse("staff:project_list") + "?export=csv",
        "/staff/queues/submitted-proposals.csv",
    ):
        response = client.get(url)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        column = rows[0].index("受付番号")
        assert number in [row[column] for row in rows[1:]], url
