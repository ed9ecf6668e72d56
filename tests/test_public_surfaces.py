"""Nothing that is not public reaches a public surface: the Atom feed, the calendars, the open
data, the sitemap, the Open Graph tags and share links.

One world holds one of each kind of non-public thing (draft, submitted, returned, rejected,
withdrawn and hidden projects, public-looking projects of a pending or suspended
organisation, pending, rejected and suspended organisations, the events of all those
projects, a call still in preparation), each named with 「秘密」 and known by its address,
beside one public thing of each kind. Every surface is read with a real parser (feedparser,
icalendar, csv, json, an XML parser, an HTML parser) into the text it tells the world; that
text names every public thing it should and no secret one.

Adding a surface is one entry in SURFACES.
"""

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

import feedparser
import pytest
from icalendar import Calendar

from organizations.models import Organization
from projects.models import Project
from tests import factories, pagemeta

pytestmark = pytest.mark.django_db

SECRET = "秘密"
HIDDEN_PROJECTS = {
    "draft": {"status": Project.Status.DRAFT},
    "submitted": {"status": Project.Status.SUBMITTED},
    "returned": {"status": Project.Status.RETURNED},
    "rejected": {"status": Project.Status.REJECTED},
    "withdrawn": {"status": Project.Status.WITHDRAWN},
    "hidden": {"status": Project.Status.PUBLISHED, "is_hidden": True},
}
HIDDEN_ORGANIZATIONS = ("pending", "rejected", "suspended")


@dataclass
class World:
    public: dict = field(default_factory=dict)  # kind -> (name, path)
    secret: dict = field(default_factory=dict)  # label -> (name, path)
    insider: object = None


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    world = World()
    lead = factories.make_organization(name="公開の団体")
    project = factories.make_project(title="公開の事業", lead_organization=lead, form="subsidy")
    event = factories.make_event(project, title="公開の説明会")
    call = factories.make_call(title="公開の募集")
    world.public = {
        "project": ("公開の事業", f"/projects/{project.pk}/"),
        "organization": ("公開の団体", f"/organizations/{lead.pk}/"),
        "event": ("公開の説明会", f"/events/{event.pk}/"),
        "call": ("公開の募集", f"/calls/{call.pk}/"),
    }

    def secret(label, obj, name, prefix):
        world.secret[label] = (name, f"/{prefix}/{obj.pk}/")

    for status in HIDDEN_ORGANIZATIONS:
        name = f"{SECRET}の団体({status})"
        organization = factories.make_organization(name=name, status=status)
        secret(f"organization {status}", organization, name, "organizations")
        # A public-looking project it leads is as hidden as the organisation.
        title = f"{SECRET}の事業(団体が{status})"
        led = factories.make_project(title=title, lead_organization=organization)
        secret(f"project of a {status} organisation", led, title, "projects")
        name = f"{SECRET}の催し(団体が{status})"
        secret(
            f"event of a {status} organisation",
            factories.make_event(led, title=name),
            name,
            "events",
        )
        # As a partner of the public project it is not named either.
        factories.make_partner(project, organization)
    for label, attributes in HIDDEN_PROJECTS.items():
        title = f"{SECRET}の事業({label})"
        hidden = factories.make_project(title=title, lead_organization=lead, **attributes)
        secret(f"project {label}", hidden, title, "projects")
        name = f"{SECRET}の催し({label})"
        secret(
            f"event of a {label} project", factories.make_event(hidden, title=name), name, "events"
        )
    draft_call = factories.make_call(title=f"{SECRET}の募集(準備中)", status="draft")
    secret("call in preparation", draft_call, draft_call.title, "calls")
    world.insider = factories.make_user(
        "admin-surfaces@example.jp", is_superuser=True, is_staff=True
    )
    assert Organization.objects.count() == 1 + len(HIDDEN_ORGANIZATIONS)
    return world


# --- Readers: what each format tells, as its own parser reads it -------------------------


