"""Uploaded images are served through views that check who may see them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from projects.models import Report, ReportPhoto
from tests import factories
from tests.files import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png(name="image.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_logo_of_an_approved_organisation_is_public(client):
    organization = factories.make_organization(logo=png("logo.png"))
    response = client.get(f"/organizations/{organization.pk}/logo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert (
        f"/organizations/{organization.pk}/logo/"
        in client.get(f"/organizations/{organization.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("extension", "content_type"), [("gif", "image/gif"), ("webp", "image/webp")]
)
def test_gif_and_webp_logos_are_served_as_what_they_are(client, extension, content_type):
    organization = factories.make_organization(logo=image_upload(extension, name=f"l.{extension}"))
    response = client.get(f"/organizations/{organization.pk}/logo/")
    assert response["Content-Type"] == content_type


def test_logo_of_a_pending_organisation_is_404_to_the_public(client, member):
    organization = factories.make_organization(status="pending", logo=png(), members=[member])
    assert client.get(f"/organizations/{organization.pk}/logo/").status_code == 404
    client.force_login(member)
    response = client.get(f"/organizations/{organization.pk}/logo/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_main_image_follows_the_projects_visibility(client, member, organization):
    public = factories.make_project(image=png(), image_alt="祭りの様子")
    draft = factories.make_project(lead_organization=organization, status="draft", image=png())
    assert client.get(f"/projects/{public.pk}/image/").status_code == 200
    assert f"/projects/{public.pk}/image/" in client.get(f"/projects/{public.pk}/").content.decode()
    assert client.get(f"/projects/{draft.pk}/image/").status_code == 404
    client.force_login(member)
    assert client.get(f"/projects/{draft.pk}/image/").status_code == 200


def test_report_photo_is_public_only_once_the_report_is_accepted(client, member, organization):
    project = factories.make_project(lead_organization=organization)
    report = Report.objects.create(project=project, activities="清掃活動", status="submitted")
    photo = ReportPhoto.objects.create(report=report, image=png(), alt="清掃の様子")
    url = f"/projects/{project.pk}/report/photos/{photo.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.logout()
    Report.objects.filter(pk=report.pk).update(status="accepted")
    assert client.get(url).status_code == 200
    assert url in client.get(f"/projects/{project.pk}/").content.decode()


def test_report_photo_of_another_project_is_404(client):
    project = factories.make_project()
    other = factories.make_project()
    report = Report.objects.create(project=project, activities="清掃活動", status="accepted")
    photo = ReportPhoto.objects.create(report=report, image=png(), alt="清掃の様子")
    assert client.get(f"/projects/{other.pk}/report/photos/{photo.pk}/").status_code == 404


def test_media_folder_is_not_served(client):
    organization = factories.make_organization(logo=png("logo.png"))
    assert client.get(f"/media/{organization.logo.name}").status_code == 404
