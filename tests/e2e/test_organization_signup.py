"""A new person's way in, in a real browser: sign up, confirm the e-mail from the outbox,
register an organisation, find it pending on /mypage/, invite a colleague (once staff have
approved it) who joins.
axe-core checks every page on the way, signed in and out, with and without errors."""

import re

import pytest
from django.core import mail

from organizations.models import Membership, Organization
from tests.caching import clear_cache
from tests.organizations.uploads import png_bytes

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "kyodo-fujimino-2025"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    clear_cache()
    yield
    clear_cache()


def link_in(message, pattern):
    return re.search(pattern, message.body).group(0)


def no_horizontal_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def sign_up(page, live_server, assert_accessible, email, display_name):
    page.goto(f"{live_server.url}/accounts/signup/")
    assert_accessible()
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("表示名").fill(display_name)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    for box in page.locator("input[name^='agree_']").all():  # 利用規約, 個人情報の取扱い
        box.check()
    page.get_by_role("button", name="登録する").click()
    assert page.get_by_role("heading", level=1).inner_text() == "確認のメールを送りました"
    assert_accessible()
    message = mail.outbox[-1]
    assert message.to == [email]
    page.goto(link_in(message, r"http://[^\s]+/accounts/confirm-email/[^\s]+/"))
    assert page.get_by_role("heading", level=1).inner_text() == "メールアドレスの確認"
    assert_accessible()
    page.get_by_role("button", name="確認する").click()


