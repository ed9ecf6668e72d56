"""/subscribe/ explains how to follow the portal (feed, calendar, open data) in plain
Japanese; the lists' box leads there and to the feed with the list's own filters."""

import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from tests import factories, pagemeta

pytestmark = pytest.mark.django_db

SITE = "https://kyodo.example.jp"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._current = {**dict(attrs), "name": ""}
            self.links.append(self._current)

    def handle_endtag(self, tag):
        if tag == "a":
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current["name"] += data


def links(html, start="", end=None):
    part = html[html.index(start) :] if start else html
    if end:
        part = part[: part.index(end)]
    parser = _Links()
    parser.feed(part)
    return {link["name"].strip(): link["href"] for link in parser.links}


def test_the_page_explains_the_feed_the_calendar_and_the_open_data(client):
    body = client.get("/subscribe/").content.decode()
    for text in (
        "フィードリーダー",
        "Googleカレンダーの場合",
        "「URLで追加」",
        "iPhone・iPadの場合",
        "「照会するカレンダーを追加」",
        "オープンデータ",
    ):
        assert text in body
    found = links(body, "<main", "</main>")
    assert found[f"{SITE}/feeds/projects.atom"] == "/feeds/projects.atom"
    assert found[f"{SITE}/calendar.ics"] == "/calendar.ics"
    assert found["iPhone・Macのカレンダーに登録する"] == "webcal://kyodo.example.jp/calendar.ics"
    assert found["オープンデータのページへ(項目の説明とダウンロード)"] == "/opendata/"
    for anchor in ("#feed", "#calendar", "#opendata"):
        assert f'id="{anchor[1:]}"' in body


def test_the_page_gives_the_feed_with_the_filters_it_was_sent(client):
    factories.make_project(fiscal_year=2025)
    body = client.get(
        "/subscribe/", {"form": "subsidy", "year": "2025", "utm_source": "x", "page": "2"}
    ).content.decode()
    found = links(body, "<main", "</main>")
    feed = "/feeds/projects.atom?form=subsidy&year=2025"
    assert found[SITE + feed] == feed
    assert "次の条件に合う事業だけが届くアドレスです(補助、令和7年度)。" in body
    assert pagemeta.read(body).links["application/atom+xml"] == feed


def test_a_filter_that_cannot_be_read_gives_the_feed_of_everything(client):
    body = client.get("/subscribe/", {"year": "1900", "form": "subsidy"}).content.decode()
    assert "すべての新着を受け取るアドレスを示しています" in body
    assert links(body, "<main", "</main>")[f"{SITE}/feeds/projects.atom"] == "/feeds/projects.atom"


def test_every_page_links_to_the_page_from_its_footer(client):
    for path in ("/", "/projects/", "/opendata/"):
        body = client.get(path).content.decode()
        assert links(body, "<footer")["新着・イベントの受け取り方"] == "/subscribe/"


def test_the_project_list_box_passes_its_filters_on(client):
    factories.make_project(form="subsidy")
    body = client.get(
        "/projects/", {"form": "subsidy", "q": "防災", "page": "1", "ref": "x"}
    ).content.decode()
    box = links(body, 'class="subscribe-box"', "</details>")
    query = "?q=%E9%98%B2%E7%81%BD&form=subsidy"
    assert box == {
        "この条件の新着フィード(Atom)": f"/feeds/projects.atom{query}",
        "フィードの受け取り方": f"/subscribe/{query}",
    }
    # The feed it names is the list's: same filters, same projects.
    assert pagemeta.read(body).links["application/atom+xml"] == f"/feeds/projects.atom{query}"
    plain = client.get("/projects/").content.decode()
    assert links(plain, 'class="subscribe-box"', "</details>") == {
        "すべての新着フィード(Atom)": "/feeds/projects.atom",
        "フィードの受け取り方": "/subscribe/",
    }


def test_the_events_list_box_leads_to_the_calendar(client):
    body = client.get("/events/").content.decode()
    box = links(body, 'class="subscribe-box"', "</details>")
    assert box == {
        "iPhone・Macのカレンダーに登録する": "webcal://kyodo.example.jp/calendar.ics",
        "Googleカレンダーなどへの登録のしかた": "/subscribe/#calendar",
    }
    # Folded until opened, on every screen.
    assert '<details class="subscribe-box">' in body


def test_the_page_reads_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get("/subscribe/").content.decode()
    assert "<h1>Follow new projects and events</h1>" in body
    assert "Add Subscribed Calendar" in body and "From URL" in body


def test_the_sitemap_lists_the_page_events_and_calls_on_site_url(client):
    project = factories.make_project()
    event = factories.make_event(project)
    call = factories.make_call()
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    assert all(location.startswith(f"{SITE}/") for location in locations)
    for path in (
        "/subscribe/",
        f"/events/{event.pk}/",
        f"/calls/{call.pk}/",
        f"/projects/{project.pk}/",
    ):
        assert SITE + path in locations


@pytest.mark.parametrize(
    "value",
    ["'; DROP TABLE x;--", "<script>alert(1)</script>", "\x00", "9" * 40, "−１", "ｒ８", " "],
)
@pytest.mark.parametrize("name", ["q", "form", "field", "area", "year", "status", "organization"])
def test_any_value_of_any_filter_gives_a_page_and_a_feed_address(client, name, value):
    response = client.get("/subscribe/", {name: value, "page": value})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    feed = links(body, "<main", "</main>")
    assert any(href.startswith("/feeds/projects.atom") for href in feed.values())
    assert client.get("/feeds/projects.atom", {name: value}).status_code == 200
