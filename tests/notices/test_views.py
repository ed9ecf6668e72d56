"""The documents' pages: printable, linked from the proposal page and the staff file, and
issued or reissued by hand by 協働推進課."""

import pytest
from django.utils import translation

from notices import services
from notices.models import IssuedDocument, Kind
from projects.models import PatronageDetail
from tests import factories
from tests.notices.helpers import pdf_text


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def approved_patronage(organization):
    project = factories.make_project(lead_organization=organization, form="patronage")
    PatronageDetail.objects.create(project=project, event_name="夏の講演会", venue="公民館")
    return project


@pytest.mark.django_db
def test_the_document_page_is_the_printable_notice(client, member, approved_patronage):
    document = services.document_issue(project=approved_patronage, kind=Kind.PATRONAGE_APPROVAL)
    client.force_login(member)

    response = client.get(f"/notices/{document.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<article class="official-document" lang="ja"' in html
    assert "<h1 " in html and "後援名義使用承認通知書</h1>" in html
    assert document.document_number in html
    assert "夏の講演会" in html
    assert f'href="/notices/{document.pk}/pdf/"' in html


@pytest.mark.django_db
def test_the_pdf_download_is_the_stored_file(client, member, approved_patronage, tmp_path):
    document = services.document_issue(project=approved_patronage, kind=Kind.APPLICATION)
    services.render_pdf(document)
    client.force_login(member)

    response = client.get(f"/notices/{document.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    document.refresh_from_db()
    with document.pdf.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


@pytest.mark.django_db
def test_a_document_is_written_in_japanese_whatever_the_staffs_language(approved_patronage):
    with translation.override("en"):
        document = services.document_issue(project=approved_patronage, kind=Kind.PATRONAGE_APPROVAL)
        text = pdf_text(services.render_pdf(document).pdf.read())

    assert "次の条件を付して承認します" in text
    assert document.values["conditions"][0] == "承認した行事以外に名義を使用しないこと。"


@pytest.mark.django_db
def test_another_organisations_member_gets_404(client, other_member, approved_patronage):
    document = services.document_issue(project=approved_patronage, kind=Kind.APPLICATION)
    client.force_login(other_member)

    assert client.get(f"/notices/{document.pk}/").status_code == 404
    assert client.get(f"/notices/{document.pk}/pdf/").status_code == 404


@pytest.mark.django_db
def test_the_application_page_of_a_draft_shows_what_it_says_now(client, member, organization):
    project = factories.make_proposal(lead_organization=organization, form="cooperation")
    client.force_login(member)

    response = client.get(f"/notices/projects/{project.pk}/application/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "協働事業申請書(事業協力)" in html
    assert "包括連携協定" in html
    assert project.title in html
    assert not IssuedDocument.objects.exists()


@pytest.mark.django_db
def test_the_proposal_page_links_to_the_documents(client, member, approved_patronage):
    document = services.document_issue(project=approved_patronage, kind=Kind.PATRONAGE_APPROVAL)
    client.force_login(member)

    html = client.get(f"/projects/{approved_patronage.pk}/proposal/").content.decode()

    assert f'href="/notices/{document.pk}/pdf/"' in html
    assert f'href="/notices/projects/{approved_patronage.pk}/application/"' in html
    # The organisation reads its documents; it does not issue them.
    assert "/reissue/" not in html


@pytest.mark.django_db
def test_the_staff_file_links_and_offers_the_kinds_to_issue(
    client, coordinating_staff, approved_patronage
):
    document = services.document_issue(project=approved_patronage, kind=Kind.PATRONAGE_APPROVAL)
    client.force_login(coordinating_staff)

    html = client.get(f"/staff/projects/{approved_patronage.pk}/").content.decode()

    assert f'href="/notices/{document.pk}/pdf/"' in html
    assert f'action="/notices/{document.pk}/reissue/"' in html
    assert '<option value="patronage_approval">' in html
    assert '<option value="patronage_refusal">' not in html


@pytest.mark.django_db
def test_staff_issue_a_document_by_hand(client, coordinating_staff, approved_patronage):
    client.force_login(coordinating_staff)

    response = client.post(
        f"/notices/projects/{approved_patronage.pk}/issue/", {"kind": "patronage_approval"}
    )

    assert response.status_code == 302
    document = IssuedDocument.objects.get()
    assert document.kind == Kind.PATRONAGE_APPROVAL
    assert document.issued_by == coordinating_staff
    assert document.transition is None


@pytest.mark.django_db
def test_a_kind_the_project_cannot_have_is_refused_with_a_message(
    client, coordinating_staff, approved_patronage
):
    client.force_login(coordinating_staff)

    response = client.post(
        f"/notices/projects/{approved_patronage.pk}/issue/",
        {"kind": "subsidy_grant"},
        follow=True,
    )

    assert response.status_code == 200
    assert "この文書は発行できません" in response.content.decode()
    assert not IssuedDocument.objects.exists()


@pytest.mark.django_db
def test_staff_reissue_and_the_old_one_says_it_was_replaced(
    client, coordinating_staff, approved_patronage
):
    old = services.document_issue(project=approved_patronage, kind=Kind.PATRONAGE_APPROVAL)
    client.force_login(coordinating_staff)

    client.post(f"/notices/{old.pk}/reissue/")
    again = client.post(f"/notices/{old.pk}/reissue/", follow=True)

    new = IssuedDocument.objects.get(reissue_of=old)
    assert IssuedDocument.objects.count() == 2
    assert "すでに再発行されています" in again.content.decode()
    html = client.get(f"/notices/{old.pk}/").content.decode()
    assert f"新しい文書番号: {new.document_number}" in html


@pytest.mark.django_db
def test_a_member_may_not_issue(client, member, approved_patronage):
    client.force_login(member)

    response = client.post(
        f"/notices/projects/{approved_patronage.pk}/issue/", {"kind": "application"}
    )

    assert response.status_code == 403
    assert not IssuedDocument.objects.exists()


@pytest.mark.django_db
def test_a_pdf_that_cannot_be_made_is_explained_in_japanese(
    client, member, approved_patronage, monkeypatch
):
    document = services.document_issue(project=approved_patronage, kind=Kind.APPLICATION)

    def broken(document):
        raise OSError("Pango is missing")

    monkeypatch.setattr(services, "render_pdf", broken)
    client.force_login(member)

    response = client.get(f"/notices/{document.pk}/pdf/", follow=True)

    assert response.status_code == 200
    assert "PDFを作成できませんでした" in response.content.decode()
