"""In a real browser: 「リンクをコピーする」 copies the page's address and says so to a screen
reader, without the script it is a plain link to the page; the share block and /subscribe/
pass axe-core at phone and desktop width and stay within a phone's width."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def test_copy_link_copies_the_canonical_address_and_announces_it(live_server, page, context):
    project = factories.make_project(title="河川清掃")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/projects/{project.pk}/?utm_source=line")
    status = page.locator(".share [role=status]")
    assert status.inner_text() == ""
    page.get_by_role("link", name="リンクをコピーする").click()
    status.filter(has_text="このページのリンクをコピーしました。").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{live_server.url}/projects/{project.pk}/"
    )
    assert page.url.endswith("?utm_source=line")  # the click copied, it did not navigate


def test_without_the_script_copy_link_is_a_plain_link_to_the_page(live_server, browser):
    project = factories.make_project(title="河川清掃")
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    page.goto(f"{live_server.url}/projects/{project.pk}/?utm_source=line")
    page.get_by_role("link", name="リンクをコピーする").click()
    page.wait_for_url(f"{live_server.url}/projects/{project.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "河川清掃"
    context.close()


def test_share_block_and_subscribe_page_are_accessible_on_a_phone_and_a_desktop(
    live_server, page, assert_accessible
):
    project = factories.make_project(title="七夕まつり")
    event = factories.make_event(project, title="笹飾りづくり")
    call = factories.make_call(title="協働事業提案の募集")
    paths = [
        f"/projects/{project.pk}/",
        f"/organizations/{project.lead_organization.pk}/",
        f"/events/{event.pk}/",
        f"/calls/{call.pk}/",
        "/subscribe/",
        "/subscribe/?form=subsidy&year=2025",
    ]
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(live_server.url + path)
            assert_accessible(f"{path} at {viewport['width']} px")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            if path.startswith("/subscribe/"):
                continue
            share = page.get_by_role("region", name="このページを共有する")
            assert share.get_by_role("link").count() == 4
            box = share.get_by_role("link", name="LINEで送る").bounding_box()
            assert box["height"] >= 44 and box["x"] + box["width"] <= viewport["width"]
