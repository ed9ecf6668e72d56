"""The files of a proposal: refused files are named beside their field (the checks
themselves are tested in tests/portal/test_uploads.py), and accepted files are served only
to those who see the proposal, with safe headers."""

import pytest
from django.urls import reverse

from projects.forms import FilesForm
from projects.models import Attachment
from tests import factories
from tests.projects.proposal_data import html_as_pdf_file, pdf_file, png_file, svg_file

# --- The files part of the form ----------------------------------------------------------------


@pytest.mark.django_db
def test_files_form_reports_each_refused_file_beside_its_field(media):
    form = FilesForm(
        {"files-image_alt": "説明"},
        {"files-file_bylaws": html_as_pdf_file(), "files-image": svg_file()},
        prefix="files",
        form_code="patronage",
        max_bytes=10_000,
        image_max_bytes=10_000,
    )
    assert not form.is_valid()
    assert "HTML" in form.errors["file_bylaws"][0]
    assert "SVG" in form.errors["image"][0]


# --- Serving -------------------------------------------------------------------------------------


@pytest.fixture
def proposal_with_files(media, member, organization):
    project = factories.make_project(lead_organization=organization, status="draft")
    pdf = Attachment(
        project=project,
        kind="bylaws",
        original_name="会則 2026.pdf",
        content_type="application/pdf",
        size=10,
    )
    pdf.file.save("upload", pdf_file(), save=False)
    pdf.save()
    image = Attachment(
        project=project, kind="other", original_name="会場.png", content_type="image/png", size=10
    )
    image.file.save("upload", png_file(), save=False)
    image.save()
    return project, pdf, image


def test_attachment_is_stored_outside_media_root_under_a_random_name(proposal_with_files, media):
    _project, pdf, _image = proposal_with_files
    path = media / "private" / pdf.file.name
    assert path.exists()
    assert pdf.file.name.endswith(".pdf") and "会則" not in pdf.file.name
    assert not (media / "media").exists() or not any((media / "media").rglob("*.pdf"))


def test_member_downloads_document_as_attachment_with_safe_headers(
    client, member, proposal_with_files
):
    project, pdf, _image = proposal_with_files
    client.force_login(member)
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_verified_image_is_served_inline(client, member, proposal_with_files):
    project, _pdf, image = proposal_with_files
    client.force_login(member)
    response = client.get(reverse("projects:attachment", args=[project.pk, image.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["anonymous", "citizen", "other_member"])
def test_outsiders_get_404_for_attachments(client, request, who, proposal_with_files):
    project, pdf, _image = proposal_with_files
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 404


def test_attachments_stay_private_once_the_project_is_published(
    client, citizen, proposal_with_files
):
    project, pdf, _image = proposal_with_files
    project.status = "published"
    project.save()
    client.force_login(citizen)
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 404


def test_coordinating_staff_may_download_attachments(
    client, coordinating_staff, proposal_with_files
):
    project, pdf, _image = proposal_with_files
    client.force_login(coordinating_staff)
    response = client.get(reverse("projects:attachment", args=[project.pk, pdf.pk]))
    assert response.status_code == 200


def test_attachment_of_another_project_is_not_served_through_this_one(
    client, member, organization, proposal_with_files
):
    _project, pdf, _image = proposal_with_files
    other = factories.make_project(lead_organization=organization, status="draft")
    client.force_login(member)
    response = client.get(reverse("projects:attachment", args=[other.pk, pdf.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_image_help_names_the_size_limit():
    form = FilesForm(prefix="files", form_code="cohosting", image_max_bytes=5 * 1024 * 1024)
    assert "5.0\xa0MB" in str(form.fields["image"].help_text)
