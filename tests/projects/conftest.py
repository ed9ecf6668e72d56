import pytest


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary directory for each test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path
