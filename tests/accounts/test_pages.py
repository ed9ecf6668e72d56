"""Every allauth page the portal shows is Japanese and wears the portal's frame."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "text"),
    [
        ("account_login", "ログイン"),
        ("account_signup", "利用者登録"),
        ("account_reset_password", "パスワードの再設定"),
        ("account_reset_password_done", "再設定のメールを送りました"),
        ("account_email_verification_sent", "確認のメールを送りました"),
    ],
)
def test_anonymous_account_pages_are_japanese_in_the_portal_frame(client, url_name, text):
    response = client.get(reverse(url_name))
    content = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{text}</h1>" in content
    assert "協働ポータル" in content
    assert 'class="site-header"' in content


@pytest.mark.parametrize(
    ("url_name", "text"),
    [
        ("account_logout", "ログアウト"),
        ("account_change_password", "パスワードの変更"),
        ("account_email", "メールアドレスの管理"),
    ],
)
def test_signed_in_account_pages_are_japanese(client, citizen, url_name, text):
    client.force_login(citizen)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert f"<h1>{text}</h1>" in response.content.decode()


def test_login_form_has_labels_and_no_placeholders(client):
    content = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">メールアドレス' in content
    assert '<label for="id_password">パスワード' in content
    assert "placeholder" not in content


def test_wrong_password_gives_a_japanese_error_at_the_top(client, citizen):
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": "wrong-password"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "入力内容を確認してください" in content
    assert "正しくありません" in content


def test_repeated_failed_logins_are_rate_limited(client, citizen):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": citizen.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": "test-password-123"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "ログイン失敗が連続しています" in response.content.decode()


def test_too_many_signups_from_one_address_get_a_japanese_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for _attempt in range(2):
        client.post(reverse("account_signup"), {"email": "x@example.jp"})
    response = client.post(reverse("account_signup"), {"email": "x@example.jp"})
    assert response.status_code == 429
    assert "しばらくお待ちください" in response.content.decode()


def test_rate_limits_are_on_for_login_signup_and_password_reset(settings):
    for action in ("login", "login_failed", "signup", "reset_password"):
        assert settings.ACCOUNT_RATE_LIMITS[action]


def test_password_reset_sends_a_japanese_mail_with_a_working_link(client, citizen):
    response = client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "パスワードの再設定" in message.subject
    assert "新しいパスワードを設定してください" in message.body
    link = next(
        line for line in message.body.splitlines() if "/accounts/password/reset/key/" in line
    )
    page = client.get(link.strip(), follow=True)
    assert "新しいパスワードの設定" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link.strip(),
        {"password1": "new-kyodo-pass-2025", "password2": "new-kyodo-pass-2025"},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password("new-kyodo-pass-2025")


def test_password_change_works_and_keeps_the_user_signed_in(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "test-password-123",
            "password1": "changed-kyodo-2025",
            "password2": "changed-kyodo-2025",
        },
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password("changed-kyodo-2025")


def test_password_reset_mail_for_an_unknown_address_reveals_nothing_on_the_page(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.jp"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_signup_for_an_existing_address_does_not_reveal_it(client):
    factories.make_user("taken@example.jp")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "taken@example.jp",
            "display_name": "だれか",
            "password1": "kyodo-fujimino-2025",
            "password2": "kyodo-fujimino-2025",
            "agree_terms": "on",
            "agree_privacy": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "登録済み" in mail.outbox[0].subject


def test_a_second_address_is_added_confirmed_by_mail_and_removed(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "second@example.jp"}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["second@example.jp"]
    assert "確認" in mail.outbox[-1].subject
    page = client.get(reverse("account_email")).content.decode()
    assert "second@example.jp" in page and "未確認" in page
    client.post(reverse("account_email"), {"action_remove": "", "email": "second@example.jp"})
    assert not EmailAddress.objects.filter(email="second@example.jp").exists()


def test_an_invalid_confirmation_link_explains_itself_in_japanese(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "有効期限が切れているか、正しくありません" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("account_login", {"login": "a\x00b@example.jp", "password": "x"}),
        ("account_login", {"login": "x" * 5000, "password": "y" * 5000}),
        ("account_login", {"login": ["one@example.jp", "two@example.jp"]}),
        ("account_signup", {"email": "\x1b@example.jp", "display_name": "x" * 10000}),
        ("account_signup", {"email": "hanako@example.jp", "password1": "\x00" * 10}),
        ("account_reset_password", {"email": "\x00"}),
        ("account_reset_password", {"email": "a" * 400 + "@example.jp"}),
    ],
)
def test_hostile_account_input_gets_a_form_error_not_a_500(client, url_name, data):
    response = client.post(reverse(url_name), data)
    assert response.status_code == 200
    assert "入力内容を確認してください" in response.content.decode()


def test_login_message_greets_by_display_name_not_email(client, citizen):
    from accounts.models import Profile

    Profile.objects.create(user=citizen, display_name="ふじみん")
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": "test-password-123"},
        follow=True,
    )
    content = response.content.decode()
    assert "ログインしました(ふじみん さん)。" in content
    assert f"{citizen.email} としてログイン" not in content


def test_allauth_names_people_by_their_display_name(citizen):
    from allauth.account.utils import user_display

    from accounts.models import Profile

    Profile.objects.create(user=citizen, display_name="おおいっ子")
    assert user_display(citizen) == "おおいっ子"
