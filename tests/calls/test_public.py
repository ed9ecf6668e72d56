"""The public call pages: nothing of the scoring before the call is closed; then the adopted
proposals with their averages and the reviewers' summary comments (not their names), and
nothing of the proposals that were not adopted."""

import pytest
from django.urls import reverse

from calls import lifecycle
from calls.models import CallAction, CallStatus
from calls.services import decide
from projects.models import Project
from tests import factories
from tests.calls.factories import appoint, make_call, make_call_proposal, score

pytestmark = pytest.mark.django_db

SUMMARY = "地域の担い手が育つ、よく練られた提案です"
REJECTED_SUMMARY = "実現性に疑問が残ります"


@pytest.fixture
def scored(coordinating_staff):
    call = make_call(status=CallStatus.REVIEWING, result_summary="応募は2件でした。")
    reviewer = appoint(
        call, factories.make_user("judge@example.jp", first_name="審査", last_name="花子")
    )
    adopted, rejected = make_call_proposal(call), make_call_proposal(call)
    score(reviewer, adopted, [18, 17, 16, 15, 14], summary=SUMMARY)  # 80
    score(reviewer, rejected, 9, summary=REJECTED_SUMMARY)
    return call, adopted, rejected


def public_pages(client, call, project):
    return [
        client.get(reverse("calls:detail", args=[call.pk])).content.decode(),
        client.get(reverse("calls:list")).content.decode(),
        client.get(reverse("opendata:index")).content.decode(),
        client.get("/feeds/projects.atom").content.decode(),
    ]


def test_nothing_of_the_scoring_is_public_before_the_call_closes(
    client, scored, coordinating_staff
):
    call, adopted, rejected = scored
    decide(proposal=adopted, decision="adopt", comment="", actor=coordinating_staff)
    decide(proposal=rejected, decision="reject", comment="上限超過", actor=coordinating_staff)
    for page in public_pages(client, call, adopted.project):
        assert SUMMARY not in page
        assert REJECTED_SUMMARY not in page
        assert "80.0" not in page
        assert "審査 花子" not in page and "花子" not in page
    detail = public_pages(client, call, adopted.project)[0]
    assert "審査の結果は、募集を終えたあとに公表します" in detail


def test_the_result_is_public_once_closed(client, scored, coordinating_staff):
    call, adopted, rejected = scored
    decide(proposal=adopted, decision="adopt", comment="", actor=coordinating_staff)
    decide(proposal=rejected, decision="reject", comment="上限超過", actor=coordinating_staff)
    lifecycle.apply(call, CallAction.CLOSE, actor=coordinating_staff)
    page = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert adopted.project.title in page
    assert SUMMARY in page
    assert "80.0" in page
    assert "応募は2件でした。" in page
    assert "提案 2 件のうち、1 件を採択しました。" in page
    # Not adopted: neither its title nor its scores nor its comments.
    assert rejected.project.title not in page
    assert REJECTED_SUMMARY not in page
    # The reviewers stay anonymous.
    assert "花子" not in page
    adopted.project.refresh_from_db()
    assert adopted.project.status == Project.Status.PUBLISHED


def test_the_list_shows_accepting_calls_first(client):
    accepting = make_call(title="受付中の公募")
    closed = make_call(title="結果公表の公募", status=CallStatus.CLOSED)
    page = client.get(reverse("calls:list")).content.decode()
    assert page.index(accepting.title) < page.index(closed.title)
    assert "受付中" in page


def test_the_sitemap_lists_the_public_calls(client):
    public = make_call()
    draft = make_call(status=CallStatus.DRAFT)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/calls/{public.pk}/" in sitemap
    assert f"/calls/{draft.pk}/" not in sitemap


def test_the_call_pages_read_in_english(client, settings):
    call = make_call(title="テスト公募")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = client.get(reverse("calls:list")).content.decode()
    assert "Calls for collaboration proposals" in listing
    assert "Calls accepting proposals" in listing
    detail = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert "Scoring items and points" in detail
    assert "審査項目と配点" not in detail
