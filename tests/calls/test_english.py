"""The call pages and the desk's call pages read in English: every word of the interface is
translated; only what people entered (names, themes, scoring items, answers) and the 和暦
fiscal year stay Japanese."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from calls.models import CallStatus
from city.profile import current
from tests import factories
from tests.calls.factories import appoint, make_call, make_call_proposal, score

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
FISCAL_YEAR = re.compile(r"(令和|平成)(元|\d+)年度")
SUMMARY = "よく練られた提案です"


def japanese_left(html, data):
    """The visible text (and labels read aloud) of a page still in Japanese once what people
    entered is taken out: the interface strings the English catalogue missed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Spans (the `lang="ja"` marks among them) split no text: 「<span lang="ja">テスト</span>1」.
    html = re.sub(r"</?span\b[^>]*>", "", html)
    attributes = re.findall(r'\b(?:aria-label|title|placeholder|alt|content)="([^"]*)"', html)
    text = unescape(" ".join([re.sub(r"<[^>]+>", "\n", html), *attributes]))
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    text = FISCAL_YEAR.sub(" ", text)
    return sorted({line.strip() for line in text.splitlines() if JAPANESE.search(line)})


@pytest.fixture
def calls_in_review(member, organization):
    """An open call with a proposal and a draft, and a call under review with a scored one."""
    judge = factories.make_user("judge@example.jp")
    open_call = make_call(status=CallStatus.OPEN)
    appoint(open_call, judge)
    submitted = make_call_proposal(open_call, lead_organization=organization)
    draft = make_call_proposal(open_call, lead_organization=organization, status="draft")
    reviewing = make_call(status=CallStatus.REVIEWING)
    scored = make_call_proposal(reviewing)
    score(appoint(reviewing, judge), scored, 10, summary=SUMMARY)
    return judge, open_call, submitted, draft, reviewing, scored


def entered(*objects):
    """What people entered on the calls and proposals of the fixture, and the city's data."""
    city = current()
    # The language switch names Japanese in Japanese.
    values = {"日本語", SUMMARY, city.name, city.contact_name, city.contact_address}
    for call in objects:
        values |= {call.title, call.theme, call.description, call.result_summary}
        values |= {item.name for item in call.items.all()}
        values |= {question.text for question in call.questions.all()}
        for proposal in call.proposals.select_related("project__lead_organization"):
            project = proposal.project
            values |= {project.title, project.summary, project.purpose, project.expected_effect}
            values |= {project.lead_organization.name}
            values |= {answer.text for answer in proposal.answers.all()}
    return {value for value in values if value}


def test_call_pages_read_in_english(client, member, coordinating_staff, calls_in_review):
    judge, open_call, submitted, draft, reviewing, scored = calls_in_review
    pages = [
        (None, reverse("calls:list")),
        (None, reverse("calls:detail", args=[open_call.pk])),
        (None, reverse("calls:detail", args=[reviewing.pk])),
        (member, reverse("calls:propose", args=[open_call.pk])),
        (member, reverse("calls:answers", args=[open_call.pk, draft.project.pk])),
        (judge, reverse("calls:review_list", args=[open_call.pk])),
        (judge, reverse("calls:review", args=[open_call.pk, submitted.project.pk])),
        (judge, reverse("calls:review", args=[reviewing.pk, scored.project.pk])),
        (judge, reverse("mypage:index")),
        (coordinating_staff, reverse("staff:call_list")),
        (coordinating_staff, reverse("staff:call_create")),
        (coordinating_staff, reverse("staff:call_file", args=[open_call.pk])),
        (coordinating_staff, reverse("staff:call_file", args=[reviewing.pk])),
        (coordinating_staff, reverse("staff:call_edit", args=[open_call.pk])),
    ]
    data = entered(open_call, reviewing)
    left = {}
    for user, path in pages:
        client.logout()
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="en"' in html, path
        if found := japanese_left(html, data):
            left[path] = found
    assert left == {}


def test_the_desk_shows_amounts_and_points_in_english(client, coordinating_staff):
    call = make_call(status=CallStatus.OPEN, budget_ceiling=500000, items=(("公益性", 20),))
    client.force_login(coordinating_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("staff:call_file", args=[call.pk])).content.decode()
    assert "¥500,000" in page and "500,000円" not in page
    assert '<span lang="ja">公益性</span> (20 points)' in page and "(20点)" not in page
    detail = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert "Up to ¥500,000 per proposal" in detail


def test_amounts_stay_in_yen_in_japanese(client, coordinating_staff):
    call = make_call(status=CallStatus.OPEN, budget_ceiling=500000, items=(("公益性", 20),))
    client.force_login(coordinating_staff)
    page = client.get(reverse("staff:call_file", args=[call.pk])).content.decode()
    assert "500,000円" in page and "公益性(20点)" in page
