"""Every absolute link is built from SITE_URL, whatever host a request named; production
refuses to start without a proper SITE_URL."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from portal.site import absolute_url, check_site_url
from projects import lifecycle
from tests import factories
from tests.mails import CommittingClient

# A host the portal answers to (behind a proxy, say) that is not its public address.
OTHER_HOST = "portal.internal"
URL = re.compile(r"https?://[^\s<>\"']+")


@pytest.mark.parametrize(
    ("site_url", "path", "expected"),
    [
        ("https://kyodo.example.jp", "/projects/1/", "https://kyodo.example.jp/projects/1/"),
        ("https://kyodo.example.jp/", "/projects/1/", "https://kyodo.example.jp/projects/1/"),
        ("http://127.0.0.1:8000", "projects/", "http://127.0.0.1:8000/projects/"),
        ("https://kyodo.example.jp", "https://other.example/x", "https://other.example/x"),
        ("", "/projects/", "/projects/"),
    ],
)
def test_absolute_url_joins_site_url_and_path(settings, site_url, path, expected):
    settings.SITE_URL = site_url
    assert absolute_url(path) == expected


@pytest.mark.parametrize(
    "value",
    ["", "kyodo.example.jp", "ftp://kyodo.example.jp", "https://", "https://kyodo.example.jp/x"],
)
def test_production_needs_an_http_site_url(value):
    with override_settings(DEBUG=False, SITE_URL=value):
        errors = check_site_url()
    assert [error.id for error in errors] == ["portal.E001"]


@pytest.mark.parametrize("value", ["https://kyodo.example.jp", "http://127.0.0.1:8000/"])
def test_a_proper_site_url_passes_the_check(value):
    with override_settings(DEBUG=False, SITE_URL=value):
        assert check_site_url() == []


def test_development_only_warns_about_a_wrong_site_url():
    with override_settings(DEBUG=True, SITE_URL=""):
        assert check_site_url() == []
    with override_settings(DEBUG=True, SITE_URL="kyodo.example.jp"):
        assert [error.id for error in check_site_url()] == ["portal.W001"]


def _links(text):
    return URL.findall(text)


def _assert_on_site_url(links, what):
    assert links, f"{what}: no link found"
    for link in links:
        if link.startswith(("http://www.w3.org/", "http://www.sitemaps.org/")):
            continue  # XML namespaces, not links of ours
        assert link.startswith("https://kyodo.example.jp/"), (what, link)


@pytest.fixture
def other_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    return {"HTTP_HOST": OTHER_HOST}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/feeds/projects.atom",
        "/calendar.ics",
        "/sitemap.xml",
        "/robots.txt",
        "/opendata/projects.json",
        "/opendata/organizations.json",
        "/opendata/events.csv",
    ],
)
def test_feeds_sitemap_robots_and_open_data_link_to_site_url(client, other_host, path):
    project = factories.make_project(title="公開の事業")
    factories.make_event(project)
    response = client.get(path, **other_host)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8")
    assert OTHER_HOST not in body and "example.com" not in body
    _assert_on_site_url(_links(body), path)


@pytest.mark.django_db
def test_notifications_link_to_site_url(
    organization, member, coordinating_staff, django_capture_on_commit_callbacks
):
    project = factories.make_proposal(lead_organization=organization)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "submit", actor=member)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(project, "approve", actor=coordinating_staff)
    assert len(mail.outbox) == 3  # the city's, the 受付完了メール, the decision
    for message in mail.outbox:
        assert "example.com" not in message.body
        _assert_on_site_url(_links(message.body), message.subject)


@pytest.mark.django_db
def test_invitation_links_to_site_url(
    client, member, organization, other_host, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/organizations/{organization.pk}/members/invite/",
            {"email": "friend@example.jp", "role": "editor"},
            **other_host,
        )
    (message,) = mail.outbox
    _assert_on_site_url(_links(message.body), "invitation")


@pytest.mark.django_db
def test_account_mails_link_to_site_url(other_host):
    client = CommittingClient()  # account mails leave once the request commits
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.jp",
            "password1": "a-long-password-123",
            "password2": "a-long-password-123",
            "display_name": "新しい人",
            "agree_terms": "on",
            "agree_privacy": "on",
        },
        **other_host,
    )
    client.post("/accounts/password/reset/", {"email": "nobody@example.jp"}, **other_host)
    factories.make_user("known@example.jp")
    client.post("/accounts/password/reset/", {"email": "known@example.jp"}, **other_host)
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 3, subjects  # confirmation, unknown account, password reset
    for message in mail.outbox:
        assert OTHER_HOST not in message.body
        _assert_on_site_url(_links(message.body), message.subject)