def atom(client, path):
    response = client.get(path)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    parts = [feed.feed.get("title", "")]
    for entry in feed.entries:
        parts += [entry.title, entry.link, entry.summary, entry.get("author", "")]
        parts += [tag.term for tag in entry.get("tags", [])]
    return "\n".join(parts)


def ics(client, path):
    calendar = Calendar.from_ical(client.get(path).content.decode("utf-8"))
    parts = []
    for entry in calendar.walk("VEVENT"):
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "UID"):
            if name in entry:
                parts.append(str(entry[name]))
    return "\n".join(parts)


def csv_rows(client, path):
    response = client.get(path)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    return "\n".join("\t".join(row) for row in rows)


def json_rows(client, path):
    response = client.get(path)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return json.dumps(json.loads(content.decode("utf-8")), ensure_ascii=False)


def sitemap(client, path):
    root = ElementTree.fromstring(client.get(path).content)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return "\n".join(loc.text for loc in root.findall("s:url/s:loc", namespace))


def _tags(html, *, canonical=True):
    tags = pagemeta.read(html)
    parts = [content for values in tags.meta.values() for content in values]
    parts += [link["href"] for link in tags.share]
    if canonical:
        parts += tags.canonicals
    return parts


def public_page_tags(client, world):
    """The tags and share links of the public pages, as anyone reads them."""
    paths = ["/", "/projects/", "/organizations/", "/events/", "/calls/", "/subscribe/"]
    paths += [path for _name, path in world.public.values()]
    parts = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        parts += _tags(response.content.decode())
    return "\n".join(parts)


def insider_page_tags(client, world):
    """What the secret pages would tell a network if those who may see them shared them:
    their tags and share links (not their canonical link: that is where the insider is)."""
    client.force_login(world.insider)
    parts = []
    for _name, path in world.secret.values():
        response = client.get(path)
        if response.status_code == 200:
            parts += _tags(response.content.decode(), canonical=False)
    client.logout()
    return "\n".join(parts)


def url(reader, path):
    return lambda client, world: reader(client, path)


@dataclass
class Surface:
    name: str
    read: object  # (client, world) -> the text the surface tells
    shows: tuple  # the public kinds it must name (by name or by address)


SURFACES = [
    Surface("Atom feed", url(atom, "/feeds/projects.atom"), ("project",)),
    Surface("Atom feed, keyword", url(atom, f"/feeds/projects.atom?q={SECRET}"), ()),
    Surface("calendar of all events", url(ics, "/calendar.ics"), ("event",)),
    Surface("projects.csv", url(csv_rows, "/opendata/projects.csv"), ("project", "organization")),
    Surface("projects.json", url(json_rows, "/opendata/projects.json"), ("project",)),
    Surface("organizations.csv", url(csv_rows, "/opendata/organizations.csv"), ("organization",)),
    Surface(
        "organizations.json", url(json_rows, "/opendata/organizations.json"), ("organization",)
    ),
    Surface("events.csv", url(csv_rows, "/opendata/events.csv"), ("event",)),
    Surface("sitemap", url(sitemap, "/sitemap.xml"), ("project", "organization", "event", "call")),
    Surface(
        "OGP tags and share links", public_page_tags, ("project", "organization", "event", "call")
    ),
    Surface("OGP tags of secret pages seen by insiders", insider_page_tags, ()),
]


@pytest.mark.parametrize("surface", SURFACES, ids=lambda surface: surface.name)
def test_a_public_surface_tells_nothing_that_is_not_public(client, world, surface):
    text = surface.read(client, world)
    leaks = [
        label
        for label, (name, path) in world.secret.items()
        if name in text or f"https://kyodo.example.jp{path}" in text
    ]
    assert leaks == [], f"{surface.name} names: {leaks}"
    assert SECRET not in text
    missing = [
        kind
        for kind in surface.shows
        if world.public[kind][0] not in text
        and f"https://kyodo.example.jp{world.public[kind][1]}" not in text
    ]
    assert missing == [], f"{surface.name} does not name the public {missing}"


def test_every_secret_page_answers_404_to_the_public(client, world):
    for label, (_name, path) in world.secret.items():
        assert client.get(path).status_code == 404, label