def test_new_user_signs_up_confirms_and_registers_an_organization(
    live_server, page, assert_accessible, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.set_viewport_size(PHONE)

    # A sign-up with mistakes shows them at the top and by each field, keeping the e-mail.
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("メールアドレス").fill("hotaru@example.jp")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("something-else-2025")
    page.get_by_role("button", name="登録する").click()
    summary = page.locator("#error-summary")
    assert "入力内容を確認してください" in summary.inner_text()
    assert "表示名" in summary.inner_text()
    assert page.get_by_label("メールアドレス").input_value() == "hotaru@example.jp"
    assert page.get_by_label("表示名").get_attribute("aria-invalid") == "true"
    assert_accessible()
    no_horizontal_scroll(page)
    screenshot("signup-errors-phone")

    sign_up(page, live_server, assert_accessible, "hotaru@example.jp", "ほたる 見守り隊")

    # Confirmed and signed in: /mypage/ greets by display name, with no organisation yet.
    assert page.url == f"{live_server.url}/mypage/"
    assert "ほたる 見守り隊 さん" in page.get_by_role("main").inner_text()
    assert "まだ団体に所属していません" in page.get_by_role("main").inner_text()
    assert_accessible()
    no_horizontal_scroll(page)

    # Register an organisation: first with a wrong reading and a fake picture.
    page.get_by_role("link", name="団体を登録する").click()
    assert page.get_by_role("heading", level=1).inner_text() == "団体の登録"
    assert_accessible()
    no_horizontal_scroll(page)
    screenshot("organization-register-phone")
    page.get_by_role("radio", name="市民活動団体").check()
    page.get_by_label("団体名", exact=False).first.fill("上福岡ほたるの会")
    page.get_by_label("団体名の読み仮名").fill("Hotaru no kai")
    # The long list of fields is folded: one key stop until it is opened.
    page.get_by_role("group", name="活動分野").locator("summary").click()
    page.get_by_role("checkbox", name="環境の保全を図る活動").check()
    page.get_by_role("checkbox", name="子どもの健全育成を図る活動").check()
    page.get_by_role("radio", name="上福岡地区").check()
    page.get_by_label("団体の紹介").fill("新河岸川でほたるを育てています。")
    page.get_by_label("代表者名").fill("川辺 蛍")
    page.get_by_label("代表者の電話番号").fill("090-0000-0000")
    page.get_by_label("ロゴ").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": b"not a picture"}]
    )
    page.get_by_role("button", name="登録を申し込む").click()
    summary = page.locator("#error-summary")
    assert "カタカナまたはひらがなで入力してください" in summary.inner_text()
    assert "中身が受け付けている形式ではありません" in summary.inner_text()
    assert page.get_by_label("団体の紹介").input_value() == "新河岸川でほたるを育てています。"
    assert page.get_by_role(
        "checkbox", name="環境の保全を図る活動", include_hidden=True
    ).is_checked()
    assert_accessible()
    screenshot("organization-register-errors-phone")

    # Corrected, with a real logo.
    page.get_by_label("団体名の読み仮名").fill("かみふくおか ほたるのかい")
    page.get_by_label("ロゴ").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="登録を申し込む").click()

    # Back on /mypage/: the organisation is there, pending.
    assert page.url == f"{live_server.url}/mypage/"
    organization = Organization.objects.get(name="上福岡ほたるの会")
    assert organization.status == Organization.Status.PENDING
    assert organization.name_kana == "カミフクオカ ホタルノカイ"
    assert organization.logo.name.endswith(".png")
    card = page.locator(".card", has_text="上福岡ほたるの会")
    assert "承認待ち" in card.inner_text()
    assert "管理者" in card.inner_text()
    assert_accessible()
    screenshot("mypage-pending-phone")

    # The public does not see it.
    anonymous = page.context.browser.new_page()
    response = anonymous.goto(f"{live_server.url}/organizations/{organization.pk}/")
    assert response.status == 404
    anonymous.close()

    # The profile editing and members pages.
    card.get_by_role("link", name="団体の情報を編集").click()
    assert "承認待ち" in page.get_by_role("main").inner_text()
    assert page.get_by_label("代表者名").input_value() == "川辺 蛍"
    assert_accessible()
    no_horizontal_scroll(page)
    page.get_by_role("navigation", name="団体の管理").get_by_role("link", name="メンバー").click()
    assert_accessible()
    no_horizontal_scroll(page)
    screenshot("organization-members-phone")
    # Until 協働推進課 approves the organisation, it invites nobody (the mails would leave
    # from the portal's address).
    assert (
        "承認されると、メンバーを招待できるようになります" in page.get_by_role("main").inner_text()
    )
    assert page.get_by_role("button", name="招待のメールを送る").count() == 0
    # Staff approve it on their desk (tests/e2e/test_staff_day.py walks through that).
    Organization.objects.filter(pk=organization.pk).update(status=Organization.Status.APPROVED)
    page.reload()
    page.get_by_label("招待する人のメールアドレス").fill("not an address")
    page.get_by_role("button", name="招待のメールを送る").click()
    assert "入力内容を確認してください" in " ".join(page.get_by_role("alert").all_inner_texts())
    assert_accessible()
    page.get_by_label("招待する人のメールアドレス").fill("yuki@example.jp")
    page.get_by_role("button", name="招待のメールを送る").click()
    assert "yuki@example.jp に招待のメールを送りました" in page.get_by_role("status").inner_text()
    invitation_mail = mail.outbox[-1]
    assert invitation_mail.to == ["yuki@example.jp"]
    assert_accessible()

    # Account pages, signed in.
    for path, heading in [
        ("/mypage/profile/", "表示名の変更"),
        ("/accounts/email/", "メールアドレスの管理"),
        ("/accounts/password/change/", "パスワードの変更"),
        ("/accounts/logout/", "ログアウト"),
    ]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert_accessible(path)
        no_horizontal_scroll(page)
    page.get_by_role("button", name="ログアウトする").click()

    # The invited colleague opens the link, signs up with that address and joins.
    invitation_link = link_in(invitation_mail, r"http://[^\s]+/organizations/invitations/[^\s]+/")
    page.goto(invitation_link)
    assert "ログインして参加する" in page.get_by_role("main").inner_text()
    assert_accessible()
    sign_up(page, live_server, assert_accessible, "yuki@example.jp", "ゆき")
    page.goto(invitation_link)
    assert_accessible()
    page.get_by_role("button", name="招待を受けて参加する").click()
    assert page.url == f"{live_server.url}/mypage/"
    assert "上福岡ほたるの会" in page.locator(".card").first.inner_text()
    assert Membership.objects.get(user__email="yuki@example.jp").role == Membership.Role.EDITOR
    page.goto(invitation_link)
    assert "すでに使われています" in page.get_by_role("main").inner_text()
    assert_accessible()


