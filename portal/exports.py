"""Lists as data: the same columns feed the HTML table, the CSV and the XLSX export; and the
one guard every CSV and XLSX the portal writes passes its cells through.

A column may be a date; exports then carry it in 西暦 (ISO 8601) and add a 和暦 column beside
it, as staff expect in the city's own spreadsheets.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, or those
after leading spaces) as a formula: a name such as `=HYPERLINK("http://…")` typed by anyone
would become a live link or a calculation on a staff member's machine. `neutralise` puts an
apostrophe in front of such a text, as Excel itself does for text typed that way; numbers
stay numbers (a negative amount is still a number).
"""

import csv
import datetime
import decimal
import io
import itertools
import unicodedata
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.wareki import local_date, wareki_date

# What a spreadsheet takes as the start of a formula (full-width forms included: Japanese
# input may produce them, and some spreadsheets accept them).
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
CONTROL_STARTS = ("\t", "\r", "\n")


def neutralise(value):
    """A cell value that no spreadsheet runs as a formula; anything but text is unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(CONTROL_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Column:
    header: str
    value: object  # callable(row) -> str | int | date | None
    link: object = None  # callable(row) -> url, for the HTML table
    wareki: bool = False  # a date: exports add a 和暦 column


@dataclass
class Table:
    name: str
    title: str
    columns: list
    rows: list
    empty: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def header_index(self):
        """The column that names each row (its row header): the first that links to the
        row's page, else the first."""
        return next((i for i, column in enumerate(self.columns) if column.link), 0)

    def html_rows(self):
        """[(value, url, is_date, is_header, header)] per row, for the template."""
        header = self.header_index
        for row in self.rows:
            yield [
                (
                    column.value(row),
                    column.link(row) if column.link else None,
                    column.wareki,
                    position == header,
                    column.header,
                )
                for position, column in enumerate(self.columns)
            ]

    def export_headers(self):
        headers = []
        for column in self.columns:
            headers.append(str(column.header))
            if column.wareki:
                headers.append(_("%(header)s(和暦)") % {"header": column.header})
        return headers

    def export_rows(self):
        for row in self.rows:
            cells = []
            for column in self.columns:
                value = column.value(row)
                if isinstance(value, Promise):  # a lazy translation
                    value = str(value)
                if isinstance(value, datetime.datetime):
                    value = local_date(value)
                cells.append(value)
                if column.wareki:
                    cells.append(wareki_date(value) if value else "")
            yield cells


def _filename(table, extension):
    return f"{table.name}-{timezone.localdate():%Y%m%d}.{extension}"


def csv_cell(value):
    """A value as a CSV cell: text guarded, dates in ISO 8601, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


def xlsx_cell(value):
    """A value as an XLSX cell: text guarded (openpyxl stores any text starting with = as a
    formula), dates and numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, (datetime.date, int, float, decimal.Decimal)):
        return value
    return neutralise(str(value))


def csv_row(cells):
    return [csv_cell(cell) for cell in cells]


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


@dataclass(frozen=True)
class Rendered:
    """A table as a file: what the request answers with and what a background export stores."""

    content: bytes
    filename: str
    content_type: str
    row_count: int


class _Counted:
    """The table's rows, counted as they are written (the rows may be a one-pass iterator)."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for cells in self.rows:
            self.count += 1
            yield cells


def _csv_bytes(table, rows):
    """CSV in UTF-8 with a BOM, so that Excel opens the Japanese correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_row(table.export_headers()))
    for cells in rows:
        writer.writerow(csv_row(cells))
    return buffer.getvalue().encode("utf-8")


def _display_width(value):
    """How wide a value shows in a spreadsheet column: a full-width character counts two."""
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in str(value))


# The columns' widths are taken from the header and the first rows: the rest are streamed.
WIDTH_SAMPLE_ROWS = 1000


def _xlsx_bytes(table, rows):
    """XLSX in openpyxl's write-only mode: each row is written as it comes, so a list of
    100,000 rows is never held as a sheet of cell objects."""
    headers = [xlsx_cell(header) for header in table.export_headers()]
    rows = iter(rows)
    sample = [
        [xlsx_cell(cell) for cell in cells] for cells in itertools.islice(rows, WIDTH_SAMPLE_ROWS)
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(table.title)[:31])
    for index in range(len(headers)):
        widest = max(_display_width(row[index]) for row in [headers, *sample] if index < len(row))
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = max(8, min(60, widest + 2))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_styled(sheet, header, font=bold) for header in headers])
    written = 1
    for values in itertools.chain(sample, ([xlsx_cell(c) for c in cells] for cells in rows)):
        sheet.append([_styled(sheet, value) for value in values])
        written += 1
    if headers:
        # The filter covers what was written (openpyxl writes it after the rows).
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{written}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(sheet, value, font=None):
    """A write-only cell: dates shown as yyyy-mm-dd, the header in bold."""
    if font is None and not isinstance(value, datetime.date):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def render_table(table, fmt):
    """The table as a CSV or XLSX file: the one way every export is written, in the request
    (`export_response`) or in the background (staff.tasks.build_export)."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format: {fmt!r}")
    rows = _Counted(table.export_rows())
    content = (_csv_bytes if fmt == "csv" else _xlsx_bytes)(table, rows)
    return Rendered(
        content=content,
        filename=_filename(table, fmt),
        content_type=CONTENT_TYPES[fmt],
        row_count=rows.count,
    )


def export_response(table, fmt):
    rendered = render_table(table, "csv" if fmt == "csv" else "xlsx")
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def csv_response(table):
    return export_response(table, "csv")


def xlsx_response(table):
    return export_response(table, "xlsx")
