"""The project file: everything staff need to decide, and the buttons that decide."""

import pytest
from django.contrib.messages import get_messages

from projects import lifecycle
from projects.models import Report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(organization, member):
    project = factories.make_proposal(lead_organization=organization, title="子ども食堂の拡充")
    return lifecycle.apply(project, "submit", actor=member)


def test_file_shows_data_history_and_the_actions_of_the_state(
    client, coordinating_staff, submitted
):
    client.force_login(coordinating_staff)
    response = client.get(f"/staff/projects/{submitted.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "子ども食堂の拡充" in body
    assert "テスト用の協働事業の概要です。" in body
    assert [a.code for a in response.context["offers"]] == [
        "approve",
        "return",
        "reject",
        "withdraw",
    ]
    assert response.context["history"][0].label == "提出"
    assert "下書き → 審査中" in body


def test_approve_button_publishes(client, coordinating_staff, submitted):
    client.force_login(coordinating_staff)
    response = client.post(f"/staff/projects/{submitted.pk}/actions/approve/")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "published"


def test_return_without_comment_shows_a_message_and_changes_nothing(
    client, coordinating_staff, submitted
):
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/projects/{submitted.pk}/actions/return/", {"comment": ""}, follow=True
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == []
    page = response.content.decode()
    # Beside its own box, marked invalid, linked from the error summary at the top.
    assert (
        '<div class="field-error" id="comment-return-error"><p>「差し戻しの理由」を入力してください。'
        in page
    )
    assert 'aria-invalid="true" aria-describedby="comment-return-error"' in page
    assert '<a href="#comment-return">「差し戻しの理由」を入力してください。</a>' in page
    assert page.count('aria-invalid="true"') == 1
    # Shown once: the next visit is clean.
    again = client.get(f"/staff/projects/{submitted.pk}/").content.decode()
    assert "comment-return-error" not in again
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_acting_on_a_stale_page_shows_who_was_first(client, coordinating_staff, submitted):
    lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/projects/{submitted.pk}/actions/reject/", {"comment": "対象外"}, follow=True
    )
    assert "他の人が先に操作した可能性があります" in response.content.decode()
    assert submitted.transitions.count() == 2


def test_actions_need_post(client, coordinating_staff, submitted):
    client.force_login(coordinating_staff)
    assert client.get(f"/staff/projects/{submitted.pk}/actions/approve/").status_code == 405


def test_unknown_action_is_404(client, coordinating_staff, submitted):
    client.force_login(coordinating_staff)
    assert client.post(f"/staff/projects/{submitted.pk}/actions/explode/").status_code == 404


def test_members_cannot_take_staff_actions(client, member, submitted):
    client.force_login(member)
    assert client.post(f"/staff/projects/{submitted.pk}/actions/approve/").status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_department_staff_read_their_departments_file_only(client, department_staff, organization):
    own = factories.make_project(
        lead_organization=organization, status="submitted", department=factories.make_department()
    )
    other = factories.make_project(lead_organization=organization, status="submitted")
    client.force_login(department_staff)
    response = client.get(f"/staff/projects/{own.pk}/")
    assert response.status_code == 200
    assert response.context["offers"] == []
    assert client.get(f"/staff/projects/{other.pk}/").status_code == 403


def test_department_staff_accept_their_departments_report(
    client, department_staff, organization, member
):
    project = factories.make_project(
        lead_organization=organization, department=factories.make_department()
    )
    Report.objects.create(project=project, activities="実施しました")
    lifecycle.apply(project, "submit_report", actor=member)
    client.force_login(department_staff)
    response = client.get(f"/staff/projects/{project.pk}/")
    assert [a.code for a in response.context["offers"]] == ["return_report", "complete"]
    client.post(f"/staff/projects/{project.pk}/actions/complete/")
    project.refresh_from_db()
    assert project.status == "completed"


def test_file_shows_attachments_and_self_check_answers(client, coordinating_staff, submitted):
    from django.core.files.base import ContentFile

    from principles.models import ChecklistItem, SelfCheckAnswer
    from projects.models import Attachment

    Attachment.objects.create(
        project=submitted,
        kind="bylaws",
        file=ContentFile(b"%PDF-1.4 test", name="kiyaku.pdf"),
        original_name="会則.pdf",
        content_type="application/pdf",
        size=13,
    )
    item = ChecklistItem.objects.first()
    SelfCheckAnswer.objects.filter(project=submitted, item=item).update(note="月1回協議します")
    client.force_login(coordinating_staff)
    body = client.get(f"/staff/projects/{submitted.pk}/").content.decode()
    assert "会則.pdf" in body
    assert "規約・会則" in body
    assert item.text in body
    assert "月1回協議します" in body


def test_file_shows_report_and_notices(client, coordinating_staff, organization, member):
    import datetime

    from projects.models import PatronageDetail

    project = factories.make_project(lead_organization=organization, form="patronage")
    PatronageDetail.objects.create(
        project=project,
        event_name="講演会",
        event_date=datetime.date(2026, 12, 1),
        venue="市民会館",
    )
    lifecycle.apply(
        project,
        "change_notice",
        actor=member,
        comment="会場を大井中央公民館に変更",
        proposed={"venue": "大井中央公民館"},
    )
    Report.objects.create(project=project, activities="講演会を開催", participants=120)
    client.force_login(coordinating_staff)
    body = client.get(f"/staff/projects/{project.pk}/").content.decode()
    assert "会場を大井中央公民館に変更" in body
    assert "講演会を開催" in body
    assert "120人" in body
