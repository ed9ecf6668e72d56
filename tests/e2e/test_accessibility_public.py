"""Accessibility of the public portal: axe-core (WCAG 2.0/2.1 A and AA) finds nothing on any
public page at phone and desktop width, in Japanese and in English, and the top page works
with the keyboard alone. With AXE_RESULTS=1 the runs become the published results
(pages/accessibility-results.json)."""

import pytest
from playwright.sync_api import expect

from projects.models import Project

from .conftest import LANGUAGES
from .public_site import (
    WIDTHS,
    approved_organization,
    evaluated_project,
    published_project,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _hidden_project_url():
    return Project.objects.filter(is_hidden=True).order_by("id").first().get_absolute_url()


# Each public page, as a function of the demo data (ids differ between runs).
PUBLIC_PAGES = {
    "top": lambda: "/",
    "projects": lambda: "/projects/",
    "projects-filtered": lambda: "/projects/?form=committee&area=&year=&status=&q=",
    "projects-keyword-without-results": lambda: "/projects/?q=存在しない言葉",
    "projects-invalid-filter": lambda: "/projects/?year=abc",
    "project-published": lambda: published_project().get_absolute_url(),
    "project-evaluated": lambda: evaluated_project().get_absolute_url(),
    "organizations": lambda: "/organizations/",
    "organizations-filtered": lambda: "/organizations/?kind=npo",
    "organization": lambda: approved_organization().get_absolute_url(),
    "principles": lambda: "/principles/",
    "forms": lambda: "/forms/",
    "accessibility": lambda: "/accessibility/",
    "search": lambda: "/search/",
    "search-results": lambda: "/search/?q=まつり",
    "search-without-results": lambda: "/search/?q=存在しない 言葉",
    "organizations-keyword-without-results": lambda: "/organizations/?q=みどりのかいぎ",
    "not-found": lambda: "/no-such-page/",
    "not-found-hidden-project": _hidden_project_url,
}
NOT_FOUND = {"not-found", "not-found-hidden-project"}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations_at_both_widths_in_both_languages(
    name, demo, live_server, page, assert_accessible, show_in
):
    path = PUBLIC_PAGES[name]()
    for language in LANGUAGES:
        show_in(language)
        for width_name, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            response = page.goto(live_server.url + path)
            assert response.status == (404 if name in NOT_FOUND else 200), path
            assert page.locator("html").get_attribute("lang") == language
            assert_accessible(
                f"{path} at {width_name} width in {language}",
                page_name=name,
                width=width_name,
                language=language,
            )


def test_paginated_project_list_has_no_axe_violations(
    demo, live_server, page, settings, assert_accessible
):
    settings.PORTAL_PAGE_SIZE = 3
    for viewport in WIDTHS.values():
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/projects/?page=2")
        expect(page.get_by_role("navigation", name="ページ送り")).to_be_visible()
        assert_accessible()


def test_evaluated_project_page_shows_the_comparison_table(demo, live_server, page):
    # The evaluated page above is only worth checking if the comparison is really on it.
    page.goto(live_server.url + evaluated_project().get_absolute_url())
    table = page.get_by_role("table", name="基本原則ごとの評価の比較")
    assert table.get_by_role("row").count() == 1 + 7


def _press_tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                index: el.dataset.tabCheck ?? null,
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || '').trim().slice(0, 40),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth),
                visible: box.width > 0 && box.height > 0,
            };
        }"""
    )


@pytest.mark.parametrize("width_name", WIDTHS)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    width_name, demo, live_server, page
):
    page.set_viewport_size(WIDTHS[width_name])
    page.goto(live_server.url + "/")

    first = _press_tab(page)
    assert first["text"] == "本文へ移動"
    skip_link = page.get_by_role("link", name="本文へ移動")
    box = skip_link.bounding_box()
    assert box["y"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("/#main")


@pytest.mark.parametrize("width_name", WIDTHS)
def test_every_interactive_element_on_the_top_page_is_reachable_by_tab_with_visible_focus(
    width_name, demo, live_server, page
):
    page.set_viewport_size(WIDTHS[width_name])
    page.goto(live_server.url + "/")
    count = page.evaluate(
        """() => {
            const selector = 'a[href], button, input:not([type=hidden]), select, textarea, '
                + '[tabindex]:not([tabindex="-1"])';
            const elements = [...document.querySelectorAll(selector)].filter(
                (el) => !el.disabled && el.getClientRects().length > 0);
            elements.forEach((el, i) => { el.dataset.tabCheck = String(i); });
            return elements.length;
        }"""
    )
    assert count > 20  # header, hero, cards, events, forms, footer

    reached = []
    for _ in range(count + 5):
        focused = _press_tab(page)
        if focused["index"] is None:
            continue
        assert focused["visible"], f"focus went to an invisible element: {focused}"
        assert focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2, (
            f"no visible focus indicator on {focused}"
        )
        reached.append(int(focused["index"]))

    assert sorted(set(reached)) == list(range(count))
    assert reached[:count] == list(range(count)), "tab order must follow the page order"
