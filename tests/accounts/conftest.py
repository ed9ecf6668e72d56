import pytest

from tests.caching import clear_cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts attempts in the cache: every test starts with none."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def client():
    """Account mails leave through the queue once the request's work is committed."""
    from tests.mails import CommittingClient

    return CommittingClient()