def test_password_reset_then_mypage_with_proposals_and_history_are_accessible(
    live_server, page, assert_accessible, login, screenshot
):
    from projects.models import Project, Transition
    from tests import factories

    user = factories.make_user("reset@example.jp")
    organization = factories.make_organization(name="大井ほたるの会", members=[user])
    returned = factories.make_project(
        lead_organization=organization, status=Project.Status.RETURNED, title="ほたる観察会"
    )
    Transition.objects.create(
        project=returned,
        action="return",
        from_status="submitted",
        to_status="returned",
        comment="安全対策を書き足してください。",
    )

    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible()
    page.get_by_label("メールアドレス").fill("reset@example.jp")
    page.get_by_label("パスワード").first.fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    assert "入力内容を確認してください" in " ".join(page.get_by_role("alert").all_inner_texts())
    assert_accessible()
    screenshot("login-error")

    page.get_by_role("link", name="パスワードを忘れた方はこちら").click()
    assert page.get_by_role("heading", level=1).inner_text() == "パスワードの再設定"
    assert_accessible()
    page.get_by_label("メールアドレス").fill("reset@example.jp")
    page.get_by_role("button", name="再設定のメールを送る").click()
    assert page.get_by_role("heading", level=1).inner_text() == "再設定のメールを送りました"
    assert_accessible()

    page.goto(link_in(mail.outbox[-1], r"http://[^\s]+/accounts/password/reset/key/[^\s]+/"))
    assert page.get_by_role("heading", level=1).inner_text() == "新しいパスワードの設定"
    assert_accessible()
    page.locator("#id_password1").fill("new-kyodo-pass-2025")
    page.locator("#id_password2").fill("new-kyodo-pass-2025")
    page.get_by_role("button", name="パスワードを設定する").click()
    assert page.get_by_role("heading", level=1).inner_text() == "パスワードを再設定しました"
    assert_accessible()

    # Signed in with the new password: /mypage/ lists the proposal and the staff's comment.
    login("reset@example.jp", "new-kyodo-pass-2025")
    assert page.url == f"{live_server.url}/mypage/"
    proposals = page.get_by_role("region", name="提案した協働事業", exact=True)
    assert "ほたる観察会" in proposals.inner_text()
    assert "差し戻し" in proposals.inner_text()
    history = page.get_by_role("region", name="最近の動き")
    assert "安全対策を書き足してください。" in history.inner_text()
    assert_accessible()
    screenshot("mypage-with-history")

    # The organisation's pages at desktop width too.
    for path in (
        "/organizations/register/",
        f"/organizations/{organization.pk}/edit/",
        f"/organizations/{organization.pk}/members/",
    ):
        page.goto(live_server.url + path)
        assert_accessible(path)
        no_horizontal_scroll(page)


def test_refusals_and_rarely_seen_account_pages_are_accessible(
    live_server, page, assert_accessible, login, settings
):
    from tests import factories

    organization = factories.make_organization(name="よその会")
    factories.make_user("plain@example.jp")

    for path, heading in [
        ("/accounts/confirm-email/not-a-real-key/", "メールアドレスの確認"),
        ("/accounts/password/reset/key/1-not-a-key/", "再設定のリンクが無効です"),
        ("/accounts/inactive/", "このアカウントは利用停止中です"),
    ]:
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert_accessible(path)

    login("plain@example.jp")
    response = page.goto(f"{live_server.url}/organizations/{organization.pk}/edit/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "このページを使う権限がありません"
    assert_accessible()
    page.goto(f"{live_server.url}/accounts/reauthenticate/")
    assert page.get_by_role("heading", level=1).inner_text() == "パスワードの再入力"
    assert_accessible()

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    page.goto(f"{live_server.url}/accounts/logout/")
    page.get_by_role("button", name="ログアウトする").click()
    for _attempt in range(2):
        page.goto(f"{live_server.url}/accounts/password/reset/")
        page.get_by_label("メールアドレス").fill("plain@example.jp")
        page.get_by_role("button", name="再設定のメールを送る").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "操作が続いたため、しばらくお待ちください"
    )
    assert_accessible()
