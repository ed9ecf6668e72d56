"""What the pages tell search engines and social networks: one canonical address on SITE_URL
with only the parameters that define the page, Open Graph and Twitter-card tags on the pages
of projects, organisations, events and calls, and share links that need no script of theirs."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.templatetags.static import static
from PIL import Image

from portal import sharing
from tests import factories, pagemeta
from tests.files import image_bytes

pytestmark = pytest.mark.django_db

SITE = "https://kyodo.example.jp"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# --- The canonical link ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/projects/", "/projects/"),
        # Tracking noise goes, the filters stay in the list's own order, page 1 is the list.
        (
            "/projects/?utm_source=line&year=2025&fbclid=abc&form=subsidy&page=1",
            "/projects/?form=subsidy&year=2025",
        ),
        ("/projects/?page=2&q=防災&area=", "/projects/?q=%E9%98%B2%E7%81%BD&page=2"),
        ("/projects/?page=abc", "/projects/"),
        ("/organizations/?kind=npo&ref=top", "/organizations/?kind=npo"),
        ("/events/?when=past&month=2027-01&gclid=1", "/events/?when=past&month=2027-01"),
        ("/volunteers/?closed=on&utm_medium=x", "/volunteers/?closed=on"),
        ("/principles/?utm_campaign=x", "/principles/"),
        ("/subscribe/?form=committee&utm_source=x", "/subscribe/?form=committee"),
        ("/?from=poster", "/"),
    ],
)
def test_canonical_keeps_only_the_parameters_that_define_the_page(client, path, expected):
    assert pagemeta.canonical(html(client, path)) == SITE + expected


def test_a_detail_page_is_canonical_without_any_query(client):
    project = factories.make_project()
    page = html(client, f"/projects/{project.pk}/?utm_source=x&page=3")
    assert pagemeta.canonical(page) == f"{SITE}/projects/{project.pk}/"


def test_canonical_is_built_on_site_url_not_on_the_host_asked(client, settings):
    settings.ALLOWED_HOSTS = ["elsewhere.example.net"]
    page = client.get("/projects/", HTTP_HOST="elsewhere.example.net").content.decode()
    assert pagemeta.canonical(page) == f"{SITE}/projects/"


def test_an_error_page_names_no_canonical_address(client):
    response = client.get("/projects/999999/")
    assert response.status_code == 404
    assert pagemeta.read(response.content.decode()).canonicals == []


# --- Open Graph and Twitter card ---------------------------------------------------------


def test_project_page_describes_itself_with_its_image(client):
    project = factories.make_project(
        title="河川敷の清掃 & 花植え",
        summary="  新河岸川の河川敷を\n清掃します。" + "長い説明。" * 40,
        image_alt="清掃に集まった人たち",
    )
    project.image.save("main.png", ContentFile(image_bytes()), save=True)
    tags = pagemeta.read(html(client, f"/projects/{project.pk}/"))
    meta = {key: values[-1] for key, values in tags.meta.items()}
    assert meta["og:title"] == "河川敷の清掃 & 花植え"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == f"{SITE}/projects/{project.pk}/"
    assert meta["og:image"] == f"{SITE}/projects/{project.pk}/image/"
    assert meta["og:image:alt"] == "清掃に集まった人たち"
    assert meta["og:site_name"] == "ふじみ野 協働ポータル"
    assert meta["og:locale"] == "ja_JP"
    assert tags.meta["og:locale:alternate"] == ["en_US"]
    assert meta["twitter:card"] == "summary_large_image"
    # The summary on one line, trimmed.
    description = meta["og:description"]
    assert description.startswith("新河岸川の河川敷を 清掃します。長い説明。")
    assert len(description) == sharing.DESCRIPTION_LENGTH and description.endswith("…")
    # The image it names is there for anyone (a crawler has no session).
    assert client.get(f"/projects/{project.pk}/image/").status_code == 200


def test_a_page_without_an_image_names_the_sites_own(client):
    project = factories.make_project()
    meta = pagemeta.og(html(client, f"/projects/{project.pk}/"))
    assert meta["og:image"] == SITE + static(sharing.DEFAULT_IMAGE)
    assert meta["twitter:card"] == "summary"
    assert meta["og:image:alt"] == "ふじみ野 協働ポータル"
    with Image.open(finders.find(sharing.DEFAULT_IMAGE)) as image:
        assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))


def test_organization_page_shows_its_logo(client):
    organization = factories.make_organization(
        name="大井の森の会", description="雑木林を守る会です。"
    )
    organization.logo.save("logo.png", ContentFile(image_bytes()), save=True)
    meta = pagemeta.og(html(client, f"/organizations/{organization.pk}/"))
    assert meta["og:title"] == "大井の森の会"
    assert meta["og:description"] == "雑木林を守る会です。"
    assert meta["og:type"] == "website"
    assert meta["og:url"] == f"{SITE}/organizations/{organization.pk}/"
    assert meta["og:image"] == f"{SITE}/organizations/{organization.pk}/logo/"
    assert meta["og:image:alt"] == "大井の森の会のロゴ"
    assert meta["twitter:card"] == "summary_large_image"


def test_event_page_uses_its_projects_image_and_its_own_text(client):
    project = factories.make_project(summary="事業の概要")
    project.image.save("main.png", ContentFile(image_bytes()), save=True)
    event = factories.make_event(project, title="親子で川遊び", description="水に親しむ会です。")
    meta = pagemeta.og(html(client, f"/events/{event.pk}/"))
    assert meta["og:title"] == "親子で川遊び"
    assert meta["og:description"] == "水に親しむ会です。"
    assert meta["og:url"] == f"{SITE}/events/{event.pk}/"
    assert meta["og:image"] == f"{SITE}/projects/{project.pk}/image/"
    quiet = factories.make_event(project, title="説明会", description="")
    assert pagemeta.og(html(client, f"/events/{quiet.pk}/"))["og:description"] == "事業の概要"


def test_call_page_describes_its_theme(client):
    call = factories.make_call(title="令和9年度 協働事業提案", theme="地域の居場所づくり")
    meta = pagemeta.og(html(client, f"/calls/{call.pk}/"))
    assert meta["og:title"] == "令和9年度 協働事業提案"
    assert meta["og:description"] == "地域の居場所づくり"
    assert meta["og:url"] == f"{SITE}/calls/{call.pk}/"
    assert meta["og:image"].startswith(f"{SITE}/static/")


def test_english_pages_say_so_to_social_networks(client):
    project = factories.make_project()
    client.cookies["django_language"] = "en"
    tags = pagemeta.read(html(client, f"/projects/{project.pk}/"))
    assert tags.meta["og:locale"] == ["en_US"]
    assert tags.meta["og:locale:alternate"] == ["ja_JP"]


def test_a_project_not_public_has_no_tags_and_no_share_links_for_its_members(client, member):
    organization = factories.make_organization(members=[member])
    draft = factories.make_project(lead_organization=organization, status="draft", title="下書き")
    client.force_login(member)
    page = html(client, f"/projects/{draft.pk}/")
    tags = pagemeta.read(page)
    assert tags.meta == {} and tags.share == []
    assert "下書き" in page


# --- Share links ---------------------------------------------------------------------------


def test_share_links_are_plain_links_to_each_services_share_page(client):
    project = factories.make_project(title="ふじみ野 & 子ども食堂")
    page = html(client, f"/projects/{project.pk}/?utm_source=x")
    url = f"{SITE}/projects/{project.pk}/"
    links = {link["class"].split()[-1]: link for link in pagemeta.read(page).share}
    assert set(links) == {"share-x", "share-facebook", "share-line", "share-copy"}

    def target(code):
        parts = urlsplit(links[code]["href"])
        return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)

    assert target("share-x") == (
        "https://x.com/intent/post",
        {"text": ["ふじみ野 & 子ども食堂"], "url": [url]},
    )
    assert target("share-facebook") == ("https://www.facebook.com/sharer/sharer.php", {"u": [url]})
    assert target("share-line") == ("https://social-plugins.line.me/lineit/share", {"url": [url]})
    for code in ("share-x", "share-facebook", "share-line"):
        assert links[code]["rel"] == "noopener"
        assert links[code]["target"] == "_blank"
        assert links[code]["name"].endswith("(新しいウィンドウで開きます)")
    assert [links[c]["name"] for c in ("share-x", "share-facebook", "share-line")] == [
        "Xでポストする(新しいウィンドウで開きます)",
        "Facebookでシェアする(新しいウィンドウで開きます)",
        "LINEで送る(新しいウィンドウで開きます)",
    ]
    # Without the script, 「リンクをコピーする」 is a link to the page's canonical address.
    assert links["share-copy"]["href"] == url
    assert links["share-copy"]["name"] == "リンクをコピーする"
    assert 'role="status"' in page
    assert "<script" not in page.split("</head>")[1]  # no service's script in the body


@pytest.mark.parametrize("kind", ["organization", "event", "call"])
def test_every_shareable_page_has_the_share_block(client, kind):
    project = factories.make_project()
    path = {
        "organization": lambda: f"/organizations/{project.lead_organization.pk}/",
        "event": lambda: f"/events/{factories.make_event(project).pk}/",
        "call": lambda: f"/calls/{factories.make_call().pk}/",
    }[kind]()
    links = pagemeta.read(html(client, path)).share
    assert [link["href"] for link in links if "share-copy" in link["class"]] == [SITE + path]
    assert len(links) == 4


def test_share_links_read_in_english(client):
    project = factories.make_project()
    client.cookies["django_language"] = "en"
    names = [link["name"] for link in pagemeta.read(html(client, f"/projects/{project.pk}/")).share]
    assert names == [
        "Post on X (opens in a new window)",
        "Share on Facebook (opens in a new window)",
        "Send with LINE (opens in a new window)",
        "Copy the link",
    ]


def test_the_top_page_introduces_the_portal(client):
    meta = pagemeta.og(html(client, "/?utm_source=poster"))
    assert meta["og:type"] == "website"
    assert meta["og:title"] == "ふじみ野 協働ポータル"
    assert meta["og:url"] == f"{SITE}/"
    assert meta["og:description"]
    assert meta["og:image"] == SITE + static(sharing.DEFAULT_IMAGE)


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("https://kyodo.example.jp", "webcal://kyodo.example.jp/calendar.ics?area=kamifukuoka"),
        ("http://127.0.0.1:8000/", "webcal://127.0.0.1:8000/calendar.ics?area=kamifukuoka"),
        # A server without its SITE_URL (`check` reports it) still draws /events/.
        ("", "/calendar.ics?area=kamifukuoka"),
    ],
)
def test_the_calendar_subscription_address_is_webcal_whatever_the_site_url(
    settings, site, expected
):
    settings.SITE_URL = site
    assert sharing.subscription_url("/calendar.ics?area=kamifukuoka") == expected
