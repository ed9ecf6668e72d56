"""Settings for the collaboration portal (協働ポータル).

Everything that differs between a laptop, CI and production comes from environment
variables (see `.env.example`). With nothing set, the portal runs on SQLite in DEBUG mode.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default="DATABASE_URL" not in os.environ)
SECRET_KEY = env_str("SECRET_KEY") or (
    "insecure-development-key-only-for-local-use" if DEBUG else ""
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")

# The public address: every absolute link (mails, feeds, sitemap, calendar, invitations) is
# built from it. Required when DEBUG is off (a system check says so).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # The built-in widget templates, for the form renderer that reads TEMPLATES.
    "django.forms",
    "django_filters",
    "allauth",
    "allauth.account",
    "portal",
    "city",
    "pages",
    "organizations",
    "projects",
    "principles",
    "notices",
    "calls",
    "events",
    "volunteers",
    "matching",
    "opendata",
    "accounts",
    "mypage",
    "staff",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.language.LanguageOfPartsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Before anything else, a signed-in person agrees to the policies in force.
    "accounts.middleware.PolicyConsentMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pages.context_processors.portal",
                "city.context_processors.city",
                "portal.actions.context_processor",
            ],
        },
    },
]

# Every form and field is drawn by templates/forms/ (labels, marks, help and errors).
FORM_RENDERER = "portal.forms.PortalFormRenderer"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing with "database is locked": wait up to
    # 20 seconds, and take the write lock when a transaction starts (a deferred transaction
    # that has read first cannot wait for it later).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("英語"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/mypage/"

# django-allauth: e-mail is the login, confirmation is mandatory.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Plain-text mails without HTML escaping, links on SITE_URL, sender and subject prefix from
# the city profile at send time (accounts/adapter.py).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Wherever allauth names a person (messages, e-mails), it uses the public display name.
ACCOUNT_USER_DISPLAY = "accounts.models.display_name_of"

# E-mail: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The city profile's mail sender comes first; this is the sender when the profile has none,
# and the sender of error reports to the administrators.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@kyodo.example.jp")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---- Security (docs/security.md) ---------------------------------------------------------
# Production is strict by default: with DEBUG off every HTTPS-only switch is on and
# `manage.py check --deploy` passes without a warning. Each switch can be turned off
# explicitly from the environment (for a local production-like run over plain http); DEBUG
# (`make run`) turns them all off so that http://127.0.0.1:8000 works.
HTTPS_ONLY = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS_ONLY)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS_ONLY)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS_ONLY)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS_ONLY)
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# allauth's rate limits count per client address: behind the reverse proxy the address is the
# proxy's own unless allauth takes the client's from X-Forwarded-For (one proxy by default).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from the portal's own origin, no inline
# script or style, no plugins, no framing. Uploaded files keep the stricter sandboxing policy
# portal/files.py sets on them (django-csp leaves a policy already set alone).
INSTALLED_APPS.append("csp")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The browser features the portal never uses, refused for every page and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
        "xr-spatial-tracking",
    )
}
# Both headers on every response, right after the SecurityMiddleware's own.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE[_after_security:_after_security] = [
    "csp.middleware.CSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
]
# ---- end of security ------------------------------------------------------------------------

# ---- Reliability (docs/operations.md) ----------------------------------------------------
# A connection kept between requests (CONN_MAX_AGE) is checked before it is reused, so a
# restarted database costs at most the requests running at that moment. On PostgreSQL a
# statement running longer than DATABASE_STATEMENT_TIMEOUT milliseconds is cancelled (0: no
# limit; a long migration may set it for its own run), and opening a connection gives up after
# DATABASE_CONNECT_TIMEOUT seconds instead of holding a worker while the server is away.
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 30_000)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
for _database in DATABASES.values():
    _database["CONN_HEALTH_CHECKS"] = True
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _options = _database.setdefault("OPTIONS", {})
        _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
        _options["options"] = (
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT} {_options.get('options', '')}"
        ).strip()
# ---- end of reliability ---------------------------------------------------------------------

# The city profile: the folder of data files `load_city` (and a fresh database) reads.
# Relative paths are taken from the project folder.
CITY_PROFILE = Path(env_str("CITY_PROFILE", str(BASE_DIR / "city" / "profiles" / "fujimino")))

# Domain settings the city may change.
PORTAL_PAGE_SIZE = env_int("PORTAL_PAGE_SIZE", 20)
PATRONAGE_APPLICATION_LEAD_DAYS = env_int("PATRONAGE_APPLICATION_LEAD_DAYS", 30)
PATRONAGE_REPORT_DUE_DAYS = env_int("PATRONAGE_REPORT_DUE_DAYS", 30)
# Days after an event's last day before `purge_event_applications` deletes its applicants.
EVENT_APPLICATION_RETENTION_DAYS = env_int("EVENT_APPLICATION_RETENTION_DAYS", 90)
# A staff list export of at most this many rows is made in the request; a larger one is made
# in the background and kept EXPORT_KEEP_DAYS days (staff/exports.py, `purge_exports`).
EXPORT_ROWS_IN_REQUEST = env_int("EXPORT_ROWS_IN_REQUEST", 1000)
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)

# Proposal files: attachments live outside MEDIA_ROOT and are served only by a view that
# checks who asks.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
ORGANIZATION_INVITATION_DAYS = env_int("ORGANIZATION_INVITATION_DAYS", 14)

# Uploads (checked by portal.uploads): the largest file of each use in bytes, and the most
# pixels an image may have (larger ones are refused before they are decoded).
PROPOSAL_ATTACHMENT_MAX_BYTES = env_int("PROPOSAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
PROPOSAL_IMAGE_MAX_BYTES = env_int("PROPOSAL_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
ORGANIZATION_INVITATION_DAYS = env_int("ORGANIZATION_INVITATION_DAYS", 14)
# Invitation mails an organisation may send in 24 hours (they leave from the portal's address).
ORGANIZATION_INVITATIONS_PER_DAY = env_int("ORGANIZATION_INVITATIONS_PER_DAY", 20)
ORGANIZATION_LOGO_MAX_BYTES = env_int("ORGANIZATION_LOGO_MAX_BYTES", 2 * 1024 * 1024)
REPORT_PHOTO_MAX_BYTES = env_int("REPORT_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env_int("UPLOAD_MAX_PIXELS", 25_000_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# ---- Growing past one machine (config/scaling.py, docs/deploy.md) ---------------------------
# Redis as cache and session store, the Celery queue, a read replica, media on S3: each only
# when its variable is set, so that a laptop needs none of them.
from config import scaling  # noqa: E402

CACHES = scaling.caches(os.environ)
SESSION_ENGINE = scaling.session_engine(os.environ)
DATABASES[scaling.REPLICA] = scaling.replica_database(os.environ, DATABASES["default"])
DATABASE_ROUTERS = ["portal.replicas.ReplicaRouter"]
# Anonymous GET requests read from the replica (when there is one) until they write.
DATABASE_REPLICA_READS = scaling.reads_from_replica(os.environ)
# How long after a write its visitor keeps reading from the primary (the replica's lag).
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
MIDDLEWARE.insert(0, "portal.replicas.ReplicaMiddleware")
# Anonymous public pages cached whole, the feeds and open data for everyone, until anything
# public changes (portal/caching.py); PUBLIC_CACHE_SECONDS=0 turns it off. On by default
# with Redis only: a change must reach every web process, and local memory is one process's
# own (a single-process server may still set PUBLIC_CACHE_SECONDS). The last middleware: it
# knows the user, the language and the messages.
PUBLIC_CACHE = {
    "SECONDS": env_int("PUBLIC_CACHE_SECONDS", scaling.public_cache_seconds(os.environ)),
    # How long a browser or a proxy may keep a feed, a calendar or open data unasked.
    "SHARED_MAX_AGE": env_int("PUBLIC_CACHE_SHARED_MAX_AGE", 300),
    # Rows that no public page shows: saving them leaves the cached pages as they are.
    "IGNORE": [
        "auth",  # accounts and their last sign-in: no public page shows a person
        "sessions",
        "admin",
        "contenttypes",
        "account",
        "notifications",
        "portal.formsubmission",
        "accounts.consent",
    ],
}
MIDDLEWARE.append("portal.caching.PublicPageCacheMiddleware")
STORAGES = scaling.media_storages(os.environ, STORAGES)
globals().update(scaling.celery(os.environ, time_zone=TIME_ZONE))
# A mail the server refused is tried again this many times, after 1, 2, 4, … times this many
# seconds, before it is recorded for the staff desk.
MAIL_MAX_RETRIES = env_int("MAIL_MAX_RETRIES", 5)
MAIL_RETRY_BACKOFF_SECONDS = env_int("MAIL_RETRY_BACKOFF_SECONDS", 60)
