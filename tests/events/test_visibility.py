"""An event is as public as its project: every other one answers 404 on its page and its
calendar file, and is absent from the list, its filters, the top page and the sitemap."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

PRIVATE = {
    "draft": lambda: factories.make_project(status="draft"),
    "submitted": lambda: factories.make_project(status="submitted"),
    "returned": lambda: factories.make_project(status="returned"),
    "rejected": lambda: factories.make_project(status="rejected"),
    "hidden": lambda: factories.make_project(is_hidden=True),
    "pending lead": lambda: factories.make_project(
        lead_organization=factories.make_organization(status="pending")
    ),
    "suspended lead": lambda: factories.make_project(
        lead_organization=factories.make_organization(status="suspended")
    ),
}


@pytest.fixture(params=list(PRIVATE))
def private_event(request):
    return factories.make_event(PRIVATE[request.param](), title="非公開の説明会")


def test_private_event_page_and_calendar_file_answer_404(client, private_event):
    assert client.get(f"/events/{private_event.pk}/").status_code == 404
    assert client.get(f"/events/{private_event.pk}/calendar.ics").status_code == 404


def test_private_event_is_not_in_the_lists_or_filters(client, private_event):
    project = private_event.project
    month = private_event.starts_on.strftime("%Y-%m")
    for query in (
        "",
        "?when=past",
        f"?month={month}",
        "?q=非公開",
        f"?form={project.form}",
        "?area=citywide",
        "?field=community-development",
    ):
        assert "非公開の説明会" not in client.get(f"/events/{query}").content.decode(), query


def test_private_event_is_not_on_the_top_page_or_in_the_sitemap(client, private_event):
    private_event.starts_on = private_event.starts_on.today()
    private_event.save()
    assert "非公開の説明会" not in client.get("/").content.decode()
    assert f"/events/{private_event.pk}/" not in client.get("/sitemap.xml").content.decode()


def test_public_event_is_listed_and_in_the_sitemap(client):
    event = factories.make_event(factories.make_project(), title="公開の説明会")
    assert "公開の説明会" in client.get("/events/").content.decode()
    assert f"/events/{event.pk}/" in client.get("/sitemap.xml").content.decode()
    assert "/events/</loc>" in client.get("/sitemap.xml").content.decode()


def test_a_staff_member_gets_404_too(client, private_event):
    """The event pages are public pages: no one sees a private event there."""
    client.force_login(factories.make_user("admin@example.jp", is_superuser=True, is_staff=True))
    assert client.get(f"/events/{private_event.pk}/").status_code == 404
