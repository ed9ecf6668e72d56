"""The desk works in the English interface too (the catalogue may lag behind: no 500)."""

import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_pages_render_in_english(client, coordinating_staff, organization):
    project = factories.make_project(lead_organization=organization, status="submitted")
    client.force_login(coordinating_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for path in (
        "/staff/",
        "/staff/projects/",
        f"/staff/projects/{project.pk}/",
        f"/staff/projects/{project.pk}/edit/",
        "/staff/projects/new/",
        f"/staff/organizations/{organization.pk}/",
        "/staff/figures/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content.decode().count('<html lang="en"') == 1, path
