"""Every page of the portal at 360 px, as the role that may see it (each GET row of the
permission matrix that answers a page): nothing scrolls sideways and no table cell is
squeezed to one character a line."""

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.test_phone_lists import SQUEEZED
from tests.test_page_markup import PAGES
from tests.world import build_world, make_role_users

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}


def _session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _is_page(url, user):
    """An HTML page (not a file, a feed or an export) as this user gets it."""
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_every_page_fits_a_360_px_phone(live_server, page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    users = make_role_users()
    world = build_world(users)
    sessions = {role: _session_cookie(user) for role, user in users.items()}
    page.set_viewport_size(PHONE)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    problems = []
    for param in PAGES:
        path, role = param.values
        page.context.clear_cookies()
        if role != "anonymous":
            page.context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": sessions[role],
                        "domain": host,
                        "path": "/",
                    }
                ]
            )
        url = path.format(**world)
        if not _is_page(url, users.get(role)):
            continue
        page.goto(live_server.url + url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        squeezed = page.evaluate(SQUEEZED)
        if overflow > 0 or squeezed:
            problems.append((path, role, overflow, squeezed[:3]))
    assert problems == [], "\n".join(map(str, problems))
