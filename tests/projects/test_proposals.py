"""Proposing a project: create in every form, save drafts, submit, freeze, return and
resubmit, withdraw; the 後援 lead time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from principles.models import ChecklistItem, SelfCheckAnswer
from projects import lifecycle
from projects.models import Attachment, Form, PatronageDetail, Project, Transition
from tests import factories
from tests.files import assert_without_metadata, photo_with_gps
from tests.projects.proposal_data import (
    confirm_submit,
    office_file,
    pdf_file,
    png_file,
    proposal_data,
)

pytestmark = pytest.mark.django_db


def create_url(form_code):
    return reverse("projects:proposal_create") + f"?form={form_code}"


def edit_url(project):
    return reverse("projects:proposal_edit", args=[project.pk])


def attach_required_files(project, user):
    """What a 後援 needs: the four documents."""
    for kind in ("bylaws", "officers", "outline", "budget"):
        attachment = Attachment(
            project=project,
            kind=kind,
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=user,
        )
        attachment.file.save("upload", pdf_file(), save=False)
        attachment.save()


@pytest.fixture
def signed_in(client, member, organization, media):
    client.force_login(member)
    return client


def create(client, form_code, organization, **overrides):
    response = client.post(
        create_url(form_code), proposal_data(form_code, organization, **overrides)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Project.objects.latest("pk")


# --- Starting ------------------------------------------------------------------------------------


def test_start_page_lists_the_six_forms(signed_in):
    response = signed_in.get(reverse("projects:proposal_create"))
    assert response.status_code == 200
    for form in Form:
        assert f'value="{form.value}"' in response.content.decode()


def test_form_page_shows_the_chosen_forms_own_fields(signed_in):
    response = signed_in.get(create_url("patronage"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="detail-event_name"' in content
    assert 'name="detail-event_date_0"' in content
    assert "※必須" in content and "※任意" in content


def test_fiscal_year_starts_as_the_current_one(signed_in):
    from portal.wareki import current_fiscal_year

    content = signed_in.get(create_url("cohosting")).content.decode()
    assert f'<option value="{current_fiscal_year()}" selected>' in content
    assert current_fiscal_year(datetime.date(2026, 3, 31)) == 2025
    assert current_fiscal_year(datetime.date(2026, 4, 1)) == 2026


def test_unknown_form_code_shows_the_choice_again_with_an_error(signed_in):
    response = signed_in.get(reverse("projects:proposal_create") + "?form=bogus")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


# --- Creating in every form ----------------------------------------------------------------------


@pytest.mark.parametrize("form_code", [form.value for form in Form])
def test_every_form_can_be_created_and_submitted(signed_in, member, organization, form_code):
    project = create(signed_in, form_code, organization)
    assert project.form == form_code
    assert project.status == "draft"
    assert project.lead_organization == organization
    assert project.created_by == member
    assert project.form_detail() is not None
    assert project.partners.count() == 1
    assert SelfCheckAnswer.objects.filter(project=project).count() == (
        ChecklistItem.objects.filter(is_active=True).count()
    )
    if form_code == "patronage":
        attach_required_files(project, member)
    response = confirm_submit(signed_in, project)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "submitted"
    assert project.submitted_at is not None
    transition = Transition.objects.get(project=project)
    assert (transition.action, transition.actor) == ("submit", member)


def test_form_specific_data_is_stored(signed_in, organization):
    project = create(signed_in, "subsidy", organization)
    assert project.subsidy.requested_amount == 150000  # typed as 「150,000」
    patronage = create(signed_in, "patronage", organization)
    assert patronage.patronage.event_name == "ふじみ野こども防災フェア"
    assert patronage.patronage.name_on_poster and not patronage.patronage.name_on_web


def test_member_of_several_organisations_chooses_which_one_proposes(client, member, media):
    first = factories.make_organization(members=[member])
    second = factories.make_organization(members=[member])
    client.force_login(member)
    content = client.get(create_url("cohosting")).content.decode()
    assert first.name in content and second.name in content
    project = create(client, "cohosting", second)
    assert project.lead_organization == second


def test_pending_organisation_is_not_offered(client, member, media):
    factories.make_organization(status="pending", members=[member])
    client.force_login(member)
    response = client.get(create_url("cohosting"))
    assert "承認を受けた団体のメンバー" in response.content.decode()


# --- Drafts --------------------------------------------------------------------------------------


def test_draft_is_saved_with_almost_nothing_filled_in(signed_in, organization):
    data = {
        "lead_organization": str(organization.pk),
        "title": "まだ途中の提案",
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "1",
        "events-INITIAL_FORMS": "0",
    }
    response = signed_in.post(create_url("patronage"), data)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.title == "まだ途中の提案"
    assert project.status == "draft"
    assert project.patronage.event_date is None
    assert response["Location"] == edit_url(project)


def test_draft_can_be_edited_and_saved_again(signed_in, organization):
    project = create(signed_in, "commission", organization)
    data = proposal_data("commission", title="名前を変えた提案")
    data.update({"partners-TOTAL_FORMS": "1", "partners-INITIAL_FORMS": "0"})
    data.pop("partners-0-name")
    data.pop("partners-0-role")
    response = signed_in.post(edit_url(project), {**data, "action": "save"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "名前を変えた提案"
    assert project.status == "draft"


def test_incomplete_draft_cannot_be_submitted_and_the_page_says_what_is_missing(
    signed_in, organization
):
    project = create(
        signed_in, "cohosting", organization, summary="", **{"detail-cost_sharing": ""}
    )
    response = confirm_submit(signed_in, project)
    review_url = reverse("projects:proposal_review", args=[project.pk])
    assert response.status_code == 302
    assert response["Location"] == review_url
    project.refresh_from_db()
    assert project.status == "draft"
    # The 確認画面 lists what is missing, each item a link to its field in the editor.
    page = signed_in.get(review_url).content.decode()
    assert "提出するには、この項目の入力が必要です。" in page
    assert f'href="{edit_url(project)}?check=1#id_summary"' in page
    assert f'href="{edit_url(project)}?check=1#id_detail-cost_sharing"' in page
    page = signed_in.get(edit_url(project) + "?check=1").content.decode()
    assert 'href="#id_summary"' in page


def test_submit_requires_an_answer_for_every_active_self_check_item(signed_in, organization):
    item = ChecklistItem.objects.filter(is_active=True).first()
    project = create(signed_in, "cohosting", organization, **{f"check-answer_{item.pk}": ""})
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "draft"
    page = signed_in.get(edit_url(project) + "?check=1").content.decode()
    assert f'href="#id_check-answer_{item.pk}_0"' in page


def test_inactive_self_check_items_are_not_asked(signed_in, organization):
    item = ChecklistItem.objects.filter(is_active=True).first()
    item.is_active = False
    item.save()
    project = create(signed_in, "cohosting", organization)
    assert f'name="check-answer_{item.pk}"' not in signed_in.get(edit_url(project)).content.decode()
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "submitted"


def test_committee_needs_member_organisations_to_be_submitted(signed_in, organization):
    data = proposal_data("committee", organization)
    data["partners-TOTAL_FORMS"] = "0"
    signed_in.post(create_url("committee"), data)
    project = Project.objects.get()
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "draft"


def test_save_and_submit_from_the_edit_page(signed_in, organization):
    project = create(signed_in, "cooperation", organization)
    data = proposal_data("cooperation", title="保存して提出", action="submit")
    data.update({"partners-TOTAL_FORMS": "0"})
    response = signed_in.post(edit_url(project), data)
    # Saved, and shown on the 確認画面: nothing is submitted until the applicant confirms.
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:proposal_review", args=[project.pk])
    project.refresh_from_db()
    assert (project.title, project.status) == ("保存して提出", "draft")
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "submitted"


# --- 後援: the application must arrive in time -----------------------------------------------------


def patronage_with_event_in(client, organization, member, days):
    event_date = timezone.localdate() + datetime.timedelta(days=days)
    project = create(client, "patronage", organization, event_date=event_date)
    attach_required_files(project, member)
    return project


def test_patronage_submitted_in_time_is_accepted(signed_in, organization, member):
    project = patronage_with_event_in(signed_in, organization, member, 30)
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "submitted"


def test_patronage_submitted_too_late_is_refused_with_a_clear_message(
    signed_in, organization, member
):
    project = patronage_with_event_in(signed_in, organization, member, 29)
    response = confirm_submit(signed_in, project, follow=True)
    project.refresh_from_db()
    assert project.status == "draft"
    content = response.content.decode()
    assert "開催日の30日前" in content
    assert "提出できません" in content


def test_patronage_too_late_can_still_be_saved_as_a_draft(signed_in, organization):
    event_date = timezone.localdate() + datetime.timedelta(days=5)
    project = create(signed_in, "patronage", organization, event_date=event_date)
    assert project.patronage.event_date == event_date


def test_patronage_lead_time_follows_the_setting(signed_in, organization, member, settings):
    settings.PATRONAGE_APPLICATION_LEAD_DAYS = 10
    project = patronage_with_event_in(signed_in, organization, member, 12)
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "submitted"


@pytest.mark.parametrize("stored", [datetime.date(1, 1, 5), datetime.date(1900, 1, 1)])
def test_patronage_with_a_stored_event_date_long_past_is_refused_not_an_error(
    signed_in, organization, member, stored
):
    project = patronage_with_event_in(signed_in, organization, member, 60)
    PatronageDetail.objects.filter(project=project).update(event_date=stored)
    response = confirm_submit(signed_in, project, follow=True)
    project.refresh_from_db()
    assert project.status == "draft"
    assert "提出できません" in response.content.decode()


def test_patronage_without_its_four_documents_cannot_be_submitted(signed_in, organization):
    project = create(signed_in, "patronage", organization)
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "draft"
    page = signed_in.get(edit_url(project) + "?check=1").content.decode()
    for label in ("規約・会則", "役員名簿", "開催要項", "収支予算書"):
        assert f"「{label}」のファイルを添付してください。" in page


def test_returned_patronage_keeps_the_date_it_first_arrived(
    signed_in, organization, member, coordinating_staff
):
    project = patronage_with_event_in(signed_in, organization, member, 31)
    confirm_submit(signed_in, project)
    lifecycle.apply(project, "return", actor=coordinating_staff, comment="予算書を直してください")
    # Ten days later the event is 21 days away, but the application arrived 31 days before.
    Transition.objects.filter(project=project, action="submit").update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    project.patronage.event_date = timezone.localdate() + datetime.timedelta(days=21)
    project.patronage.save()
    confirm_submit(signed_in, project, comment="予算書を直しました")
    project.refresh_from_db()
    assert project.status == "submitted"


# --- Files through the form --------------------------------------------------------------------------


def test_attachment_and_image_are_uploaded_with_the_form(signed_in, organization, member):
    project = create(signed_in, "patronage", organization)
    data = proposal_data("patronage")
    data.update(
        {
            "partners-TOTAL_FORMS": "0",
            "files-file_bylaws": pdf_file("会則.pdf"),
            "files-file_officers": office_file("xlsx", "役員名簿.xlsx"),
            "files-image": png_file(),
            "files-image_alt": "花を植える参加者",
        }
    )
    response = signed_in.post(edit_url(project), data)
    assert response.status_code == 302
    project.refresh_from_db()
    names = sorted(project.attachments.values_list("original_name", flat=True))
    assert names == ["会則.pdf", "役員名簿.xlsx"]
    assert project.image.name.endswith(".png")
    assert project.image_alt == "花を植える参加者"
    image = signed_in.get(reverse("projects:proposal_image", args=[project.pk]))
    assert image["Content-Type"] == "image/png"


def test_main_image_is_stored_upright_without_its_gps_under_a_random_name(signed_in, organization):
    project = create(signed_in, "cohosting", organization)
    data = proposal_data("cohosting")
    data.update(
        {
            "partners-TOTAL_FORMS": "0",
            "files-image": photo_with_gps("IMG_0001.JPG", size=(60, 30)),
            "files-image_alt": "花を植える参加者",
        }
    )
    assert signed_in.post(edit_url(project), data).status_code == 302
    project.refresh_from_db()
    assert project.image.name.startswith("projects/images/")
    assert project.image.name.endswith(".jpg") and "IMG_0001" not in project.image.name
    size, image_format = assert_without_metadata(project.image)
    assert (size, image_format) == ((30, 60), "JPEG")


def test_fiscal_year_typed_in_wareki_is_understood(signed_in, organization):
    project = create(signed_in, "cohosting", organization, fiscal_year="令和9年度")
    assert project.fiscal_year == 2027


def test_attachment_can_be_removed_while_draft(signed_in, organization, member):
    project = create(signed_in, "patronage", organization)
    attach_required_files(project, member)
    attachment = project.attachments.first()
    data = proposal_data("patronage", **{"partners-TOTAL_FORMS": "0"})
    data["files-remove_attachments"] = [str(attachment.pk)]
    signed_in.post(edit_url(project), data)
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_image_without_description_cannot_be_submitted(signed_in, organization):
    project = create(signed_in, "cohosting", organization)
    data = proposal_data("cohosting", **{"partners-TOTAL_FORMS": "0"})
    data["files-image"] = png_file()
    signed_in.post(edit_url(project), data)
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "draft"


# --- Freezing, returning, resubmitting, withdrawing --------------------------------------------


@pytest.fixture
def submitted(signed_in, organization):
    project = create(signed_in, "cohosting", organization)
    confirm_submit(signed_in, project)
    project.refresh_from_db()
    assert project.status == "submitted"
    return project


def test_submitted_proposal_is_frozen(signed_in, submitted):
    page = signed_in.get(edit_url(submitted))
    assert page.status_code == 302
    data = proposal_data(
        "cohosting", title="提出後に変えようとした", **{"partners-TOTAL_FORMS": "0"}
    )
    response = signed_in.post(edit_url(submitted), data)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.title != "提出後に変えようとした"
    response = confirm_submit(signed_in, submitted)
    assert Transition.objects.filter(project=submitted, action="submit").count() == 1


def test_returned_proposal_shows_the_comment_and_is_edited_and_resubmitted(
    signed_in, submitted, coordinating_staff
):
    lifecycle.apply(
        submitted, "return", actor=coordinating_staff, comment="安全対策を詳しく書いてください"
    )
    page = signed_in.get(reverse("projects:proposal_detail", args=[submitted.pk])).content.decode()
    assert "安全対策を詳しく書いてください" in page
    data = proposal_data(
        "cohosting",
        safety_plan="救護所を2か所に置きます。",
        action="submit",
    )
    data["partners-TOTAL_FORMS"] = "0"
    response = signed_in.post(edit_url(submitted), data, follow=True)
    # The resubmission goes through the 確認画面: what changed, and the required note.
    page = response.content.decode()
    assert "再提出する内容の確認" in page
    assert "救護所を2か所に置きます。" in page
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    response = confirm_submit(signed_in, submitted)
    assert response.status_code == 400
    assert (
        "「変更した点」" in response.content.decode() or "変更した点" in response.content.decode()
    )
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    number = submitted.receipt_number
    confirm_submit(signed_in, submitted, comment="救護所の数を書きました")
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert submitted.receipt_number == number  # a resubmission keeps its number
    assert submitted.safety_plan == "救護所を2か所に置きます。"
    actions = list(submitted.transitions.values_list("action", flat=True))
    assert actions == ["submit", "return", "submit"]


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_proposal_can_be_withdrawn_while_undecided(
    signed_in, organization, state, coordinating_staff
):
    project = create(signed_in, "cohosting", organization)
    if state != "draft":
        confirm_submit(signed_in, project)
    if state == "returned":
        lifecycle.apply(project, "return", actor=coordinating_staff, comment="理由")
    url = reverse("projects:proposal_withdraw", args=[project.pk])
    assert signed_in.get(url).status_code == 200
    response = signed_in.post(url, {"comment": "会場が取れなかったため"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "withdrawn"
    assert project.transitions.last().comment == "会場が取れなかったため"


@pytest.mark.parametrize("reason", ["", "   ", "\u3000"])
def test_withdrawing_needs_a_reason_shown_beside_its_field(signed_in, organization, reason):
    project = create(signed_in, "cohosting", organization)
    url = reverse("projects:proposal_withdraw", args=[project.pk])
    response = signed_in.post(url, {"comment": reason})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_comment_error"' in content and 'aria-describedby="' in content
    assert "error-summary" in content
    project.refresh_from_db()
    assert project.status == "draft"


def test_staff_hide_a_project_only_with_a_reason_kept_in_the_history(
    client, coordinating_staff, organization
):
    project = factories.make_project(lead_organization=organization)
    client.force_login(coordinating_staff)
    client.post(f"/staff/projects/{project.pk}/actions/hide/", {"comment": ""})
    project.refresh_from_db()
    assert not project.is_hidden
    client.post(
        f"/staff/projects/{project.pk}/actions/hide/",
        {"comment": "安全確認のため", "confirmed": "1"},
    )
    project.refresh_from_db()
    assert project.is_hidden
    assert project.transitions.get(action="hide").comment == "安全確認のため"


def test_decided_proposal_cannot_be_withdrawn(signed_in, submitted, coordinating_staff):
    lifecycle.apply(submitted, "approve", actor=coordinating_staff)
    response = signed_in.post(reverse("projects:proposal_withdraw", args=[submitted.pk]))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "published"


def test_submit_is_post_only_and_leads_to_the_review_screen(signed_in, organization):
    project = create(signed_in, "cohosting", organization)
    response = signed_in.get(reverse("projects:proposal_submit", args=[project.pk]))
    assert response.status_code == 405
    response = signed_in.post(reverse("projects:proposal_submit", args=[project.pk]))
    assert response["Location"] == reverse("projects:proposal_review", args=[project.pk])
    project.refresh_from_db()
    assert project.status == "draft"


def test_proposal_page_shows_state_history_and_what_is_missing(signed_in, organization):
    project = create(signed_in, "cohosting", organization, safety_plan="")
    page = signed_in.get(reverse("projects:proposal_detail", args=[project.pk])).content.decode()
    assert "下書き" in page
    assert "提出する前に、あと1件の入力が必要です。" in page
    assert "安全対策(危機管理): 提出するには、この項目の入力が必要です。" in page


def test_save_and_submit_with_something_missing_keeps_the_draft_and_says_so(
    signed_in, organization
):
    project = create(signed_in, "cohosting", organization)
    data = proposal_data("cohosting", title="途中で提出", purpose="", action="submit")
    data["partners-TOTAL_FORMS"] = "0"
    response = signed_in.post(edit_url(project), data, follow=True)
    content = response.content.decode()
    assert "下書きを保存しました。" in content
    assert f'href="{edit_url(project)}?check=1#id_purpose"' in content
    project.refresh_from_db()
    assert (project.title, project.status) == ("途中で提出", "draft")


def test_proposal_of_a_suspended_organisation_cannot_be_submitted(signed_in, organization):
    project = create(signed_in, "cohosting", organization)
    organization.status = "suspended"
    organization.save()
    response = confirm_submit(signed_in, project, follow=True)
    project.refresh_from_db()
    assert project.status == "draft"
    assert "提案する団体が承認されていないため、提出できません。" in response.content.decode()
