"""A new version of a document replaces the one before: the proposal and the staff file show
the current one, marked as the latest, with the earlier versions kept and listed; その他 adds
a document beside the others."""

import pytest
from django.urls import reverse

from projects.models import Attachment
from tests import factories
from tests.projects.proposal_data import pdf_file
from tests.projects.test_proposals_hostile import post_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member, organization, media):
    client.force_login(member)
    return client


@pytest.fixture
def draft(organization):
    return factories.make_project(lead_organization=organization, status="draft", form="patronage")


def test_a_new_version_replaces_the_one_before(signed_in, draft):
    post_edit(signed_in, draft, **{"files-file_bylaws": pdf_file("会則_第1版.pdf")})
    post_edit(signed_in, draft, **{"files-file_bylaws": pdf_file("会則_第2版.pdf")})
    first, second = Attachment.objects.filter(project=draft, kind="bylaws").order_by("pk")
    assert first.replaced_by == second and first.replaced_at is not None
    assert second.replaced_at is None
    assert list(draft.attachments.current().filter(kind="bylaws")) == [second]
    page = signed_in.get(reverse("projects:proposal_detail", args=[draft.pk])).content.decode()
    assert page.index("会則_第2版.pdf") < page.index("以前の版(1件)") < page.index("会則_第1版.pdf")
    assert "最新の版" in page
    # The earlier version can still be opened by those who may read the proposal.
    assert signed_in.get(first.get_absolute_url()).status_code == 200
    # その他 adds beside, replacing nothing.
    post_edit(signed_in, draft, **{"files-file_other": pdf_file("参考資料A.pdf")})
    post_edit(signed_in, draft, **{"files-file_other": pdf_file("参考資料B.pdf")})
    assert draft.attachments.current().filter(kind="other").count() == 2


def test_the_staff_file_shows_the_current_version_first(
    signed_in, draft, coordinating_staff, client
):
    post_edit(signed_in, draft, **{"files-file_bylaws": pdf_file("会則_旧.pdf")})
    post_edit(signed_in, draft, **{"files-file_bylaws": pdf_file("会則_新.pdf")})
    draft.status = "submitted"
    draft.save()
    client.force_login(coordinating_staff)
    page = client.get(f"/staff/projects/{draft.pk}/").content.decode()
    assert page.index("会則_新.pdf") < page.index("会則_旧.pdf")
    assert "以前の版(1件)" in page
