"""The top page answers "what can I join": events taking sign-ups and open volunteer
requests, before the explanation of 協働."""

import datetime

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_top_page_lists_open_signups_and_requests_before_kyodo(client, organization):
    today = timezone.localdate()
    project = factories.make_project(lead_organization=organization)
    taking = factories.make_event(
        project, title="申込できる講座", starts_on=today + datetime.timedelta(days=40)
    )
    factories.make_signup(taking)
    closed = factories.make_event(
        project, title="締切の講座", starts_on=today + datetime.timedelta(days=41)
    )
    factories.make_signup(closed, is_open=False)
    factories.make_volunteer_request(organization, role="募集中の係")
    factories.make_volunteer_request(organization, role="終了した係", is_open=False)
    pending = factories.make_organization(status="pending")
    factories.make_volunteer_request(pending, role="承認待ちの係")
    page = client.get("/").content.decode()
    join = page.index("参加申込を受付中のイベント")
    assert join < page.index('id="kyodo-title"')
    assert "申込できる講座" in page[join:]
    assert "締切の講座" not in page
    assert "募集中の係" in page
    assert "終了した係" not in page and "承認待ちの係" not in page
