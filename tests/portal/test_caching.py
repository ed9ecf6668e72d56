"""The public page cache (portal/caching.py): every public page served from the cache to the
anonymous and never to the signed in, every change to something public seen by the next
request, and the feeds, calendars and open data answered 304 when the client has them."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from organizations import lifecycle as organization_lifecycle
from portal import caching
from projects import lifecycle
from projects.models import Project
from tests import factories
from tests.test_query_counts import EXPORTS
from tests.test_query_counts import PAGES as COUNTED_PAGES

pytestmark = pytest.mark.django_db

HIT = "X-Public-Cache"

# Every page marked public_page, by its URL name: the anonymous visitor's pages …
PAGES = {
    "pages:home": "/",
    "pages:accessibility": "/accessibility/",
    "pages:subscribe": "/subscribe/",
    "pages:terms": "/terms/",
    "pages:terms_version": "/terms/1/",
    "pages:privacy": "/privacy/",
    "pages:privacy_version": "/privacy/1/",
    "pages:search": "/search/?q=公開",
    "principles:list": "/principles/",
    "principles:forms": "/forms/",
    "principles:figures": "/evaluations/",
    "projects:list": "/projects/?form=subsidy",
    "projects:detail": "/projects/{project}/",
    "organizations:list": "/organizations/",
    "organizations:detail": "/organizations/{organization}/",
    "calls:list": "/calls/",
    "calls:detail": "/calls/{call}/",
    "events:list": "/events/",
    "events:detail": "/events/{event}/",
    "volunteers:list": "/volunteers/",
    "volunteers:detail": "/volunteers/{volunteer}/",
    "opendata:index": "/opendata/",
}
# … and those that are the same for everyone.
SHARED = {
    "pages:robots": "/robots.txt",
    "feed_projects": "/feeds/projects.atom",
    "calendar": "/calendar.ics",
    "sitemap": "/sitemap.xml",
    "events:calendar": "/events/{event}/calendar.ics",
    "opendata:projects_csv": "/opendata/projects.csv",
    "opendata:projects_json": "/opendata/projects.json",
    "opendata:organizations_csv": "/opendata/organizations.csv",
    "opendata:organizations_json": "/opendata/organizations.json",
    "opendata:events_csv": "/opendata/events.csv",
}


@pytest.fixture(autouse=True)
def cache_on(public_cache_on):
    pass


@pytest.fixture
def site():
    organization = factories.make_organization(name="公開の団体")
    project = factories.make_project(
        title="公開の事業", lead_organization=organization, form="subsidy"
    )
    event = factories.make_event(project, title="公開の説明会")
    return {
        "organization": organization,
        "project": project,
        "event": event,
        "call": factories.make_call(title="公開の募集"),
        "volunteer": factories.make_volunteer_request(organization),
    }


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def same_page(response, other):
    """The same page but for the visitor's own CSRF token."""

    def text(r):
        return TOKEN.sub("", body(r))

    return text(response) == text(other)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def url_of(template, site):
    return template.format(**{name: obj.pk for name, obj in site.items()})


