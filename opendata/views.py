import csv
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from city.profile import current as current_city
from portal.exports import csv_row

from . import datasets

DATASETS = {
    "projects": (datasets.PROJECT_COLUMNS, datasets.project_rows),
    "organizations": (datasets.ORGANIZATION_COLUMNS, datasets.organization_rows),
    "events": (datasets.EVENT_COLUMNS, datasets.event_rows),
}


class _Echo:
    def write(self, value):
        return value


def _csv_lines(columns, rows):
    writer = csv.writer(_Echo())
    # A byte-order mark first, so that Excel opens the UTF-8 file with the right encoding;
    # every cell through the formula guard, as in every spreadsheet the portal writes.
    yield "\ufeff" + writer.writerow(csv_row(name for name, _ in columns))
    for row in rows:
        yield writer.writerow(csv_row(row[name] for name, _ in columns))


def dataset_csv(request, name):
    columns, rows = DATASETS[name]
    response = StreamingHttpResponse(
        _csv_lines(columns, rows(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{current_city().slug}-kyodo-{name}.csv"'
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def dataset_json(request, name):
    columns, rows = DATASETS[name]
    body = json.dumps(list(rows(request)), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": [
                {
                    "name": "projects",
                    "columns": datasets.PROJECT_COLUMNS,
                    "formats": ["csv", "json"],
                },
                {
                    "name": "organizations",
                    "columns": datasets.ORGANIZATION_COLUMNS,
                    "formats": ["csv", "json"],
                },
                {"name": "events", "columns": datasets.EVENT_COLUMNS, "formats": ["csv"]},
            ]
        },
    )
