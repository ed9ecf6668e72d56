"""A citizen's way through the public portal, in a real browser at phone and desktop width.

Screenshots of every page go to test-results/screenshots/ (kept as CI artifacts).
"""

import re

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from pages.views import NEWEST_PROJECTS
from principles.models import Principle
from projects.models import Form, Project

from .conftest import DESKTOP
from .public_site import WIDTHS, horizontal_overflow, public_committee_titles

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOURNEY_PROJECT = "おおい祭り"


def card_titles(page):
    return sorted(page.locator(".project-card .card-title").all_inner_texts())


def check_fits(page, width_name):
    assert horizontal_overflow(page) == 0, f"{page.url} is wider than the {width_name} screen"


@pytest.mark.parametrize("width_name", WIDTHS)
def test_citizen_filters_projects_by_form_opens_one_and_follows_a_partner(
    width_name, demo, live_server, page, screenshot
):
    page.set_viewport_size(WIDTHS[width_name])
    shot = f"journey-{width_name}"

    # The top page: what 協働 is, the seven principles, the six forms, the newest projects.
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "みんなで創るふじみ野"
    principles = page.get_by_role("region", name="協働の7つの基本原則").get_by_role("listitem")
    assert principles.count() == 7
    for position, principle in enumerate(Principle.objects.all()):
        assert principle.name in principles.nth(position).inner_text()
    forms = page.get_by_role("region", name="協働の6つの形態")
    for label in Form.labels:
        expect(forms.get_by_role("link", name=label, exact=True)).to_be_visible()
    newest = page.get_by_role("region", name="新しい協働事業")
    newest_titles = list(
        Project.objects.public().order_by("-published_at", "-id").values_list("title", flat=True)
    )[:NEWEST_PROJECTS]
    assert newest.locator(".project-card .card-title").all_inner_texts() == newest_titles
    check_fits(page, width_name)
    screenshot(f"{shot}-01-top")

    # 協働事業, filtered by one form with the form's own select.
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="協働事業"
    ).click()
    assert page.url == live_server.url + "/projects/"
    public_count = Project.objects.public().count()
    expect(page.get_by_role("heading", name=f"{public_count}件の協働事業")).to_be_visible()
    assert len(card_titles(page)) == min(public_count, django_settings.PORTAL_PAGE_SIZE)
    screenshot(f"{shot}-02-projects")

    filters = page.locator("details.filter-disclosure")
    if filters.get_attribute("open") is None:  # folded on a phone
        filters.locator("summary").click()
    page.get_by_label("協働の形態").select_option(label="実行委員会")
    page.get_by_role("button", name="絞り込む").click()
    assert re.search(r"[?&]form=committee(&|$)", page.url)
    assert page.get_by_label("協働の形態").input_value() == "committee"
    assert card_titles(page) == public_committee_titles()
    badges = page.locator(".project-card .badge-form").all_inner_texts()
    assert badges and set(badges) == {"実行委員会"}
    check_fits(page, width_name)
    screenshot(f"{shot}-03-projects-committee")

    # One project: its partners and what each of them does (役割分担).
    page.get_by_role("link", name=JOURNEY_PROJECT).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == JOURNEY_PROJECT
    project = Project.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    table = page.get_by_role("table", name="協働の担い手と役割分担")
    partners = [p for p in project.partners.select_related("organization") if p.is_public]
    assert partners
    for partner in partners:
        row = table.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=partner.display_name)
        )
        assert row.count() == 1
        assert partner.role.splitlines()[0] in row.inner_text()
    check_fits(page, width_name)
    screenshot(f"{shot}-04-project")

    # A partner organisation's own page.
    partner = next(p for p in partners if p.organization and p.organization.is_public)
    table.get_by_role("link", name=partner.organization.name).click()
    assert page.url == live_server.url + partner.organization.get_absolute_url()
    assert page.get_by_role("heading", level=1).inner_text() == partner.organization.name
    partner_section = page.get_by_role("heading", name="協働の担い手として参加する事業")
    expect(partner_section).to_be_visible()
    check_fits(page, width_name)
    screenshot(f"{shot}-05-organization")


@pytest.mark.parametrize("width_name", WIDTHS)
def test_other_public_pages_fit_the_screen(width_name, demo, live_server, page, screenshot):
    page.set_viewport_size(WIDTHS[width_name])
    evaluated = (
        Project.objects.public()
        .filter(status=Project.Status.EVALUATED, evaluations__isnull=False)
        .order_by("id")
        .first()
    )
    pages = {
        "organizations": "/organizations/",
        "principles": "/principles/",
        "forms": "/forms/",
        "accessibility": "/accessibility/",
        "project-evaluated": evaluated.get_absolute_url(),
        "not-found": "/projects/999999/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        check_fits(page, width_name)
        screenshot(f"page-{width_name}-{name}")


def test_keyword_search_lists_only_matching_projects(demo, live_server, page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/projects/")
    page.get_by_label("キーワード").fill("七夕")
    page.get_by_role("button", name="絞り込む").click()

    assert "q=%E4%B8%83%E5%A4%95" in page.url
    expected = sorted(
        Project.objects.public().filter(title__contains="七夕").values_list("title", flat=True)
    )
    assert expected
    assert card_titles(page) == expected
    expect(page.get_by_role("heading", name=f"{len(expected)}件の協働事業")).to_be_visible()


def test_keyword_search_without_results_says_so(demo, live_server, page):
    page.goto(live_server.url + "/projects/")
    page.get_by_label("キーワード").fill("存在しないキーワード")
    page.get_by_role("button", name="絞り込む").click()

    assert card_titles(page) == []
    expect(page.get_by_text("条件に合う協働事業はありません。")).to_be_visible()


def test_pagination_keeps_the_filter(demo, live_server, page, settings, screenshot):
    settings.PORTAL_PAGE_SIZE = 3
    expected = public_committee_titles()
    assert len(expected) > 3

    page.goto(live_server.url + "/projects/?form=committee")
    first_page = card_titles(page)
    assert len(first_page) == 3

    pagination = page.get_by_role("navigation", name="ページ送り")
    pagination.get_by_role("link", name="次のページ").click()
    assert re.search(r"[?&]form=committee(&|$)", page.url)
    assert re.search(r"[?&]page=2(&|$)", page.url)
    assert page.get_by_label("協働の形態").input_value() == "committee"
    second_page = card_titles(page)
    assert sorted(first_page + second_page) == expected
    current = page.get_by_role("navigation", name="ページ送り").locator("[aria-current=page]")
    assert current.text_content() == "2ページ"
    screenshot("pagination-desktop-page-2")

    page.get_by_role("navigation", name="ページ送り").get_by_role("link", name="前のページ").click()
    assert re.search(r"[?&]form=committee(&|$)", page.url)
    assert card_titles(page) == first_page


def test_project_filter_works_without_javascript(demo, live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    try:
        page = context.new_page()
        # The context really runs no page scripts.
        page.goto("data:text/html,<title>off</title><script>document.title = 'on'</script>")
        assert page.title() == "off"

        page.goto(live_server.url + "/projects/")
        # Without scripts the filters stay folded; the summary opens them all the same.
        page.locator("details.filter-disclosure summary").click()
        page.get_by_label("協働の形態").select_option("committee")
        page.get_by_role("button", name="絞り込む").click()

        assert re.search(r"[?&]form=committee(&|$)", page.url)
        assert card_titles(page) == public_committee_titles()
    finally:
        context.close()
