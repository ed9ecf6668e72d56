import csv
import datetime
import io
import json

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "CSV must start with a BOM for Excel"
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_projects_csv_has_public_projects_only(client, public_and_private):
    response = client.get("/opendata/projects.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert [row["事業名"] for row in rows] == ["公開の事業"]
    assert rows[0]["協働の形態コード"] == "cohosting"
    assert rows[0]["URL"].endswith(f"/projects/{public_and_private.pk}/")


def test_projects_json_matches_the_csv(client, public_and_private):
    data = json.loads(client.get("/opendata/projects.json").content)
    assert [row["事業名"] for row in data] == ["公開の事業"]
    assert data[0]["年度"] == 2025


def test_organizations_open_data_has_no_private_contact(client, public_and_private):
    rows = read_csv(client.get("/opendata/organizations.csv"))
    names = [row["団体名"] for row in rows]
    assert "公開団体" in names and "審査待ちの会" not in names
    body = client.get("/opendata/organizations.json").content.decode()
    assert "090-0000-1111" not in body
    assert "049-000-0001" in body


def test_events_csv_uses_the_standard_columns(client, public_and_private):
    rows = read_csv(client.get("/opendata/events.csv"))
    assert [row["イベント名"] for row in rows] == ["公開の説明会"]
    row = rows[0]
    assert row["全国地方公共団体コード"] == "112453"
    assert row["開始日"] == "2027-01-10"
    assert row["開始時間"] == "10:00" and row["終了時間"] == "12:00"
    assert row["緯度"] == "35.879500" and row["経度"] == "139.519700"
    assert row["主催者"] == "公開団体"
    for column in ("場所名称", "住所", "連絡先名称", "連絡先電話番号", "URL", "備考"):
        assert column in row


def test_opendata_page_documents_every_column(client):
    from opendata.datasets import EVENT_COLUMNS, ORGANIZATION_COLUMNS, PROJECT_COLUMNS

    body = client.get("/opendata/").content.decode()
    for name, _ in PROJECT_COLUMNS + ORGANIZATION_COLUMNS + EVENT_COLUMNS:
        assert name in body


def test_sitemap_lists_public_pages_only(client, public_and_private):
    body = client.get("/sitemap.xml").content.decode()
    assert f"/projects/{public_and_private.pk}/" in body
    from projects.models import Project

    for project in Project.objects.exclude(pk=public_and_private.pk):
        assert f"/projects/{project.pk}/" not in body


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://kyodo.example.jp/sitemap.xml" in body
    assert "Disallow: /staff/" in body


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [
        (datetime.datetime(2025, 4, 1, 0, 30, tzinfo=datetime.UTC), "2025-04-01T09:30:00+09:00"),
        (datetime.datetime(2025, 3, 31, 20, 0, tzinfo=datetime.UTC), "2025-04-01T05:00:00+09:00"),
    ],
)
def test_open_data_times_are_in_japan_time(client, published_at, expected):
    project = factories.make_project(title="公開の事業")
    type(project).objects.filter(pk=project.pk).update(published_at=published_at)
    (row,) = read_csv(client.get("/opendata/projects.csv"))
    assert row["公開日時"] == expected
    (item,) = json.loads(client.get("/opendata/projects.json").content)
    assert item["公開日時"] == expected
