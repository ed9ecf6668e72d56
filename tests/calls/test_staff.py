"""Calls at the desk: registering a call with its scoring items, the items fixed once open,
appointing reviewers, the ranking, 採択 / 不採択 and the close, for 協働推進課 only."""

import pytest
from django.urls import reverse

from calls.models import Call, CallEntry, CallStatus, Reviewer
from projects.models import Project
from tests import factories
from tests.calls.factories import appoint, make_call, make_call_proposal, score

pytestmark = pytest.mark.django_db


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def call_data(**changes):
    data = {
        "title": "令和9年度 協働事業提案(市民提案型)",
        "kind": "citizen",
        "theme": "地域の居場所づくり",
        "description": "",
        "fiscal_year": "2027",
        "opens_on_0": "2026",
        "opens_on_1": "12",
        "opens_on_2": "1",
        "closes_on_0": "2027",
        "closes_on_1": "1",
        "closes_on_2": "31",
        "budget_ceiling": "500,000",
        "result_summary": "",
    }
    data.update(
        formset(
            "items",
            [{"name": "公益性", "max_points": "20"}, {"name": "実現性", "max_points": "30"}],
        )
    )
    data.update(formset("questions", [{"text": "提案の背景", "is_required": "on"}]))
    data.update(changes)
    return data


def test_staff_register_a_call_with_its_items(client, coordinating_staff):
    client.force_login(coordinating_staff)
    page = client.get(reverse("staff:call_create"))
    assert page.status_code == 200
    data = call_data()
    response = client.post(reverse("staff:call_create"), data)
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.status == CallStatus.DRAFT
    assert [(i.name, i.max_points) for i in call.items.all()] == [("公益性", 20), ("実現性", 30)]
    assert call.max_total == 50
    assert call.questions.get().text == "提案の背景"
    assert CallEntry.objects.filter(call=call, action="create").exists()
    # Opening it publishes it.
    client.post(reverse("staff:call_action", args=[call.pk, "open"]))
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    # Open, the items are fixed: the edit page has no items to change.
    edit = client.get(reverse("staff:call_edit", args=[call.pk]))
    assert edit.context["items"] is None
    assert "items-TOTAL_FORMS" not in edit.content.decode()


def test_a_bad_item_keeps_everything_typed(client, coordinating_staff):
    client.force_login(coordinating_staff)
    data = call_data(**{"items-1-max_points": "500"})
    response = client.post(reverse("staff:call_create"), data)
    assert response.status_code == 200
    assert not Call.objects.exists()
    assert "令和9年度 協働事業提案(市民提案型)" in response.content.decode()


def test_staff_appoint_and_dismiss_reviewers(client, coordinating_staff):
    call = make_call()
    judge = factories.make_user("judge@example.jp")
    client.force_login(coordinating_staff)
    client.post(
        reverse("staff:call_appoint", args=[call.pk]), {"appoint-email": "JUDGE@example.jp"}
    )
    reviewer = Reviewer.objects.get(call=call)
    assert reviewer.user == judge
    response = client.post(
        reverse("staff:call_appoint", args=[call.pk]),
        {"appoint-email": "nobody@example.jp"},
        follow=True,
    )
    assert "このメールアドレスのアカウントはありません" in response.content.decode()
    client.post(reverse("staff:call_dismiss", args=[call.pk, reviewer.pk]))
    assert not Reviewer.objects.exists()
    assert list(CallEntry.objects.filter(call=call).values_list("action", flat=True)) == [
        "appoint",
        "dismiss",
    ]


def test_the_desk_ranks_decides_and_closes(client, coordinating_staff):
    call = make_call(status=CallStatus.REVIEWING)
    reviewer = appoint(call, factories.make_user("judge@example.jp"))
    low, high = make_call_proposal(call), make_call_proposal(call)
    score(reviewer, low, 10)
    score(reviewer, high, 18)
    client.force_login(coordinating_staff)
    page = client.get(reverse("staff:call_file", args=[call.pk]))
    ranking = page.context["ranking"]
    assert [s.proposal.pk for s in ranking] == [high.pk, low.pk]
    assert "90.0" in page.content.decode()
    decide = reverse("staff:call_decide", args=[call.pk, low.project_id])
    response = client.post(decide, {f"decide-{low.project_id}-decision": "reject"}, follow=True)
    assert "不採択の理由を入力してください" in response.content.decode()
    client.post(
        decide,
        {
            f"decide-{low.project_id}-decision": "reject",
            f"decide-{low.project_id}-comment": "上限超過",
        },
    )
    client.post(reverse("staff:call_action", args=[call.pk, "close"]), {"confirmed": "1"})
    call.refresh_from_db()
    assert call.status == CallStatus.REVIEWING  # one still undecided
    client.post(
        reverse("staff:call_decide", args=[call.pk, high.project_id]),
        {f"decide-{high.project_id}-decision": "adopt"},
    )
    client.post(reverse("staff:call_action", args=[call.pk, "close"]), {"confirmed": "1"})
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    low.project.refresh_from_db()
    high.project.refresh_from_db()
    assert (low.project.status, high.project.status) == (
        Project.Status.REJECTED,
        Project.Status.PUBLISHED,
    )


def test_only_the_coordinating_staff_manage_calls(client, department_staff, member):
    call = make_call()
    for user, status in ((department_staff, 403), (member, 403)):
        client.force_login(user)
        assert client.get(reverse("staff:call_file", args=[call.pk])).status_code == status
        client.post(reverse("staff:call_action", args=[call.pk, "start_review"]))
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN


def test_a_refused_appointment_or_decision_is_shown_beside_its_field(client, coordinating_staff):
    call = make_call(status=CallStatus.REVIEWING)
    proposal = make_call_proposal(call)
    client.force_login(coordinating_staff)
    response = client.post(
        reverse("staff:call_appoint", args=[call.pk]), {"appoint-email": "nobody@example.jp"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_appoint-email"' in page and 'aria-invalid="true"' in page
    assert 'href="#id_appoint-email"' in page  # the error summary links to it
    assert "nobody@example.jp" in page  # what was typed stays
    prefix = f"decide-{proposal.project_id}"
    response = client.post(
        reverse("staff:call_decide", args=[call.pk, proposal.project_id]),
        {f"{prefix}-decision": "reject"},
    )
    page = response.content.decode()
    assert f'href="#id_{prefix}-comment"' in page
    assert "不採択の理由を入力してください" in page
    proposal.project.refresh_from_db()
    assert proposal.project.status == Project.Status.SUBMITTED
