"""The staff lists show everything until a filter narrows them."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_project_list_without_filters_shows_every_project(client, coordinating_staff):
    draft = factories.make_project(title="下書きの提案", status="draft")
    published = factories.make_project(title="公開中の事業")
    client.force_login(coordinating_staff)
    body = client.get("/staff/projects/").content.decode()
    assert draft.title in body
    assert published.title in body


def test_organization_list_without_filters_shows_every_organisation(client, coordinating_staff):
    factories.make_organization(name="審査待ちの会", status="pending")
    factories.make_organization(name="承認済みの会")
    client.force_login(coordinating_staff)
    body = client.get("/staff/organizations/").content.decode()
    assert "審査待ちの会" in body
    assert "承認済みの会" in body
