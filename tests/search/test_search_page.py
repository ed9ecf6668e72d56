"""/search/: one form, the results grouped by kind with their counts and a link to each
list with the query kept, the matched words marked, suggestions when nothing is found."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    make_call,
    make_event,
    make_organization,
    make_project,
    make_volunteer_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def things():
    organization = make_organization(name="みどりの防災会", name_kana="ミドリノボウサイカイ")
    project = make_project(title="防災訓練", lead_organization=organization)
    make_project(title="花壇づくり", summary="防災にも役立つ", lead_organization=organization)
    make_event(
        project, title="防災講座", starts_on=timezone.localdate() - datetime.timedelta(days=30)
    )
    make_call(title="防災の提案募集")
    make_volunteer_request(organization, role="防災倉庫の整理")
    return organization


def test_without_a_query_the_page_is_a_form(client):
    response = client.get("/search/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in body and 'name="q"' in body
    assert response.context["groups"] == []
    assert "<title>サイト内検索 |" in body


def test_results_are_grouped_by_kind_with_counts_and_links_keeping_the_query(client, things):
    response = client.get("/search/", {"q": "ボウサイ"})  # katakana finds 防災 in the kana
    groups = {group.code: group for group in response.context["groups"]}
    assert {code: group.count for code, group in groups.items()} == {
        "projects": 0,
        "organizations": 1,
        "events": 0,
        "calls": 0,
        "volunteers": 0,
    }
    response = client.get("/search/", {"q": "防災"})
    body = response.content.decode()
    groups = {group.code: group for group in response.context["groups"]}
    assert {code: group.count for code, group in groups.items()} == {
        "projects": 2,
        "organizations": 1,
        "events": 1,
        "calls": 1,
        "volunteers": 1,
    }
    assert [p.title for p in groups["projects"].results] == ["防災訓練", "花壇づくり"]
    assert "<title>「防災」の検索結果 |" in body
    assert "<h1>「防災」の検索結果</h1>" in body
    assert "6件見つかりました。" in body
    assert "協働事業(2件)" in body
    assert 'href="/projects/?q=%E9%98%B2%E7%81%BD"' in body
    assert 'href="/organizations/?q=%E9%98%B2%E7%81%BD"' in body
    # the only event is over: its list link opens the past events
    assert 'href="/events/?q=%E9%98%B2%E7%81%BD&amp;when=past"' in body
    assert "<mark>防災</mark>訓練" in body
    assert "suggestions-heading" not in body


def test_the_lists_link_finds_the_same(client, things):
    for path, count in (("/projects/", 2), ("/organizations/", 1), ("/volunteers/", 1)):
        response = client.get(path, {"q": "防災"})
        assert response.context["page"].paginator.count == count, path
        assert "<mark>防災</mark>" in response.content.decode(), path
    response = client.get("/events/", {"q": "防災", "when": "past"})
    assert response.context["page"].paginator.count == 1


def test_nothing_found_suggests_fewer_words_near_fields_and_organisations(client, things):
    response = client.get("/search/", {"q": "防災 宇宙"})
    body = response.content.decode()
    assert response.context["total"] == 0
    assert "条件に合うものは見つかりませんでした。" in body
    suggestions = response.context["suggestions"]
    assert suggestions.words == [("防災", 4)]  # in projects, organisations and events
    assert "「防災」(4件)" in body
    assert 'href="/search/?q=%E9%98%B2%E7%81%BD"' in body

    response = client.get("/search/", {"q": "みどりの防災の会"})
    suggestions = response.context["suggestions"]
    assert [o.name for o in suggestions.organizations] == ["みどりの防災会"]

    response = client.get("/search/", {"q": "災害救援活動"})
    suggestions = response.context["suggestions"]
    assert "disaster-relief" in [f.code for f in suggestions.fields]
    assert 'href="/projects/?field=disaster-relief"' in response.content.decode()


def test_a_list_that_finds_nothing_suggests_too(client, things):
    response = client.get("/projects/", {"q": "防災 宇宙"})
    assert response.context["page"].paginator.count == 0
    assert response.context["suggestions"].words == [("防災", 2)]
    assert 'href="/projects/?q=%E9%98%B2%E7%81%BD"' in response.content.decode()


def test_the_page_speaks_english(client, things):
    client.cookies["django_language"] = "en"
    response = client.get("/search/", {"q": "防災"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "Search results for “防災”" in body
    assert "6 results found." in body
