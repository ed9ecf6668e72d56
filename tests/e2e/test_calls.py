"""Open calls in a real browser, on the demo's data, at a 360 px phone width and at desktop
width: the public list and the closed call's published result; the outside reviewer scoring
from their /mypage/; the member answering the call's questions; 協働推進課 deciding 採択 /
不採択 and publishing the result, which then appears on the public page. axe-core finds
nothing on any of these pages, and nothing is wider than the phone."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP
from .public_site import horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NARROW_PHONE = {"width": 360, "height": 740}
DEMO_PASSWORD = "kyodo-demo-2026"
REVIEWING = "令和9年度 協働事業提案(行政提案型): 防災の担い手づくり"


def _check(page, assert_accessible, what, size):
    assert_accessible(f"{what} ({size['width']}px)")
    if size == NARROW_PHONE:
        assert horizontal_overflow(page) == 0, f"{what} is wider than a phone"


def _sign_in(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").first.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.parametrize("size", [NARROW_PHONE, DESKTOP], ids=["phone-360", "desktop"])
def test_calls_in_the_browser(demo, size, live_server, page, assert_accessible, screenshot):
    base = live_server.url
    page.set_viewport_size(size)
    width = size["width"]

    # The public list, from the main menu, and the closed call's published result.
    page.goto(f"{base}/")
    if size == NARROW_PHONE and page.get_by_role("button", name="メニュー").count():
        page.get_by_role("button", name="メニュー").click()
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="提案の募集"
    ).click()
    page.wait_for_url(f"{base}/calls/")
    expect(page.get_by_role("heading", name="協働事業提案の募集", level=1)).to_be_visible()
    _check(page, assert_accessible, "/calls/", size)
    page.get_by_role("link", name="令和8年度 協働事業提案(市民提案型)").click()
    page.get_by_role("heading", name="令和8年度 協働事業提案(市民提案型)", level=1).wait_for()
    results = page.locator(".call-result")
    assert results.count() == 2
    assert "空き店舗を使った多世代の居場所づくり" in results.first.inner_text()
    expect(page.get_by_text("提案 3 件のうち、2 件を採択しました。")).to_be_visible()
    assert page.get_by_text("スマートフォン相談会").count() == 0
    _check(page, assert_accessible, "closed call", size)
    screenshot(f"call-closed-{width}")

    # The call under review shows nothing of its scoring.
    page.goto(f"{base}/calls/")
    page.get_by_role("link", name=REVIEWING).click()
    page.get_by_text("審査の結果は、募集を終えたあとに公表します").wait_for()
    assert page.locator(".call-result").count() == 0
    _check(page, assert_accessible, "call under review", size)

    # The outside reviewer corrects a score from their own pages.
    _sign_in(page, base, "reviewer@example.jp")
    page.goto(f"{base}/mypage/")
    page.get_by_role("link", name=f"「{REVIEWING}」の審査(審査中)").click()
    page.get_by_role("heading", name=f"審査: {REVIEWING}", level=1).wait_for()
    _check(page, assert_accessible, "review list", size)
    page.get_by_role("link", name="マンション防災の手引きづくりと防災訓練").click()
    _check(page, assert_accessible, "review entry", size)
    page.get_by_label("公益性(25点満点)").select_option("23")
    page.get_by_label("総評コメント").fill("未加入世帯に届く工夫が具体的です。")
    page.get_by_role("button", name="採点を保存する").click()
    page.wait_for_url(lambda url: url.endswith("/review/"))
    page.get_by_text("の採点を保存しました").wait_for()

    # The member answers the open call's questions of their draft.
    _sign_in(page, base, "member@example.jp")
    page.goto(f"{base}/mypage/")
    page.get_by_role("link", name="親子で学ぶ食育講座").first.click()
    page.get_by_role("link", name="設問への回答を開く").click()
    _check(page, assert_accessible, "answers", size)
    page.get_by_label("市と協働する必要がある理由と、市に期待する役割").fill(
        "会場の調理室の確保と、学校を通じた周知をお願いします。"
    )
    page.get_by_role("button", name="回答を保存する").click()
    page.get_by_text("公募の設問への回答を保存しました。").wait_for()

    # 協働推進課 decides and publishes the result.
    _sign_in(page, base, "staff@example.jp")
    page.goto(f"{base}/staff/")
    page.get_by_role("navigation", name="職員デスクのメニュー").get_by_role(
        "link", name="公募"
    ).click()
    _check(page, assert_accessible, "/staff/calls/", size)
    page.get_by_role("link", name=REVIEWING).click()
    ranking = page.get_by_role("table", name="順位と平均点(満点 100 点)")
    assert "マンション防災" in ranking.get_by_role("row").nth(1).inner_text()
    _check(page, assert_accessible, "staff call file", size)
    screenshot(f"staff-call-{width}")
    adopt = page.locator("form.decision-form").filter(has_text="マンション防災の手引きづくり")
    adopt.get_by_label("採択", exact=True).check()
    adopt.get_by_role("button", name="結果を決定する").click()
    page.get_by_text("を採択としました").wait_for()
    reject = page.locator("form.decision-form").filter(has_text="子ども防災キャンプ")
    reject.get_by_label("不採択", exact=True).check()
    reject.get_by_label("団体へのコメント").fill(
        "テーマとの関わりは評価しましたが、予算の内訳が不十分でした。"
    )
    reject.get_by_role("button", name="結果を決定する").click()
    page.get_by_text("を不採択としました").wait_for()
    page.get_by_role("button", name="審査を終えて結果を公表する…").click()
    page.get_by_text("この操作は元に戻せません。").wait_for()
    _check(page, assert_accessible, "confirm closing the call", size)
    page.get_by_role("button", name="「審査を終えて結果を公表する」を確定する").click()
    page.get_by_text("「審査を終えて結果を公表する」を行いました").wait_for()
    page.get_by_role("link", name="公開ページを見る").click()
    page.get_by_role("heading", name="審査の結果", level=2).wait_for()
    results = page.locator(".call-result")
    assert results.count() == 1
    assert "マンション防災の手引きづくりと防災訓練" in results.inner_text()
    assert "未加入世帯に届く工夫が具体的です。" in results.inner_text()
    assert page.get_by_text("子ども防災キャンプ").count() == 0
    _check(page, assert_accessible, "published result", size)

    # Registering a new call.
    page.goto(f"{base}/staff/calls/new/")
    _check(page, assert_accessible, "/staff/calls/new/", size)