def _marked(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else prefix
            yield from _marked(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, caching.MARK):
            yield prefix + pattern.name, getattr(pattern.callback, caching.MARK)["shared"]


def test_every_public_page_of_the_urls_is_tested_here():
    marked = dict(_marked(get_resolver().url_patterns))
    assert {name for name, shared in marked.items() if not shared} == set(PAGES)
    assert {name for name, shared in marked.items() if shared} == set(SHARED)


@pytest.mark.parametrize("path", [p for p in COUNTED_PAGES + EXPORTS if p != "/healthz"])
def test_every_page_counted_as_public_is_cached(path):
    from django.urls import resolve

    match = resolve(path.split("?")[0].format(lead=1, evaluated=1))
    assert hasattr(match.func, caching.MARK), path


@pytest.mark.parametrize("name", sorted(PAGES))
def test_an_anonymous_public_page_comes_from_the_cache(client, site, name):
    url = url_of(PAGES[name], site)
    first = client.get(url)
    assert first.status_code == 200
    assert HIT not in first
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second[HIT] == "hit"
    assert same_page(second, first)
    assert len(queries.captured_queries) == 0
    # The policy is added outside the cache, on every response, the same as on a fresh one.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_signed_in_person_never_gets_a_cached_page(client, site, citizen, name):
    url = url_of(PAGES[name], site)
    anonymous = client.get(url)
    client.get(url)
    client.force_login(citizen)
    for _ in range(2):
        response = client.get(url)
        assert HIT not in response
        assert "ログアウト" in response.content.decode()
    assert not same_page(response, anonymous)
    client.logout()
    assert client.get(url)[HIT] == "hit"


@pytest.mark.parametrize("name", sorted(SHARED))
def test_feeds_calendars_and_open_data_are_cached_for_everyone(client, site, citizen, name):
    url = url_of(SHARED[name], site)
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    client.force_login(citizen)
    second = client.get(url)
    assert same_page(second, first)
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("name", sorted(SHARED))
def test_feeds_calendars_and_open_data_answer_304_to_a_client_that_has_them(client, site, name):
    url = url_of(SHARED[name], site)
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert unchanged["ETag"] == etag and "max-age=300" in unchanged["Cache-Control"]

    site["project"].title = "公開の事業(改)"
    site["project"].save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_atom_feed_shows_a_new_project_after_a_304(client, site, organization):
    first = client.get("/feeds/projects.atom")
    assert "新しい事業" not in first.content.decode()
    factories.make_project(title="新しい事業", lead_organization=site["organization"])
    again = client.get("/feeds/projects.atom", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "新しい事業" in again.content.decode()


# -- what the next anonymous request sees after a change --------------------------------


def _page(client, url):
    return body(client.get(url))


def test_publishing_shows_the_project_on_the_list_and_the_top_page(
    client, organization, member, coordinating_staff
):
    proposal = factories.make_proposal(lead_organization=organization, title="承認される事業")
    lifecycle.apply(proposal, "submit", actor=member)
    for url in ("/", "/projects/"):
        assert "承認される事業" not in _page(client, url)
        assert client.get(url)[HIT] == "hit"
    lifecycle.apply(proposal, "approve", actor=coordinating_staff)
    for url in ("/", "/projects/", f"/projects/{proposal.pk}/"):
        assert "承認される事業" in _page(client, url)


def test_hiding_and_showing_take_effect_at_once(client, site, coordinating_staff):
    project, url = site["project"], f"/projects/{site['project'].pk}/"
    assert client.get(url).status_code == 200
    assert "公開の事業" in _page(client, "/projects/")
    lifecycle.apply(project, "hide", actor=coordinating_staff, comment="確認中")
    assert client.get(url).status_code == 404
    assert "公開の事業" not in _page(client, "/projects/")
    assert "公開の事業" not in _page(client, "/opendata/projects.csv")
    lifecycle.apply(Project.objects.get(pk=project.pk), "show", actor=coordinating_staff)
    assert "公開の事業" in _page(client, url)
    assert "公開の事業" in _page(client, "/projects/")


def test_an_edit_is_seen_by_the_next_request(client, site):
    url = f"/projects/{site['project'].pk}/"
    _page(client, url)
    site["project"].summary = "書き直した概要"
    site["project"].save()
    assert "書き直した概要" in _page(client, url)


def test_the_last_evaluation_publishes_the_comparison_on_the_cached_page(
    client, member, other_member, department_staff, organization, other_organization
):
    from tests.principles.test_evaluation import member_url, staff_url, submit_as

    project = factories.make_project(
        lead_organization=organization,
        status=Project.Status.COMPLETED,
        department=factories.make_department(),
    )
    factories.make_partner(project, other_organization)
    url = f"/projects/{project.pk}/"
    submit_as(client, member, member_url(project))
    submit_as(client, other_member, member_url(project), score=4, comment="")
    client.logout()
    assert 'id="evaluation-title"' not in _page(client, url)
    assert client.get(url)[HIT] == "hit"
    submit_as(client, department_staff, staff_url(project), score=2, comment="市の見方")
    client.logout()
    assert "市の見方" in _page(client, url)


def test_an_organisation_approved_appears_and_its_edit_shows(client, coordinating_staff):
    pending = factories.make_organization(name="審査中の会", status="pending")
    assert "審査中の会" not in _page(client, "/organizations/")
    approved = organization_lifecycle.apply(pending, "approve", actor=coordinating_staff)
    assert "審査中の会" in _page(client, "/organizations/")
    url = f"/organizations/{approved.pk}/"
    _page(client, url)
    approved.description = "新しい紹介文"
    approved.save()
    assert "新しい紹介文" in _page(client, url)


def test_an_event_change_is_seen_on_its_page_and_the_calendar(client, site):
    event = site["event"]
    _page(client, f"/events/{event.pk}/")
    _page(client, "/calendar.ics")
    event.title = "日程を変えた説明会"
    event.save()
    assert "日程を変えた説明会" in _page(client, f"/events/{event.pk}/")
    assert "日程を変えた説明会" in _page(client, "/calendar.ics")


def test_a_call_change_is_seen_on_its_page(client, site):
    call = site["call"]
    _page(client, f"/calls/{call.pk}/")
    call.title = "名前を変えた募集"
    call.save()
    assert "名前を変えた募集" in _page(client, f"/calls/{call.pk}/")


def test_a_new_day_draws_the_pages_again(client, site, monkeypatch):
    _page(client, "/events/")
    assert client.get("/events/")[HIT] == "hit"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(caching.timezone, "localdate", lambda: tomorrow)
    assert HIT not in client.get("/events/")


def test_each_language_has_its_own_page(client, site):
    japanese = client.get("/projects/")
    client.cookies["django_language"] = "en"
    english = client.get("/projects/")
    assert HIT not in english
    assert not same_page(english, japanese)
    assert client.get("/projects/")[HIT] == "hit"


# -- what is never kept ------------------------------------------------------------------


def test_a_page_showing_a_message_is_neither_served_from_nor_kept_in_the_cache(client, site):
    url = f"/events/{site['event'].pk}/"
    plain = client.get(url)
    # Posting to an event without sign-ups leaves a message for the next page.
    response = client.post(url, follow=True)
    assert "参加申込を受け付けていません" in response.content.decode()
    assert HIT not in response
    again = client.get(url)
    assert again[HIT] == "hit"
    assert same_page(again, plain)


@pytest.mark.parametrize("with_signup", [False, True])
def test_a_cached_form_carries_each_visitors_own_token(site, with_signup):
    if with_signup:
        factories.make_signup(site["event"])  # the sign-up form besides the language switch
    url = f"/events/{site['event'].pk}/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    drawn = first.get(url)
    served = second.get(url)
    assert served[HIT] == "hit"
    tokens = TOKEN.findall(served.content.decode())
    assert len(tokens) == (2 if with_signup else 1)
    assert not set(tokens) & set(TOKEN.findall(drawn.content.decode()))
    assert "csrftoken" in served.cookies
    # The token of the cached page is good for this visitor's post …
    switched = second.post("/i18n/setlang/", {"language": "en", "next": url, **_token(tokens)})
    assert switched.status_code == 302
    # … and not for another's.
    refused = Client(enforce_csrf_checks=True)
    refused.get("/")
    assert refused.post("/i18n/setlang/", {"language": "en", **_token(tokens)}).status_code == 403


def _token(tokens):
    return {"csrfmiddlewaretoken": tokens[0]}


def test_a_page_that_is_not_found_is_never_kept(client):
    client.get("/projects/999999/")
    assert HIT not in client.get("/projects/999999/")


def test_nothing_is_cached_when_the_cache_is_turned_off(client, site, settings):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "SECONDS": 0}
    client.get("/projects/")
    assert HIT not in client.get("/projects/")


def test_a_list_counts_its_projects_once_until_something_changes(client, site, citizen):
    client.force_login(citizen)  # no page cache: the list is drawn every time

    def counts():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/projects/")
        assert response.status_code == 200
        return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]

    assert counts()
    assert counts() == []
    factories.make_project(title="もう一つ", lead_organization=site["organization"])
    assert counts()
    assert client.get("/projects/").context["page"].paginator.count == 2


def test_saving_an_ignored_row_keeps_the_cached_pages(client, site):
    from notifications.models import NotificationFailure

    client.get("/projects/")
    before = caching.version()
    NotificationFailure.objects.create(kind="mail", subject="件名", error="失敗")
    assert caching.version() == before
    assert client.get("/projects/")[HIT] == "hit"


@pytest.mark.parametrize(
    "url", ["/events/?month=abc", "/projects/?year=1900", "/volunteers/?field=x"]
)
def test_an_invalid_filter_is_explained_with_the_cache_on(client, site, url):
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
