import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts attempts in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()
