"""The comment typed beside an action button goes through one form (`posted_comment`), on
every page that has such buttons: characters no database takes (NUL, refused by PostgreSQL)
and comments beyond the limit are refused with a message, and the action is not taken."""

import pytest

from organizations.models import Organization
from projects.models import Partner, Project

pytestmark = pytest.mark.django_db

HOSTILE_COMMENTS = {
    "a NUL character": "差し戻します\x00",
    "an escape sequence": "\x1b[31m確認\x1b[0m",
    "beyond the limit": "あ" * 4001,
}


def _status(model, pk):
    return model.objects.values_list("status", flat=True).get(pk=pk)


# (role, path, the model and world key whose status must stay, or a partner's consent)
ACTIONS = [
    ("coordinating_staff", "/staff/projects/{submitted}/actions/approve/", "submitted"),
    ("coordinating_staff", "/staff/organizations/{pending}/actions/approve/", "pending"),
    ("member", "/projects/{draft}/withdraw/", "draft"),
]


@pytest.mark.parametrize("comment", HOSTILE_COMMENTS.values(), ids=HOSTILE_COMMENTS.keys())
@pytest.mark.parametrize(("role", "path", "key"), ACTIONS)
def test_an_action_with_a_comment_no_database_takes_is_refused(
    client, world, role, path, key, comment
):
    ids, users = world
    model = Organization if key == "pending" else Project
    before = _status(model, ids[key])
    client.force_login(users[role])
    response = client.post(path.format(**ids), {"comment": comment}, follow=True)
    assert response.status_code == 200
    assert _status(model, ids[key]) == before
    content = response.content.decode()
    assert "制御文字" in content or "文字以下でなければなりません" in content, content


@pytest.mark.parametrize("comment", ["\x00", "辞退します\x00理由"])
def test_a_partner_answer_with_a_nul_is_refused(client, world, comment):
    ids, users = world
    partner = Partner.objects.get(pk=ids["partner_request"])
    client.force_login(users["other_member"])
    response = client.post(
        f"/projects/{partner.project_id}/partners/{partner.pk}/decline/",
        {"comment": comment},
        follow=True,
    )
    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.consent == Partner.Consent.REQUESTED
    assert "制御文字" in response.content.decode()


def test_a_plain_comment_still_goes_with_the_action(client, world):
    ids, users = world
    client.force_login(users["coordinating_staff"])
    client.post(
        f"/staff/projects/{ids['submitted']}/actions/return/",
        {"comment": "予算の内訳を補ってください。"},
    )
    project = Project.objects.get(pk=ids["submitted"])
    assert project.status == "returned"
    assert project.transitions.last().comment == "予算の内訳を補ってください。"
