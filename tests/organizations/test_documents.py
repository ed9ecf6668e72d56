"""An organisation keeps its documents once (規約・会則, 役員名簿, …): uploaded by its members
on its management pages, through the portal's upload rules, private."""

import datetime

import pytest
from django.utils import timezone

from organizations.models import StandingDocument
from tests import factories
from tests.projects.proposal_data import pdf_file, svg_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _post(client, organization, upload, days=365, kind="bylaws"):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return client.post(
        f"/organizations/{organization.pk}/documents/",
        {
            "kind": kind,
            "file": upload,
            "valid_until_0": day.year,
            "valid_until_1": day.month,
            "valid_until_2": day.day,
        },
    )


def test_a_member_keeps_a_document_privately(client, member, organization, private_media):
    client.force_login(member)
    assert _post(client, organization, pdf_file("会則 令和8年.pdf")).status_code == 302
    document = StandingDocument.objects.get()
    assert (document.kind, document.original_name, document.uploaded_by) == (
        "bylaws",
        "会則 令和8年.pdf",
        member,
    )
    assert (private_media / document.file.name).exists()
    assert "会則" not in document.file.name
    page = client.get(f"/organizations/{organization.pk}/documents/").content.decode()
    assert "会則 令和8年.pdf" in page
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_documents_follow_the_upload_rules(client, member, organization):
    client.force_login(member)
    response = _post(client, organization, svg_file())
    assert response.status_code == 200
    assert not StandingDocument.objects.exists()


def test_the_valid_until_date_is_not_in_the_past(client, member, organization):
    client.force_login(member)
    response = _post(client, organization, pdf_file(), days=-1)
    assert "今日以降の日付を入力してください" in response.content.decode()
    assert not StandingDocument.objects.exists()


def test_documents_are_never_public(client, member, organization, other_member):
    client.force_login(member)
    _post(client, organization, pdf_file("役員名簿.pdf"), kind="officers")
    document = StandingDocument.objects.get()
    client.logout()
    assert "役員名簿.pdf" not in client.get(f"/organizations/{organization.pk}/").content.decode()
    assert client.get(document.get_absolute_url()).status_code == 302  # to the login page
    client.force_login(other_member)
    assert client.get(document.get_absolute_url()).status_code == 403


def test_a_member_removes_a_document(
    client, member, organization, private_media, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _post(client, organization, pdf_file())
    document = StandingDocument.objects.get()
    stored = private_media / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organizations/{organization.pk}/documents/{document.pk}/remove/")
    assert response.status_code == 302
    assert not StandingDocument.objects.exists()
    assert not stored.exists()


def test_another_organisations_document_is_not_found(client, member, organization):
    other = factories.make_organization(name="別の団体", members=[member])
    client.force_login(member)
    _post(client, other, pdf_file())
    document = StandingDocument.objects.get()
    assert client.get(f"/organizations/{organization.pk}/documents/{document.pk}/").status_code == (
        404
    )
