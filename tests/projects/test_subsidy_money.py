"""A 補助's money on the pages: the budget in the editor, the check of the requested amount,
the settlement with receipts in the results report, and the amounts staff decide."""

import pytest
from django.urls import reverse

from projects import lifecycle
from projects.models import Attachment, BudgetLine, Project, Report, SubsidyDetail, Transition
from tests import factories
from tests.projects.proposal_data import (
    BUDGET_DATA,
    confirm_submit,
    date_parts,
    edit_data,
    management,
    pdf_file,
    proposal_data,
    svg_file,
)

pytestmark = pytest.mark.django_db


def _create(client, organization, **overrides):
    response = client.post(
        reverse("projects:proposal_create") + "?form=subsidy",
        proposal_data("subsidy", organization, **overrides),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Project.objects.latest("pk")


def test_the_editor_stores_the_budget_lines(client, member, organization):
    client.force_login(member)
    project = _create(client, organization)
    lines = {(line.side, line.category): line for line in project.budget_lines.all()}
    assert lines[("income", "city_subsidy")].planned_amount == 150000  # typed 「150,000」
    assert lines[("income", "fees")].description == "参加費 500円×100人"
    assert lines[("expense", "honoraria")].planned_amount == 120000
    assert len(lines) == 4
    page = client.get(reverse("projects:proposal_edit", args=[project.pk])).content.decode()
    assert 'data-add-row="income"' in page and 'data-add-row="expenses"' in page
    assert 'id="empty-expenses"' in page


def test_adding_a_budget_row_without_the_script_comes_back_with_one_more(
    client, member, organization
):
    client.force_login(member)
    project = _create(client, organization)
    url = reverse("projects:proposal_edit", args=[project.pk])
    page = client.get(url)
    response = client.post(url, {**edit_data(page), "action": "add_expense"})
    assert response.status_code == 302
    assert response.url.endswith("?add=expenses#section-expenses")
    again = client.get(response.url)
    # The two saved lines, the empty row every list has, and the one asked for.
    assert again.context["forms"]["expenses"].total_form_count() == 2 + 1 + 1


def test_a_requested_amount_beyond_the_budget_cannot_be_submitted(client, member, organization):
    client.force_login(member)
    project = _create(client, organization, **{"detail-requested_amount": "160000"})
    client.post(reverse("projects:proposal_submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == "draft"
    page = client.get(reverse("projects:proposal_edit", args=[project.pk]) + "?check=1")
    body = page.content.decode()
    assert "申請額(160,000円)が、収支予算の支出合計(200,000円)から市補助金以外の収入" in body
    assert "150,000円以下にするか" in body


def test_a_budget_without_expenses_cannot_be_submitted(client, member, organization):
    client.force_login(member)
    project = _create(client, organization, **management("expenses"))
    assert not project.budget_lines.filter(side="expense").exists()
    client.post(reverse("projects:proposal_submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == "draft"
    body = client.get(
        reverse("projects:proposal_edit", args=[project.pk]) + "?check=1"
    ).content.decode()
    assert "収支予算の支出を1行以上入力してください。" in body


def test_a_budget_line_needs_its_category_and_amount(client, member, organization):
    client.force_login(member)
    data = proposal_data("subsidy", organization)
    data.update({"expenses-1-category": "", "expenses-1-planned_amount": "たくさん"})
    response = client.post(reverse("projects:proposal_create") + "?form=subsidy", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "区分を選んでください。" in body
    assert not Project.objects.exists()


def test_the_application_and_the_staff_file_show_the_budget(
    client, member, organization, coordinating_staff
):
    client.force_login(member)
    project = _create(client, organization)
    # Submitted from the 確認画面, which shows the budget too.
    review = client.get(reverse("projects:proposal_review", args=[project.pk])).content.decode()
    assert "収支予算" in review and "講師謝礼" in review
    assert confirm_submit(client, project).status_code == 302
    project.refresh_from_db()
    assert project.status == "submitted"
    body = client.get(reverse("projects:proposal_detail", args=[project.pk])).content.decode()
    assert "収支予算" in body and "講師謝礼" in body and "200,000円" in body
    client.force_login(coordinating_staff)
    body = client.get(f"/staff/projects/{project.pk}/").content.decode()
    assert "会場使用料" in body and "80,000円" in body
    # The budget is for the parties: the public page does not list it.
    lifecycle.apply(project, "approve", actor=coordinating_staff)
    client.logout()
    assert "講師謝礼" not in client.get(f"/projects/{project.pk}/").content.decode()


# --- The settlement in the results report -------------------------------------------------


@pytest.fixture
def subsidy(organization):
    project = factories.make_project(lead_organization=organization, form="subsidy")
    SubsidyDetail.objects.create(
        project=project, requested_amount=100000, granted_amount=100000, advance_payment=True
    )
    factories.make_budget(
        project,
        income=(("city_subsidy", 100000), ("fees", 20000)),
        expenses=(("supplies", 120000),),
    )
    return project


def _settlement_data(project, **amounts):
    """The report page's post: the budget's lines with actual amounts."""
    data = {"activities": "防災講座を3回開きました。"}
    for prefix, side in (("actual_income", "income"), ("actual_expenses", "expense")):
        lines = list(project.budget_lines.filter(side=side).order_by("id"))
        data.update(management(prefix, total=len(lines), initial=len(lines)))
        for number, line in enumerate(lines):
            data[f"{prefix}-{number}-id"] = str(line.pk)
            data[f"{prefix}-{number}-actual_amount"] = str(amounts.get(line.category, ""))
    return data


def test_the_report_records_actual_amounts_beside_the_budget(client, member, subsidy):
    client.force_login(member)
    data = _settlement_data(subsidy, city_subsidy=100000, fees=15000, supplies=108000)
    # A budgeted line's category is the budget's: a post cannot change it.
    data["actual_expenses-0-category"] = "printing"
    data["save"] = "1"
    assert client.post(f"/projects/{subsidy.pk}/report/", data).status_code == 302
    line = subsidy.budget_lines.get(side="expense")
    assert (line.category, line.planned_amount, line.actual_amount) == ("supplies", 120000, 108000)
    body = client.get(f"/projects/{subsidy.pk}/report/").content.decode()
    assert "予算額: 120,000円" in body


def test_the_settlement_takes_an_unbudgeted_line(client, member, subsidy):
    client.force_login(member)
    data = _settlement_data(subsidy, city_subsidy=100000, fees=15000, supplies=100000)
    data["actual_expenses-TOTAL_FORMS"] = "2"
    data.update(
        {
            "actual_expenses-1-category": "insurance",
            "actual_expenses-1-description": "行事保険",
            "actual_expenses-1-actual_amount": "5,000",
            "save": "1",
        }
    )
    assert client.post(f"/projects/{subsidy.pk}/report/", data).status_code == 302
    added = subsidy.budget_lines.get(category="insurance")
    assert (added.planned_amount, added.actual_amount, added.side) == (None, 5000, "expense")


def test_a_subsidy_report_cannot_be_submitted_without_a_receipt(client, member, subsidy):
    client.force_login(member)
    data = {**_settlement_data(subsidy, supplies=110000), "submit": "1"}
    response = client.post(f"/projects/{subsidy.pk}/report/", data, follow=True)
    assert "領収書を1つ以上添付してください" in response.content.decode()
    assert Report.objects.get(project=subsidy).status == "draft"


def test_a_subsidy_report_with_its_receipt_is_submitted(client, member, subsidy):
    client.force_login(member)
    data = {
        **_settlement_data(subsidy, supplies=110000),
        "receipt": pdf_file("ryoshusho.pdf"),
        "submit": "1",
    }
    assert client.post(f"/projects/{subsidy.pk}/report/", data).status_code == 302
    assert Report.objects.get(project=subsidy).status == "submitted"
    receipt = Attachment.objects.get(project=subsidy, kind="receipt")
    assert receipt.original_name == "ryoshusho.pdf"
    body = client.get(f"/projects/{subsidy.pk}/report/").content.decode()
    assert "ryoshusho.pdf" in body and "110,000円" in body


def test_receipts_follow_the_upload_rules(client, member, subsidy):
    client.force_login(member)
    data = {**_settlement_data(subsidy), "receipt": svg_file(), "save": "1"}
    response = client.post(f"/projects/{subsidy.pk}/report/", data)
    assert response.status_code == 200
    assert not Attachment.objects.filter(project=subsidy).exists()


def test_several_receipts_are_kept_and_one_can_be_removed(client, member, subsidy):
    client.force_login(member)
    for name in ("a.pdf", "b.pdf"):
        data = {**_settlement_data(subsidy), "receipt": pdf_file(name), "save": "1"}
        assert client.post(f"/projects/{subsidy.pk}/report/", data).status_code == 302
    receipts = Attachment.objects.current().filter(project=subsidy, kind="receipt")
    assert receipts.count() == 2
    first = receipts.get(original_name="a.pdf")
    data = {**_settlement_data(subsidy), "remove_receipt": [str(first.pk)], "save": "1"}
    client.post(f"/projects/{subsidy.pk}/report/", data)
    assert list(
        Attachment.objects.filter(project=subsidy).values_list("original_name", flat=True)
    ) == ["b.pdf"]


def test_a_report_without_actual_expenses_cannot_be_submitted(client, member, subsidy):
    client.force_login(member)
    data = {**_settlement_data(subsidy), "receipt": pdf_file(), "submit": "1"}
    response = client.post(f"/projects/{subsidy.pk}/report/", data, follow=True)
    assert "収支決算の支出の決算額を入力してから" in response.content.decode()


# --- The amounts staff decide ---------------------------------------------------------------


def _staff_edit(client, project, **detail):
    """The staff edit page's post: the project as it is, the 補助's amounts as given."""
    page = client.get(f"/staff/projects/{project.pk}/edit/")
    data = {
        "title": project.title,
        "summary": project.summary,
        "form": "subsidy",
        "lead_organization": project.lead_organization_id,
        "fiscal_year": str(project.fiscal_year),
        **date_parts("starts_on", project.starts_on),
        **date_parts("ends_on", project.ends_on),
        "fields": list(project.fields.values_list("pk", flat=True)),
        "area": project.area_id,
        "version": page.context["form"]["version"].value(),
        **management("partners"),
        **management("events"),
        "detail-requested_amount": "100000",
        "detail-granted_amount": "100000",
        "detail-advance_payment": "on",
    }
    data.update({f"detail-{key}": value for key, value in detail.items()})
    return client.post(f"/staff/projects/{project.pk}/edit/", data)


def _settle(project, **actual):
    for line in project.budget_lines.all():
        line.actual_amount = actual.get(line.category, line.planned_amount)
        line.save()


def test_staff_confirm_the_amount_and_the_refund_shows(client, coordinating_staff, subsidy):
    _settle(subsidy, supplies=110000, fees=20000)  # leaves 90,000円 to the city
    client.force_login(coordinating_staff)
    response = _staff_edit(
        client,
        subsidy,
        confirmed_amount="90000",
        confirmed_on_0="2026",
        confirmed_on_1="3",
        confirmed_on_2="31",
        granted_on_0="2025",
        granted_on_1="5",
        granted_on_2="1",
    )
    assert response.status_code == 302, response.context["detail_form"].errors
    detail = SubsidyDetail.objects.get(project=subsidy)
    assert detail.confirmed_amount == 90000
    entry = Transition.objects.filter(project=subsidy, action="edit").latest("pk")
    assert {"field": "confirmed_amount", "label": "確定額(円)", "old": "", "new": "90000"} in (
        entry.changes
    )
    body = client.get(f"/staff/projects/{subsidy.pk}/").content.decode()
    assert "返還額" in body and "10,000円" in body


def test_the_confirmed_amount_stays_within_the_settlement(client, coordinating_staff, subsidy):
    _settle(subsidy, supplies=110000, fees=20000)
    client.force_login(coordinating_staff)
    response = _staff_edit(
        client,
        subsidy,
        confirmed_amount="95000",
        confirmed_on_0="2026",
        confirmed_on_1="3",
        confirmed_on_2="31",
        granted_on_0="2025",
        granted_on_1="5",
        granted_on_2="1",
    )
    assert response.status_code == 200
    assert "確定額(95,000円)が、収支決算の支出合計(110,000円)" in response.content.decode()
    assert SubsidyDetail.objects.get(project=subsidy).confirmed_amount is None


def test_the_confirmed_amount_stays_within_the_granted_one(client, coordinating_staff, subsidy):
    _settle(subsidy, supplies=200000, fees=0)
    client.force_login(coordinating_staff)
    response = _staff_edit(
        client,
        subsidy,
        confirmed_amount="120000",
        confirmed_on_0="2026",
        confirmed_on_1="3",
        confirmed_on_2="31",
        granted_on_0="2025",
        granted_on_1="5",
        granted_on_2="1",
    )
    assert response.status_code == 200
    assert "交付決定額(100,000円)以下にしてください" in response.content.decode()


def test_an_amount_comes_with_its_date(client, coordinating_staff, subsidy):
    client.force_login(coordinating_staff)
    response = _staff_edit(client, subsidy)
    assert response.status_code == 200
    assert "交付決定額とあわせて、交付決定日を入力してください。" in response.content.decode()


def test_budget_lines_are_deleted_with_their_rows(client, member, organization):
    client.force_login(member)
    project = _create(client, organization)
    assert BudgetLine.objects.filter(project=project).count() == len(
        [key for key in BUDGET_DATA if key.endswith("-category")]
    )


def test_a_budgeted_line_cannot_be_removed_from_the_settlement(client, member, subsidy):
    client.force_login(member)
    page = client.get(f"/projects/{subsidy.pk}/report/")
    row = page.context["settlement_parts"][1]["formset"].forms[0]
    assert "DELETE" not in row.fields
    assert row.fields["category"].disabled
    data = {**_settlement_data(subsidy, supplies=1000), "actual_expenses-0-DELETE": "on"}
    client.post(f"/projects/{subsidy.pk}/report/", {**data, "save": "1"})
    assert subsidy.budget_lines.filter(side="expense", planned_amount=120000).exists()
