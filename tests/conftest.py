"""Role fixtures shared by every test: anonymous, citizen, member, other member,
department staff, 協働推進課 staff, superuser."""

import pytest

from tests import factories
from tests import world as world_


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    flagged = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    names = getattr(item, "fixturenames", ())
    return bool(flagged or "transactional_db" in names or "live_server" in names)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests last, as Django orders them, after every other reordering.

    A transactional test empties the database when it ends; the master data the migrations
    loaded (areas, fields, principles) comes back only when the next `serialized_rollback` test
    starts. pytest-django sorts the transactional tests last, but pytest then groups the tests
    that share session-scoped parameters (the browser tests' `browser_name`) and can move an
    ordinary test behind them, where it would find no areas.
    """
    items.sort(key=_transactional)
    unserialized = [item.nodeid for item in items if _transactional(item) and not _serialized(item)]
    if unserialized:
        raise pytest.UsageError(
            "Transactional tests must restore the master data with serialized_rollback=True "
            "(a plain flush recreates the content types under new keys, and the next "
            "serialized test fails to restore its own): " + ", ".join(unserialized)
        )


def _serialized(item):
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker is not None and marker.kwargs.get("serialized_rollback"))
        or "django_db_serialized_rollback" in getattr(item, "fixturenames", ())
    )


@pytest.fixture(scope="session", autouse=True)
def plain_http():
    """The test client and the live test server speak plain http: production's redirect to
    https is turned off explicitly here (tests/config/test_security.py turns it on where it is
    the behaviour tested). Every other production security setting stays as configured."""
    from django.test import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth keeps its rate-limit counters in the cache: every test starts with none."""
    from tests.caching import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def public_cache(settings):
    """Pages are drawn afresh in every test (a test that changes rows with bulk_create or
    update(), which send no signal, sees the change); the tests of the cache itself
    (tests/portal/test_caching.py) turn it on with `public_cache_on`."""
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "SECONDS": 0}


@pytest.fixture
def public_cache_on(settings):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "SECONDS": 300}


@pytest.fixture(autouse=True)
def tasks_in_process():
    """Every task runs in the test's own process and transaction, as without a broker, also
    when CELERY_BROKER_URL is set (a worker could not see the test's uncommitted rows). The
    tests of the queue itself (tests/notifications/test_worker.py) start a real worker."""
    from config.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def japanese_by_default():
    """A request in English leaves English active in the thread: every test starts in the
    portal's own language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The public address links are built from in every test (mails, feeds, sitemap, open data).
SITE_URL = "https://kyodo.example.jp"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests need passwords to work, not to resist attack."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def citizen(db):
    return factories.make_user("citizen@example.jp")


@pytest.fixture
def member(db):
    return factories.make_user("member@example.jp")


@pytest.fixture
def other_member(db):
    return factories.make_user("other@example.jp")


@pytest.fixture
def organization(member):
    return factories.make_organization(name="ふじみ野子ども食堂ネット", members=[member])


@pytest.fixture
def other_organization(other_member):
    return factories.make_organization(name="大井まちづくりの会", members=[other_member])


@pytest.fixture
def department_staff(db):
    user = factories.make_user("dept@example.jp")
    factories.make_department().staff.add(user)
    return user


@pytest.fixture
def coordinating_staff(db):
    user = factories.make_user("staff@example.jp")
    factories.coordinating_department().staff.add(user)
    return user


@pytest.fixture
def superuser(db):
    return factories.make_user("admin@example.jp", is_superuser=True, is_staff=True)


def pytest_terminal_summary(terminalreporter):
    """Say how many URL × role pairs the permission matrix checked (tests/test_permission_matrix.py)."""
    from tests.summary import PERMISSION_MATRIX_PAIRS

    if PERMISSION_MATRIX_PAIRS:
        urls = len({(method, path) for method, path, _role in PERMISSION_MATRIX_PAIRS})
        terminalreporter.write_sep(
            "-",
            f"permission matrix: {len(PERMISSION_MATRIX_PAIRS)} URL × role pairs checked "
            f"({urls} URLs × 7 roles)",
        )


@pytest.fixture
def world(settings, tmp_path):
    """The world with its own media folders, for a test that tries it as every role."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    users = world_.make_role_users()
    return world_.build_world(users), users
