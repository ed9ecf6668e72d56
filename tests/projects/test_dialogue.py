"""The dialogue on a proposal (projects/dialogue.py): who reads and writes the thread, what is
mailed to whom, and that a 庁内メモ never reaches the organisation (pages, mails, files, exports)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import dialogue, lifecycle
from projects.models import MessageFile, Transition
from tests import factories
from tests.projects.proposal_data import confirm_submit

pytestmark = pytest.mark.django_db

NOTE = "庁内メモ: 予算の根拠は財政課に確認中"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def project(organization, member, department_staff, media):
    department = department_staff.departments.get()
    project = factories.make_proposal(lead_organization=organization, department=department)
    lifecycle.apply(project, "submit", actor=member)
    project.refresh_from_db()
    mail.outbox.clear()
    return project


def post_as_organization(client, project, body, **extra):
    return client.post(reverse("projects:messages", args=[project.pk]), {"body": body, **extra})


def post_as_city(client, project, body, recipient, **extra):
    return client.post(
        reverse("staff:project_messages", args=[project.pk]),
        {"body": body, "recipient": recipient, **extra},
    )


def test_organisation_asks_and_the_city_staff_concerned_are_mailed(
    client,
    project,
    member,
    coordinating_staff,
    department_staff,
    django_capture_on_commit_callbacks,
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_organization(client, project, "会場の予約はいつまでに必要ですか。")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/projects/{project.pk}/proposal/#thread")
    entry = Transition.objects.get(project=project, action="organization_message")
    assert entry.actor == member and entry.visibility == "parties"
    assert entry.comment == "会場の予約はいつまでに必要ですか。"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert coordinating_staff.email in message.to and department_staff.email in message.to
    assert member.email not in message.to
    assert "会場の予約はいつまでに必要ですか。" in message.body
    assert f"/staff/projects/{project.pk}/#thread" in message.body
    assert "返信してください" in message.body  # what to do next


def test_city_answers_and_the_organisation_is_mailed_with_the_way_to_reply(
    client, project, member, coordinating_staff, django_capture_on_commit_callbacks
):
    client.force_login(coordinating_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_city(client, project, "来月の10日までにお願いします。", "organization")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]
    body = mail.outbox[0].body
    assert "来月の10日までにお願いします。" in body
    assert f"/projects/{project.pk}/proposal/#thread" in body
    assert "協働推進課からメッセージが届きました" in body
    page = client_page(client, member, project)
    assert "来月の10日までにお願いします。" in page


def client_page(client, user, project):
    client.force_login(user)
    return client.get(reverse("projects:proposal_detail", args=[project.pk])).content.decode()


def test_a_note_stays_with_the_city_in_pages_mails_and_files(
    client,
    project,
    member,
    coordinating_staff,
    department_staff,
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinating_staff)
    upload = SimpleUploadedFile("内訳.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_as_city(client, project, NOTE, "internal", file=upload)
    assert response.status_code == 302
    entry = Transition.objects.get(project=project, action="internal_note")
    assert entry.visibility == "staff"
    note_file = MessageFile.objects.get(transition=entry)
    # Mailed to the other city staff concerned, never to the organisation (nor the writer).
    recipients = {address for message in mail.outbox for address in message.to}
    assert department_staff.email in recipients
    assert member.email not in recipients and coordinating_staff.email not in recipients
    assert all("団体には届いていません" in message.body for message in mail.outbox)
    # The staff's file shows it, marked.
    file_page = client.get(reverse("staff:project_file", args=[project.pk])).content.decode()
    assert NOTE in file_page and "庁内メモ(団体には見えません)" in file_page
    # The organisation sees it nowhere: its proposal page, its thread page, its mypage, the
    # file of the note.
    client.force_login(member)
    for url in (
        reverse("projects:proposal_detail", args=[project.pk]),
        reverse("projects:messages", args=[project.pk]),
        reverse("mypage:index"),
        f"/projects/{project.pk}/",
    ):
        response = client.get(url)
        assert NOTE not in response.content.decode(), url
        assert "内訳.pdf" not in response.content.decode(), url
    assert client.get(note_file.get_absolute_url()).status_code == 404
    client.force_login(department_staff)
    assert client.get(note_file.get_absolute_url()).status_code == 200


def test_a_note_is_in_no_export(client, project, coordinating_staff, superuser):
    dialogue.message_post(
        project=project, actor=coordinating_staff, action="internal_note", body=NOTE
    )
    lifecycle.apply(project, "approve", actor=coordinating_staff)
    client.force_login(superuser)
    for url in (
        "/opendata/projects.csv",
        "/opendata/projects.json",
        "/opendata/events.csv",
        "/feeds/projects.atom",
        "/staff/projects/?export=csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response) if response.streaming else response.content
        assert NOTE not in content.decode("utf-8-sig"), url


def test_other_organisations_and_the_public_see_nothing_of_the_thread(
    client, project, member, other_member, citizen
):
    entry = dialogue.message_post(
        project=project, actor=member, action="organization_message", body="質問です"
    )
    for user in (None, citizen, other_member):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(reverse("projects:messages", args=[project.pk])).status_code == 404
        assert post_as_organization(client, project, "割り込み").status_code == 404
    assert list(Transition.objects.filter(project=project, action="organization_message")) == [
        entry
    ]


def test_the_organisation_cannot_write_a_note_nor_as_the_city(client, project, member):
    client.force_login(member)
    response = post_as_city(client, project, "内緒", "internal")
    assert response.status_code == 403
    # Its own form has no choice of recipient: whatever is posted is a message to the city.
    post_as_organization(client, project, "ふつうの質問", recipient="internal")
    assert not Transition.objects.filter(action="internal_note").exists()
    assert Transition.objects.get(action="organization_message").comment == "ふつうの質問"


def test_staff_must_choose_whom_a_message_is_for(client, project, coordinating_staff):
    client.force_login(coordinating_staff)
    response = post_as_city(client, project, "どちらに?", "")
    assert response.status_code == 200
    assert "送り先" in response.content.decode()
    assert not Transition.objects.filter(action__in=dialogue.MESSAGES).exists()


def test_a_message_file_is_checked_by_content(client, project, member):
    client.force_login(member)
    fake = SimpleUploadedFile("資料.pdf", b"<html><script>x</script></html>")
    response = post_as_organization(client, project, "資料を送ります", file=fake)
    assert response.status_code == 200
    assert "HTML" in response.content.decode()
    assert not MessageFile.objects.exists()
    upload = SimpleUploadedFile("資料.pdf", PDF)
    assert post_as_organization(client, project, "資料を送ります", file=upload).status_code == 302
    message_file = MessageFile.objects.get()
    assert message_file.original_name == "資料.pdf"
    response = client.get(message_file.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_a_return_asks_in_the_thread_and_the_resubmission_says_what_changed(
    client, project, member, coordinating_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "return", actor=coordinating_staff, comment="会場を教えてください")
    returned_mail = mail.outbox[-1]
    assert "会場を教えてください" in returned_mail.body
    assert "変更した点" in returned_mail.body and "問い合わせ・協議" in returned_mail.body
    page = client_page(client, member, project)
    thread = page[page.index('id="thread"') :]
    assert "会場を教えてください" in thread
    # Resubmitting needs a note of what was changed.
    type(project).objects.filter(pk=project.pk).update(place="市民交流プラザ")
    confirm_submit(client, project, comment="")
    project.refresh_from_db()
    assert project.status == "returned"
    confirm_submit(client, project, comment="会場を書き加えました")
    project.refresh_from_db()
    assert project.status == "submitted"
    entry = project.transitions.filter(action="submit").last()
    assert entry.comment == "会場を書き加えました"
    changed = {change["field"]: change for change in entry.changes}
    assert set(changed) == {"place"}
    assert changed["place"]["new"] == "市民交流プラザ"
    # Staff see the note with the changes, field by field, in the thread.
    client.force_login(coordinating_staff)
    page = client.get(reverse("staff:project_file", args=[project.pk])).content.decode()
    thread = page[page.index('id="thread"') : page.index('id="actions-title"')]
    assert "会場を書き加えました" in thread
    assert "前回の提出からの変更" in thread and "市民交流プラザ" in thread


def test_messages_are_not_buttons_on_the_file(project, coordinating_staff):
    from staff.views.projects import DESK_ACTIONS

    assert not set(dialogue.MESSAGES) & set(DESK_ACTIONS)
