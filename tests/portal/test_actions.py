"""The action buttons (portal/actions.py): an irreversible action asks first on a page of its
own that says what will happen, a refused comment comes back beside its own box, and the
messages say in words, not only in colour, what happened, inside the main landmark."""

import re

import pytest

from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(organization):
    return factories.make_project(lead_organization=organization, status="submitted")


def test_an_irreversible_action_asks_first(client, coordinating_staff, submitted):
    client.force_login(coordinating_staff)
    url = f"/staff/projects/{submitted.pk}/actions/reject/"
    page = client.post(url, {"comment": "対象外の事業です"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "「不採択」を行いますか" in text
    assert (
        "状態が「提出済み」から「不採択」に変わります。" in text
        or "「不採択」に変わります。" in text
    )
    assert "この操作は元に戻せません。" in text
    assert 'name="confirmed" value="1"' in text
    assert "対象外の事業です" in text  # the reason typed is carried over
    submitted.refresh_from_db()
    assert submitted.status == Project.Status.SUBMITTED
    client.post(url, {"comment": "対象外の事業です", "confirmed": "1"})
    submitted.refresh_from_db()
    assert submitted.status == Project.Status.REJECTED


def test_a_required_reason_is_asked_for_before_the_confirmation(
    client, coordinating_staff, submitted
):
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/projects/{submitted.pk}/actions/reject/", {"comment": " "}, follow=True
    )
    assert "「不採択」を行いますか" not in response.content.decode()
    assert 'id="comment-reject-error"' in response.content.decode()


def test_the_buttons_of_irreversible_actions_say_a_confirmation_follows(
    client, coordinating_staff, submitted
):
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{submitted.pk}/").content.decode()
    assert "元に戻せない操作です。押すと、確認の画面が開きます。" in page
    assert "不採択…" in page


def test_a_refused_comment_keeps_what_was_typed(client, coordinating_staff, submitted):
    client.force_login(coordinating_staff)
    response = client.post(
        f"/staff/projects/{submitted.pk}/actions/return/", {"comment": "x" * 5000}, follow=True
    )
    page = response.content.decode()
    assert 'id="comment-return-error"' in page
    assert "x" * 5000 in page
    submitted.refresh_from_db()
    assert submitted.status == Project.Status.SUBMITTED


def main_of(page):
    return re.search(r"<main\b.*</main>", page, re.S).group(0)


def test_messages_are_inside_main_with_a_word_and_a_role(client, coordinating_staff, submitted):
    client.force_login(coordinating_staff)
    done = client.post(
        f"/staff/projects/{submitted.pk}/actions/approve/", {"comment": ""}, follow=True
    ).content.decode()
    main = main_of(done)
    assert 'role="status"' in main
    assert '<span class="message-kind">完了</span>' in main
    stale = client.post(
        f"/staff/projects/{submitted.pk}/actions/return/", {"comment": "再考を"}, follow=True
    ).content.decode()
    main = main_of(stale)
    assert re.search(
        r'role="alert">\s*<ul class="messages">\s*<li class="message message-error">'
        r'<span class="message-kind">エラー</span>',
        main,
    )
