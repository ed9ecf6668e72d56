"""「行を追加する」 without the script: the draft is saved and the page comes back with one
more empty row (the script adds the row on the page itself: tests/e2e/test_proposal_rows.py)."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.projects.test_proposals_hostile import post_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member, organization, media):
    client.force_login(member)
    return client


def total_forms(html, prefix):
    return int(re.search(rf'name="{prefix}-TOTAL_FORMS" value="(\d+)"', html).group(1))


@pytest.mark.parametrize(
    ("action", "prefix"), [("add_partner", "partners"), ("add_event", "events")]
)
def test_the_button_saves_and_adds_a_row(signed_in, organization, action, prefix):
    draft = factories.make_project(lead_organization=organization, status="draft", form="cohosting")
    url = reverse("projects:proposal_edit", args=[draft.pk])
    before = total_forms(signed_in.get(url).content.decode(), prefix)
    response = post_edit(signed_in, draft, title="行を足したい事業", action=action)
    assert response.status_code == 302
    assert response["Location"] == f"{url}?add={prefix}#section-{prefix}"
    draft.refresh_from_db()
    assert draft.title == "行を足したい事業"  # the draft was saved
    page = signed_in.get(f"{url}?add={prefix}").content.decode()
    assert total_forms(page, prefix) == before + 1
    # The page also holds the empty row the script copies.
    assert f'<template id="empty-{prefix}">' in page
    assert f"{prefix}-__prefix__-" in page
