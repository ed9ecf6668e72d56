"""The public and private data every open-data and feed test starts from."""

import datetime

import pytest

from tests import factories


@pytest.fixture
def public_and_private():
    organization = factories.make_organization(
        name="公開団体", representative_phone="090-0000-1111", public_phone="049-000-0001"
    )
    public = factories.make_project(title="公開の事業", lead_organization=organization)
    factories.make_event(
        public,
        title="公開の説明会",
        starts_on=datetime.date(2027, 1, 10),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        address="ふじみ野市福岡1-1-1",
        latitude="35.879500",
        longitude="139.519700",
    )
    hidden = factories.make_project(title="非公開の事業", is_hidden=True)
    factories.make_event(hidden, title="非公開の説明会")
    draft = factories.make_project(title="下書きの事業", status="draft")
    factories.make_event(draft, title="下書きの説明会")
    factories.make_organization(name="審査待ちの会", status="pending")
    return public
