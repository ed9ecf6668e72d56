"""The Django admin has no login form of its own: it sends everyone to allauth's, whose rate
limits guard the superusers' accounts as they guard everyone's."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


def _admin_login(client, email, password):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password})


def test_admin_login_page_sends_to_the_portal_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_admin_login_form_never_checks_a_password(client, superuser):
    response = _admin_login(client, superuser.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_repeated_failed_admin_logins_are_refused(client, superuser):
    for _attempt in range(5):
        _admin_login(client, superuser.email, "wrong")
        # where the admin sends people to sign in
        client.post("/accounts/login/?next=/admin/", {"login": superuser.email, "password": "x"})
    _admin_login(client, superuser.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": superuser.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert "ログイン失敗が連続しています" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_many_admin_login_attempts_from_one_address_get_429(client, superuser, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    for _attempt in range(3):
        client.post("/accounts/login/?next=/admin/", {"login": superuser.email, "password": "x"})
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "しばらくお待ちください" in response.content.decode()


def test_superuser_signs_in_through_the_portal_and_reaches_the_admin(client, superuser):
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/?next=/admin/").status_code == 302


def test_signed_in_non_staff_cannot_use_the_admin_login(client, citizen):
    client.force_login(citizen)
    assert client.get("/admin/login/").status_code == 403
    assert client.get("/admin/").status_code == 302


# ---- behind the reverse proxy, the limits count per client, not per proxy ----------------


def _failed_logins_from(client, address, email, times):
    for _attempt in range(times):
        client.post(
            "/accounts/login/",
            {"login": email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=address,
        )


@pytest.fixture
def strict_ip_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}


def test_behind_the_proxy_each_client_has_its_own_limit(client, citizen, settings, strict_ip_limit):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _failed_logins_from(client, "203.0.113.1", citizen.email, 3)
    blocked = client.post(
        "/accounts/login/",
        {"login": citizen.email},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.1",
    )
    other = client.post(
        "/accounts/login/",
        {"login": citizen.email},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.2",
    )
    assert blocked.status_code == 429
    assert other.status_code == 200


def test_a_forged_forwarded_address_does_not_escape_the_limit(
    client, citizen, settings, strict_ip_limit
):
    """The proxy appends the real client; what the client wrote before it is not trusted."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for forged in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        _failed_logins_from(client, f"{forged}, 203.0.113.1", citizen.email, 1)
    response = client.post(
        "/accounts/login/",
        {"login": citizen.email},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.1",
    )
    assert response.status_code == 429
