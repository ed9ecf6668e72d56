"""On a 360 px phone the filters of /projects/ fold into a disclosure that says how many are
active, the box on how to follow the list (feed, calendar) is one folded line, and the first
result is on the first screen; on a wide screen the filters start open."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}


def test_the_first_result_is_on_the_first_screen_of_a_phone(live_server, page, assert_accessible):
    for number in range(3):
        factories.make_project(title=f"防災の事業{number}", form="subsidy")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/projects/")
    filters = page.locator("details.filter-disclosure")
    assert filters.get_attribute("open") is None
    # How to follow the list is one folded line too.
    follow = page.locator("details.subscribe-box")
    assert follow.get_attribute("open") is None
    assert follow.bounding_box()["height"] <= 48
    first = page.locator(".card-grid .card").first
    assert first.bounding_box()["y"] < PHONE["height"]
    assert_accessible("/projects/ on a phone")
    page.goto(f"{live_server.url}/projects/?form=subsidy&q=防災")
    assert "2件を指定中" in filters.locator("summary").inner_text()
    assert page.locator(".card-grid .card").first.bounding_box()["y"] < PHONE["height"]
    filters.locator("summary").click()
    expect(page.get_by_label("協働の形態", exact=True)).to_be_visible()
    follow.locator("summary").click()
    feed = page.get_by_role("link", name="この条件の新着フィード(Atom)")
    assert feed.get_attribute("href") == "/feeds/projects.atom?q=%E9%98%B2%E7%81%BD&form=subsidy"
    assert_accessible("/projects/ on a phone, filters and the feed box open")


def test_the_first_event_is_on_the_first_screen_of_a_phone(live_server, page, assert_accessible):
    project = factories.make_project(title="七夕まつり")
    for number in range(3):
        factories.make_event(project, title=f"笹飾りづくり{number}")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/events/")
    follow = page.locator("details.subscribe-box")
    assert follow.get_attribute("open") is None
    assert page.locator(".event-list li").first.bounding_box()["y"] < PHONE["height"]
    follow.locator("summary").click()
    expect(page.get_by_role("link", name="Googleカレンダーなどへの登録のしかた")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible("/events/ on a phone, the calendar box open")


def test_the_filters_start_open_on_a_wide_screen(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/projects/")
    assert page.locator("details.filter-disclosure").get_attribute("open") is not None
    expect(page.get_by_label("協働の形態", exact=True)).to_be_visible()
    # How to follow the list stays one folded line: one Tab stop before the results.
    assert page.locator("details.subscribe-box").get_attribute("open") is None


@pytest.mark.parametrize("signed_in", [False, True], ids=["guest", "member"])
def test_the_header_stays_small_on_a_phone(live_server, page, member, signed_in):
    page.set_viewport_size(PHONE)
    if signed_in:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("メールアドレス").fill(member.email)
        page.get_by_label("パスワード").first.fill("test-password-123")
        page.get_by_role("button", name="ログイン").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{live_server.url}/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= PHONE["height"] * 0.2, header
    # The account links stay in sight; the main menu scrolls inside itself, not the page.
    account = page.get_by_role("navigation", name="アカウント")
    link = account.get_by_role("link", name="マイページ" if signed_in else "ログイン")
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Every menu item can be reached by keyboard: focusing it scrolls it into view.
    last = page.get_by_role("navigation", name="メインメニュー").get_by_role("link").last
    last.focus()
    box = last.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"] + 1


SQUEEZED = """() => Array.from(document.querySelectorAll('main td, main th')).filter(cell => {
  const text = cell.innerText.trim();
  if (text.length < 2 || cell.offsetParent === null) return false;
  const head = cell.closest('thead');
  if (head && head.getBoundingClientRect().width <= 1) return false;
  const size = parseFloat(getComputedStyle(cell).fontSize);
  const inner = cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft)
    - parseFloat(getComputedStyle(cell).paddingRight);
  return inner < 1.5 * size;  // narrower than two characters: one a line
}).map(cell => cell.innerText.trim().slice(0, 30))"""


def _sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").first.fill("test-password-123")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_list_tables_become_cards_on_a_phone(
    live_server, page, member, organization, coordinating_staff, assert_accessible
):
    for number in range(3):
        factories.make_project(
            lead_organization=organization, status="draft", title=f"下書きの提案{number}"
        )
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/mypage/")
    assert page.evaluate(SQUEEZED) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Each cell says which column it is.
    cell = page.locator("table.table-stack td[data-label]").first
    label = cell.get_attribute("data-label")
    assert (
        page.evaluate("c => getComputedStyle(c, '::before').content", cell.element_handle())
        == f'"{label}: "'
    )
    # Still a table to assistive technology.
    assert page.get_by_role("table", name="提案した協働事業の一覧").get_by_role("row").count() == 4
    assert_accessible("/mypage/ on a phone")
    page.context.clear_cookies()
    _sign_in(page, live_server.url, coordinating_staff.email)
    for path in ("/staff/", "/staff/projects/", "/staff/organizations/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate(SQUEEZED) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_accessible(f"{path} on a phone")


def test_chart_labels_read_whole_at_360_px(
    live_server, page, coordinating_staff, organization, assert_accessible
):
    factories.make_project(lead_organization=organization, form="subsidy")
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server.url, coordinating_staff.email)
    page.goto(f"{live_server.url}/staff/figures/")
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.chart-bars svg')).map(svg => {
          const box = svg.getBoundingClientRect();
          return Array.from(svg.querySelectorAll('text')).map(t => {
            const r = t.getBoundingClientRect();
            return {height: r.height, overflow: r.right - box.right, text: t.textContent};
          });
        }).flat()"""
    )
    assert sizes
    assert all(item["height"] >= 12 for item in sizes), min(sizes, key=lambda i: i["height"])
    assert all(item["overflow"] <= 1 for item in sizes), max(sizes, key=lambda i: i["overflow"])
    assert not any(item["text"].endswith("…") for item in sizes)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible("/staff/figures/ on a phone")
