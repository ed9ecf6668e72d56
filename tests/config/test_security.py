"""Production security: `check --deploy` clean by default, and the headers on every page."""

import pytest

from tests.config.test_settings import _run, setting

# What production sets (and nothing else): DEBUG off, a real key, the host and the address.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3J9-production-like-secret-key-of-more-than-fifty-characters-x7Qw",
    "ALLOWED_HOSTS": "kyodo.example.jp",
    "SITE_URL": "https://kyodo.example.jp",
}
HTTPS_SWITCHES = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


def test_production_settings_pass_the_deployment_checks_without_a_warning():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout


@pytest.mark.parametrize("name", HTTPS_SWITCHES)
def test_production_turns_every_https_switch_on_by_default(name):
    assert setting(name, **PRODUCTION) is True


def test_production_sends_hsts_for_a_year_by_default():
    assert setting("SECURE_HSTS_SECONDS", **PRODUCTION) == 365 * 24 * 60 * 60


@pytest.mark.parametrize("name", HTTPS_SWITCHES)
def test_an_https_switch_can_be_turned_off_explicitly(name):
    assert setting(name, **PRODUCTION, **{name: "false"}) is False


@pytest.mark.parametrize("name", HTTPS_SWITCHES)
def test_debug_keeps_plain_http_working(name):
    assert setting(name, DEBUG="true") is False


def test_debug_sends_no_hsts():
    assert setting("SECURE_HSTS_SECONDS", DEBUG="true") == 0


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["manage.py", "check"], **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# ---- the headers, through the whole middleware stack ---------------------------------------


@pytest.fixture
def home(client, db):
    return client.get("/")


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_pages_carry_a_content_security_policy_without_inline_code(home):
    policy = directives(home)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in home["Content-Security-Policy"]
    assert "unsafe-eval" not in home["Content-Security-Policy"]


def test_forms_and_errors_carry_the_policy_too(client, db):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in client.get("/no-such-home/")["Content-Security-Policy"]


def test_pages_refuse_the_browser_features_the_portal_never_uses(home):
    features = dict(item.split("=") for item in home["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_pages_carry_the_other_security_headers(home):
    assert home["X-Content-Type-Options"] == "nosniff"
    assert home["Referrer-Policy"] == "same-origin"
    assert home["X-Frame-Options"] == "DENY"
    assert home["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_is_sent_over_https_when_on(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_no_hsts_when_off(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 0
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


def test_plain_http_is_redirected_to_https_when_on(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/projects/?form=subsidy")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/projects/?form=subsidy"


def test_cookies_are_secure_when_on(client, db, settings):
    settings.CSRF_COOKIE_SECURE = True
    response = client.get("/accounts/login/", secure=True)
    assert response.cookies["csrftoken"]["secure"] is True
