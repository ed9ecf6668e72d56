"""The 確認画面: everything a proposal will send and what it lacks; nothing is submitted
until the applicant confirms on it."""

import pytest
from django.core import mail
from django.urls import reverse

from projects import lifecycle
from projects.models import Attachment, Project
from tests import factories
from tests.projects.proposal_data import confirm_submit, pdf_file, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, member, media):
    client.force_login(member)
    return client


def review_url(project):
    return reverse("projects:proposal_review", args=[project.pk])


@pytest.fixture
def proposal(organization, member):
    project = factories.make_proposal(
        lead_organization=organization, title="川の清掃", place="新河岸川の河川敷"
    )
    factories.make_partner(project, name="地区の町会", role="当日の受付")
    factories.make_event(project, title="清掃の日", place="河川敷広場")
    attachment = Attachment(
        project=project,
        kind="outline",
        original_name="要項.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=member,
    )
    attachment.file.save("upload", pdf_file(), save=False)
    attachment.save()
    return project


def test_review_screen_shows_everything_that_will_be_sent(signed_in, proposal):
    page = signed_in.get(review_url(proposal)).content.decode()
    assert "提出内容の確認" in page
    for text in (
        "川の清掃",
        "テスト用の協働事業の概要です。",
        "新河岸川の河川敷",
        "会場費は市、講師謝礼は団体が負担します。",  # the form's own part
        "地区の町会",
        "当日の受付",
        "清掃の日",
        "要項.pdf",
        "事前チェックの回答",
        "必要な項目はそろっています。",
        "この内容で提出する",
    ):
        assert text in page, text


def test_opening_the_review_screen_submits_nothing(signed_in, proposal):
    signed_in.get(review_url(proposal))
    response = signed_in.post(reverse("projects:proposal_submit", args=[proposal.pk]))
    assert response["Location"] == review_url(proposal)
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    assert proposal.receipt_number is None
    assert not proposal.transitions.exists()
    assert mail.outbox == []


def test_confirming_submits_and_gives_the_receipt_number(
    signed_in, proposal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_submit(signed_in, proposal, follow=True)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert proposal.receipt_number == "共催-R7-0001"
    assert "受付番号は 共催-R7-0001 です" in response.content.decode()
    assert proposal.transitions.get().action == "submit"


def test_a_proposal_changed_after_the_review_is_shown_again(signed_in, proposal):
    signed_in.get(review_url(proposal))
    response = signed_in.post(review_url(proposal), {"reviewed": "2000-01-01T00:00:00+00:00"})
    assert response["Location"] == review_url(proposal)
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_missing_items_link_to_their_fields_and_there_is_no_confirm_button(signed_in, organization):
    project = factories.make_proposal(lead_organization=organization, purpose="", safety_plan="")
    page = signed_in.get(review_url(project)).content.decode()
    edit = reverse("projects:proposal_edit", args=[project.pk]) + "?check=1"
    assert f'href="{edit}#id_purpose"' in page
    assert f'href="{edit}#id_safety_plan"' in page
    assert "あと2件の入力が必要です" in page
    assert 'name="reviewed"' not in page  # no confirm button while something is missing
    response = confirm_submit(signed_in, project)
    assert response["Location"] == review_url(project)
    project.refresh_from_db()
    assert project.status == "draft"


def test_the_save_and_submit_button_of_the_editor_leads_to_the_review_screen(
    signed_in, organization
):
    create = reverse("projects:proposal_create") + "?form=cohosting"
    signed_in.post(create, proposal_data("cohosting", organization))
    project = Project.objects.latest("pk")
    data = proposal_data("cohosting", action="submit", **{"partners-TOTAL_FORMS": "0"})
    response = signed_in.post(reverse("projects:proposal_edit", args=[project.pk]), data)
    assert response["Location"] == review_url(project)
    project.refresh_from_db()
    assert project.status == "draft"


def test_the_proposal_page_leads_to_the_review_screen(signed_in, proposal):
    page = signed_in.get(reverse("projects:proposal_detail", args=[proposal.pk])).content.decode()
    assert f'href="{review_url(proposal)}"' in page


def test_a_resubmission_shows_what_changed_and_needs_the_note(
    signed_in, proposal, coordinating_staff
):
    confirm_submit(signed_in, proposal)
    lifecycle.apply(proposal, "return", actor=coordinating_staff, comment="場所を詳しく")
    Project.objects.filter(pk=proposal.pk).update(place="新河岸川の河川敷(富士見橋の下流)")
    page = signed_in.get(review_url(proposal)).content.decode()
    assert "再提出する内容の確認" in page
    assert "前回の提出から変わった項目" in page
    assert "富士見橋の下流" in page
    assert 'name="comment"' in page
    response = confirm_submit(signed_in, proposal, comment="")
    assert response.status_code == 400
    assert "変更した点" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "returned"
    confirm_submit(signed_in, proposal, comment="場所を書き足しました")
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_a_submitted_proposal_has_no_review_screen(signed_in, proposal):
    confirm_submit(signed_in, proposal)
    response = signed_in.get(review_url(proposal))
    assert response["Location"] == reverse("projects:proposal_detail", args=[proposal.pk])
    assert confirm_submit(signed_in, proposal).status_code == 302
    assert proposal.transitions.count() == 1
