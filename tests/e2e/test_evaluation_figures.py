"""The figures of the mutual evaluations in a real browser, on the demo's data: the public
page /evaluations/ with its charts and tables, filtered through its form, its empty state,
and the desk's /staff/evaluations/ with its exports; axe-core finds nothing at a 360 px
phone width and at desktop width, and nothing is wider than the phone."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 360, "height": 740}
DEMO_PASSWORD = "kyodo-demo-2026"


def _check(page, assert_accessible, what, size):
    assert_accessible(f"{what} ({size['width']}px)")
    if size == NARROW_PHONE:
        assert horizontal_overflow(page) == 0, f"{what} is wider than a phone"


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_evaluation_figures_in_the_browser(
    demo, size, live_server, page, assert_accessible, screenshot
):
    base = live_server.url
    page.set_viewport_size(size)
    width = size["width"]

    # The public page: charts drawn on the server, each with its table.
    assert page.goto(f"{base}/evaluations/").status == 200
    expect(page.get_by_role("heading", name="相互評価の集計", level=1)).to_be_visible()
    charts = page.get_by_role("img", name="すべての評価済み事業: 基本原則ごとの平均点")
    expect(charts).to_have_count(1)
    expect(charts).to_be_visible()
    assert page.locator("svg[role=img]").count() >= 8
    assert page.locator("table.figure-table").count() == page.locator("svg[role=img]").count()
    lower = page.locator(".figures-lower")
    expect(lower.get_by_role("heading", name="パートナー側の評価が市より低い原則")).to_be_visible()
    assert "対等" in lower.locator("li").first.inner_text()
    box = page.locator("#all-title ~ .figure-pair svg").bounding_box()
    assert 0 < box["width"] <= width
    _check(page, assert_accessible, "/evaluations/", size)
    screenshot(f"evaluation-figures-{width}")

    # Filtered through the form: the 事業協力 of 令和7年度, where 相互理解 stands out too.
    filters = page.locator("details.filter-disclosure")
    if filters.get_attribute("open") is None:  # folded on a phone
        filters.locator("summary").click()
    page.get_by_label("協働の形態", exact=True).select_option(label="事業協力")
    page.get_by_label("年度", exact=True).select_option(label="令和7年度")
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url(lambda url: "form=cooperation" in url and "year=2025" in url)
    expect(page.get_by_role("heading", name="条件に合う評価済み事業")).to_be_visible()
    table = page.get_by_role("table", name="条件に合う評価済み事業: 基本原則ごとの平均点")
    understanding = table.get_by_role("row").filter(has_text="相互理解")
    assert "パートナー側が低い" in understanding.inner_text()
    _check(page, assert_accessible, "/evaluations/?form=cooperation&year=2025", size)

    # Nothing evaluated in this form: a clear sentence, no chart.
    assert page.goto(f"{base}/evaluations/?form=patronage").status == 200
    expect(page.get_by_text("条件に合う評価済みの協働事業はありません。")).to_be_visible()
    assert page.locator("svg[role=img]").count() == 0
    _check(page, assert_accessible, "/evaluations/?form=patronage", size)

    # The desk's page, reached from its menu, and its exports.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill("staff@example.jp")
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{base}/staff/figures/")
    page.get_by_role("navigation", name="職員デスクのメニュー").get_by_role(
        "link", name="相互評価の集計と出力"
    ).click()
    page.wait_for_url(f"{base}/staff/evaluations/")
    expect(page.get_by_text("非公開にした事業")).to_be_visible()
    assert page.locator("svg[role=img]").count() >= 8
    _check(page, assert_accessible, "/staff/evaluations/", size)
    screenshot(f"staff-evaluation-figures-{width}")
    export = page.request.get(f"{base}/staff/evaluations/projects.csv?year=2025")
    assert export.status == 200
    text = export.body().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("事業ID,事業名,協働の形態,年度")
    assert "大学等との包括連携協定に基づく事業" in text
