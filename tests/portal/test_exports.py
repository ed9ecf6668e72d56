"""The formula guard: no text anyone typed becomes a live formula in a CSV or XLSX the
portal writes (staff lists, desk queues, figures, open data); numbers stay numbers."""

import csv
import datetime
import decimal
import io

import openpyxl
import pytest
from django.utils import timezone

from notifications.models import NotificationFailure
from organizations.models import ActivityField, Area
from portal.exports import Column, Table, csv_cell, csv_response, neutralise, xlsx_response
from projects.models import Report
from tests import factories

FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")

HOSTILE = [
    '=HYPERLINK("http://evil.example/","詳細")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "  =1+1",
    "\u3000=1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["ふじみ野子ども食堂", "a=b", "1+1", "'=already", "", "メール: a@example.jp"]
)
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize(
    "value", [-5, 0, 12, -1.5, decimal.Decimal("-139.5"), datetime.date(2025, 4, 1), None]
)
def test_anything_but_text_is_left_alone(value):
    assert neutralise(value) == value


def test_negative_numbers_stay_numbers_in_csv_and_xlsx():
    assert csv_cell(-5) == -5
    assert csv_cell(decimal.Decimal("-139.5")) == decimal.Decimal("-139.5")
    assert csv_cell("-5") == "'-5"  # a text that looks like one is still text
    table = Table(
        name="t",
        title="t",
        columns=[Column("数", lambda row: row[0]), Column("名前", lambda row: row[1])],
        rows=[(-5, "=1+1"), (3, "-1")],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response(table).content)).active
    assert sheet["A2"].value == -5 and sheet["A2"].data_type == "n"
    assert sheet["B2"].value == "'=1+1" and sheet["B2"].data_type == "s"
    assert sheet["B3"].value == "'-1"
    rows = list(csv.reader(io.StringIO(csv_response(table).content.decode("utf-8-sig"))))
    assert rows[1] == ["-5", "'=1+1"]


# ---- every export route, with hostile names everywhere --------------------------------


def _csv_cells(content):
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells), [
        cell.value for cell in cells if cell.data_type == "f"
    ]
    return [cell.value for cell in cells]


def _assert_inert(cells, path):
    for cell in cells:
        if isinstance(cell, str) and cell:
            assert not cell.startswith(("\t", "\r", "\n")), (path, cell)
            assert not cell.lstrip().startswith(FORMULA_STARTS), (path, cell)


@pytest.fixture
def hostile_world(db, settings):
    settings.PATRONAGE_REPORT_DUE_DAYS = 30
    Area.objects.filter(code="citywide").update(name=HOSTILE[3])
    ActivityField.objects.filter(code="community-development").update(
        name=HOSTILE[4], short_name=HOSTILE[4]
    )
    organization = factories.make_organization(
        name=HOSTILE[0], name_kana="ア", description=HOSTILE[1], offers=HOSTILE[6]
    )
    factories.make_organization(name=HOSTILE[2], status="pending")
    projects = {
        status: factories.make_project(
            lead_organization=organization,
            status=status,
            title=f"{HOSTILE[index]}",
            summary=HOSTILE[7],
            place=HOSTILE[8],
            submitted_at=timezone.now(),
            ends_on=timezone.localdate() - datetime.timedelta(days=60),
            starts_on=timezone.localdate() - datetime.timedelta(days=90),
        )
        for index, status in enumerate(["published", "submitted", "returned", "completed"])
    }
    factories.make_partner(projects["published"], name=HOSTILE[9])
    factories.make_event(
        projects["published"], title=HOSTILE[5], place=HOSTILE[0], address=HOSTILE[2]
    )
    reported = factories.make_project(lead_organization=organization, title=HOSTILE[9])
    Report.objects.create(
        project=reported, activities=HOSTILE[1], status="submitted", submitted_at=timezone.now()
    )
    projects["published"].transitions.create(action="return", comment=HOSTILE[0])
    NotificationFailure.objects.create(
        kind="project_decision",
        subject=HOSTILE[0],
        body="本文",
        recipients="member@example.jp",
        error=HOSTILE[2],
    )
    return projects


STAFF_EXPORTS = [
    "/staff/projects/?export={fmt}",
    "/staff/organizations/?export={fmt}",
    *(
        f"/staff/queues/{name}.{{fmt}}"
        for name in (
            "pending-organizations",
            "submitted-proposals",
            "returned-proposals",
            "reports-submitted",
            "reports-due",
            "evaluations-missing",
            "notification-failures",
        )
    ),
    *(
        f"/staff/figures/{dimension}.{{fmt}}"
        for dimension in ("form", "fiscal-year", "field", "area", "status")
    ),
]
OPEN_DATA_EXPORTS = [
    "/opendata/projects.csv",
    "/opendata/organizations.csv",
    "/opendata/events.csv",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("path", STAFF_EXPORTS)
def test_staff_exports_write_hostile_names_as_inert_text(
    client, coordinating_staff, hostile_world, path, fmt
):
    client.force_login(coordinating_staff)
    url = path.format(fmt=fmt)
    response = client.get(url)
    assert response.status_code == 200, url
    cells = _csv_cells(response.content) if fmt == "csv" else _xlsx_cells(response.content)
    _assert_inert(cells, url)
    if not any(f"/{dimension}." in url for dimension in ("form", "fiscal-year", "status")):
        # (those three figures have no text anyone typed)
        assert any(isinstance(cell, str) and cell.startswith("'") for cell in cells), url


@pytest.mark.parametrize("path", OPEN_DATA_EXPORTS)
def test_open_data_csv_writes_hostile_names_as_inert_text(client, hostile_world, path):
    response = client.get(path)
    cells = _csv_cells(b"".join(response.streaming_content))
    _assert_inert(cells, path)
    assert any(cell.startswith("'") for cell in cells), path


def test_hostile_title_survives_after_its_apostrophe(client, coordinating_staff, hostile_world):
    client.force_login(coordinating_staff)
    cells = _csv_cells(client.get("/staff/projects/?export=csv").content)
    assert "'" + HOSTILE[0] in cells
    cells = _xlsx_cells(client.get("/staff/projects/?export=xlsx").content)
    assert "'" + HOSTILE[0] in cells


def test_open_data_keeps_numbers_as_numbers(client, hostile_world):
    event = hostile_world["published"].events.get()
    event.latitude, event.longitude = decimal.Decimal("-35.5"), decimal.Decimal("-139.25")
    event.save()
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/opendata/events.csv").streaming_content).decode("utf-8-sig")
            )
        )
    )
    assert rows[0]["緯度"] == "-35.500000"
    assert rows[0]["経度"] == "-139.250000"
