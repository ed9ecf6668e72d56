"""Every staff list exports what it shows: CSV in UTF-8 with BOM and XLSX, Japanese
headers, 西暦 dates with 和暦 beside them."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def _csv_rows(response):
    content = response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.fixture
def projects(organization):
    shown = factories.make_project(
        lead_organization=organization,
        title="防災訓練の協働",
        starts_on=datetime.date(2025, 6, 1),
        form="cooperation",
    )
    hidden = factories.make_project(
        lead_organization=organization, title="下書きの事業", status="draft"
    )
    return shown, hidden


def test_project_list_exports_csv_with_bom_japanese_headers_and_wareki(
    client, coordinating_staff, projects
):
    client.force_login(coordinating_staff)
    response = client.get("/staff/projects/?form=cooperation&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = _csv_rows(response)
    header = rows[0]
    assert header[:6] == ["番号", "受付番号", "事業名", "団体", "協働の形態", "状態"]
    assert "開始日" in header and "開始日(和暦)" in header
    assert len(rows) == 2  # the filter applies to the export too
    row = dict(zip(header, rows[1], strict=True))
    assert row["事業名"] == "防災訓練の協働"
    assert row["開始日"] == "2025-06-01"
    assert row["開始日(和暦)"] == "令和7年6月1日"
    assert row["年度"] == "令和7年度"


def test_project_list_exports_xlsx_with_date_cells(client, coordinating_staff, projects):
    client.force_login(coordinating_staff)
    response = client.get("/staff/projects/?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(response)
    header = rows[0]
    assert sorted(row[header.index("事業名")] for row in rows[1:]) == [
        "下書きの事業",
        "防災訓練の協働",
    ]
    first = next(row for row in rows[1:] if row[header.index("事業名")] == "防災訓練の協働")
    assert first[header.index("開始日")] == datetime.datetime(2025, 6, 1)
    assert first[header.index("開始日(和暦)")] == "令和7年6月1日"


def test_each_desk_queue_exports(client, coordinating_staff, organization):
    project = factories.make_project(
        lead_organization=organization, status="submitted", title="審査待ち"
    )
    project.submitted_at = timezone.now()
    project.save()
    factories.make_organization(status="pending", name="承認待ちの会")
    client.force_login(coordinating_staff)
    rows = _csv_rows(client.get("/staff/queues/submitted-proposals.csv"))
    assert rows[0][:5] == ["受付番号", "事業名", "団体", "協働の形態", "提出日"]
    assert rows[1][1] == "審査待ち"
    rows = _xlsx_rows(client.get("/staff/queues/pending-organizations.xlsx"))
    assert rows[1][0] == "承認待ちの会"
    for name in (
        "returned-proposals",
        "change-notices",
        "reports-due",
        "reports-submitted",
        "evaluations-missing",
        "notification-failures",
    ):
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/staff/queues/{name}.{fmt}").status_code == 200


def test_unknown_queue_or_format_is_404(client, coordinating_staff):
    client.force_login(coordinating_staff)
    assert client.get("/staff/queues/everything.csv").status_code == 404
    assert client.get("/staff/queues/submitted-proposals.pdf").status_code == 404


def test_organisation_list_exports(client, coordinating_staff):
    factories.make_organization(status="pending", name="あおぞら会", name_kana="アオゾラカイ")
    client.force_login(coordinating_staff)
    rows = _csv_rows(client.get("/staff/organizations/?status=pending&export=csv"))
    assert rows[0][:5] == ["番号", "団体名", "読み仮名", "種別", "状態"]
    assert [row[1] for row in rows[1:]] == ["あおぞら会"]


def test_department_staff_export_only_their_departments_projects(
    client, department_staff, organization
):
    factories.make_project(
        lead_organization=organization, title="自課", department=factories.make_department()
    )
    factories.make_project(lead_organization=organization, title="他課")
    client.force_login(department_staff)
    rows = _csv_rows(client.get("/staff/projects/?export=csv"))
    assert [row[2] for row in rows[1:]] == ["自課"]
    assert client.get("/staff/queues/pending-organizations.csv").status_code == 403


def test_citizen_cannot_export(client, citizen):
    client.force_login(citizen)
    assert client.get("/staff/projects/?export=csv").status_code == 403


def test_overdue_queue_exports_its_translated_labels(client, coordinating_staff, organization):
    factories.make_project(
        lead_organization=organization,
        title="報告遅れ",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=90),
    )
    client.force_login(coordinating_staff)
    rows = _xlsx_rows(client.get("/staff/queues/reports-due.xlsx"))
    header = rows[0]
    assert rows[1][header.index("状況")] == "期限超過"
    assert rows[1][header.index("実績報告")] == "未着手"


def test_the_public_column_says_what_the_public_sees(client, coordinating_staff, organization):
    """A rejected proposal is not 公開 because it is not hidden: the column follows the
    public pages (state, hidden, the lead's approval)."""
    suspended = factories.make_organization(name="停止中の会", status="suspended")
    expected = {
        "公開中の事業": ({"lead_organization": organization}, "公開中"),
        "却下の提案": ({"lead_organization": organization, "status": "rejected"}, "非公開"),
        "下書きの提案": ({"lead_organization": organization, "status": "draft"}, "非公開"),
        "非表示の事業": (
            {"lead_organization": organization, "is_hidden": True},
            "非公開(非表示にしています)",
        ),
        "停止中の団体の事業": (
            {"lead_organization": suspended},
            "非公開(主催団体が承認されていません)",
        ),
    }
    for title, (fields, _label) in expected.items():
        factories.make_project(title=title, **fields)
    client.force_login(coordinating_staff)
    rows = _csv_rows(client.get("/staff/projects/", {"export": "csv"}))
    column = rows[0].index("公開")
    shown = {row[rows[0].index("事業名")]: row[column] for row in rows[1:]}
    assert shown == {title: label for title, (_fields, label) in expected.items()}
