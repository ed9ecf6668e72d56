"""A proposal takes the organisation's kept documents (規約・会則, 役員名簿) instead of a new
upload: the required-document list is satisfied by choosing a valid one."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from organizations.models import StandingDocument
from projects.completeness import proposal_problems
from projects.models import Attachment, PatronageDetail
from tests import factories
from tests.projects.proposal_data import edit_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _kept(organization, kind="bylaws", days=365, name="会則.pdf"):
    return StandingDocument.objects.create(
        organization=organization,
        kind=kind,
        file=ContentFile(PDF, name="k.pdf"),
        original_name=name,
        content_type="application/pdf",
        size=len(PDF),
        valid_until=timezone.localdate() + datetime.timedelta(days=days),
    )


@pytest.fixture
def patronage(organization):
    project = factories.make_project(
        lead_organization=organization, status="draft", form="patronage"
    )
    PatronageDetail.objects.create(
        project=project,
        event_name="防災講演会",
        event_date=timezone.localdate() + datetime.timedelta(days=90),
        venue="市民会館",
        name_on_web=True,
    )
    return project


def test_the_editor_offers_the_valid_kept_documents_of_the_kind(
    client, member, organization, patronage
):
    valid = _kept(organization)
    _kept(organization, days=-1, name="古い会則.pdf")
    _kept(factories.make_organization(name="別の団体"), name="他団体の会則.pdf")
    client.force_login(member)
    page = client.get(reverse("projects:proposal_edit", args=[patronage.pk]))
    field = page.context["forms"]["files"].fields["use_bylaws"]
    assert list(field.queryset) == [valid]
    body = page.content.decode()
    assert "規約・会則: 団体の書類から選ぶ" in body
    assert "古い会則.pdf" not in body and "他団体の会則.pdf" not in body
    assert "use_officers" not in page.context["forms"]["files"].fields


def test_choosing_a_kept_document_attaches_a_copy_and_satisfies_the_list(
    client, member, organization, patronage
):
    kept = _kept(organization)
    client.force_login(member)
    url = reverse("projects:proposal_edit", args=[patronage.pk])
    page = client.get(url)
    messages = [problem.message for problem in proposal_problems(patronage)]
    assert "「規約・会則」のファイルを添付してください。" in messages
    response = client.post(url, {**edit_data(page), "files-use_bylaws": str(kept.pk)})
    assert response.status_code == 302
    attachment = Attachment.objects.current().get(project=patronage, kind="bylaws")
    assert attachment.original_name == "会則.pdf"
    assert attachment.file.name != kept.file.name  # the proposal's own copy
    with attachment.file.open("rb") as copy:
        assert copy.read() == PDF
    messages = [problem.message for problem in proposal_problems(patronage)]
    assert "「規約・会則」のファイルを添付してください。" not in messages


def test_another_organisations_document_cannot_be_chosen(client, member, organization, patronage):
    _kept(organization)
    foreign = _kept(factories.make_organization(name="別の団体"))
    client.force_login(member)
    url = reverse("projects:proposal_edit", args=[patronage.pk])
    page = client.get(url)
    response = client.post(url, {**edit_data(page), "files-use_bylaws": str(foreign.pk)})
    assert response.status_code == 200
    assert not Attachment.objects.filter(project=patronage).exists()


def test_staff_of_the_proposal_see_the_attached_copy(
    client, member, organization, patronage, coordinating_staff, citizen
):
    kept = _kept(organization)
    client.force_login(member)
    url = reverse("projects:proposal_edit", args=[patronage.pk])
    client.post(url, {**edit_data(client.get(url)), "files-use_bylaws": str(kept.pk)})
    attachment = Attachment.objects.get(project=patronage, kind="bylaws")
    client.force_login(coordinating_staff)
    assert client.get(attachment.get_absolute_url()).status_code == 200
    # The organisation's own copy is its members' only.
    assert client.get(kept.get_absolute_url()).status_code == 403
    client.force_login(citizen)
    assert client.get(attachment.get_absolute_url()).status_code == 404
