import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import Profile

pytestmark = pytest.mark.django_db

PASSWORD = "kyodo-fujimino-2025"


def signup(client, email="hanako@example.jp", display_name="はなこ", **extra):
    data = {
        "email": email,
        "display_name": display_name,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "agree_terms": "on",
        "agree_privacy": "on",
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def confirmation_link(message):
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)


def test_signup_page_is_in_japanese_and_asks_for_a_display_name(client):
    response = client.get(reverse("account_signup"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "利用者登録" in content
    assert "表示名" in content
    assert "※必須" in content
    assert "placeholder" not in content


def test_signup_sends_a_japanese_confirmation_mail_and_does_not_sign_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hanako@example.jp"]
    assert "確認" in message.subject
    assert "ふじみ野 協働ポータル" in message.subject
    assert "/accounts/confirm-email/" in message.body
    assert client.get(reverse("mypage:index")).status_code == 302
    assert not EmailAddress.objects.get(email="hanako@example.jp").verified


def test_login_is_refused_until_the_email_is_confirmed(client):
    signup(client)
    client.logout()
    mail.outbox.clear()
    response = client.post(
        reverse("account_login"), {"login": "hanako@example.jp", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_from_the_outbox_completes_signup(client):
    signup(client)
    link = confirmation_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "確認する" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="hanako@example.jp").verified
    assert client.get(reverse("mypage:index")).status_code == 200


def test_confirmed_user_can_log_in_with_email_and_password(client):
    signup(client)
    client.post(confirmation_link(mail.outbox[0]))
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "hanako@example.jp", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mypage/"


@pytest.mark.parametrize(
    "name",
    [
        "山田 花子",
        "やまだ はなこ",
        "ヤマダ・ハナコ",
        "ﾊﾅｺ",
        "はなちゃん🌸",
        "👩‍👧 ママ友の会",
        "大井のおばあちゃん",
        "髙橋 𠮷子",
        "Ｈａｎａｋｏ",
        "Kim 민지",
    ],
)
def test_japanese_names_and_nicknames_are_valid_display_names(client, name):
    response = signup(client, display_name=name)
    assert response.status_code == 302, response.content.decode()
    user = get_user_model().objects.get(email="hanako@example.jp")
    assert Profile.objects.get(user=user).display_name == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "このフィールドは必須です。"),
        ("\u3000\u3000", "このフィールドは必須です。"),
        ("花子" * 26, "50"),
        ("花子\x07", "制御文字"),
        ("花子\u202e", "制御文字"),
        ("花\n子", "改行"),
    ],
)
def test_invalid_display_names_get_a_clear_error_and_keep_the_email(client, name, message):
    response = signup(client, display_name=name)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "入力内容を確認してください" in content
    assert 'value="hanako@example.jp"' in content
    assert not get_user_model().objects.filter(email="hanako@example.jp").exists()
    assert mail.outbox == []


def test_overlong_email_is_refused_without_error(client):
    response = signup(client, email="a" * 300 + "@example.jp")
    assert response.status_code == 200
    assert "入力内容を確認してください" in response.content.decode()
