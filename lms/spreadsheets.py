"""The one writer of spreadsheets (CSV and XLSX) for every export in Sanad.

People type their own names and reflections, so any cell may begin like a formula
(`=HYPERLINK(...)`, `+1`, `@SUM(A1)`). A spreadsheet program must show such a cell as
the text it is, never run it: CSV cells are escaped with defusedcsv, and XLSX cells are
stored as strings, which Excel and LibreOffice never evaluate. Rows are plain sequences
of values; lazy translations, dates and numbers may be mixed freely.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import BinaryIO

from defusedcsv import csv as defused_csv
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# defusedcsv escapes = + - @ | %; Excel also starts a formula after a leading tab or
# carriage return, so those are escaped the same way.
_INVISIBLE_FORMULA_START = ("\t", "\r")
# Control characters an XLSX file cannot hold at all (openpyxl refuses them).
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel refuses to open a cell longer than this.
XLSX_MAX_CELL = 32_767
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def plain(value):
    """The value as a spreadsheet cell holds it: lazy strings resolved, None empty,
    aware datetimes in local time (spreadsheets know no time zones); numbers, dates and
    strings as they are."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (str, int, float, Decimal, datetime.date)):
        return value
    # Model instances and the like read as their str(), as in a template.
    return str(value)


# --- CSV -----------------------------------------------------------------------------


class _Line:
    """A file that hands back what is written to it, so the csv writer makes one line
    at a time for a streaming response."""

    def write(self, text: str) -> str:
        return text


def _csv_cell(value):
    value = plain(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_INVISIBLE_FORMULA_START):
        return "'" + value
    return value


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """Each row as one line of CSV, escaped so that no cell can run as a formula. The
    first line starts with a byte-order mark, without which Excel misreads UTF-8 (and
    shows Arabic as gibberish)."""
    writer = defused_csv.writer(_Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def _content_disposition(filename: str) -> str:
    from django.utils.http import content_disposition_header

    return content_disposition_header(as_attachment=True, filename=filename)


def csv_response(filename: str, rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """A CSV download streamed row by row: `rows` may be a generator, and is read only as
    the response is sent, so a large export never sits whole in memory.

    The language active now is used for the whole file, although the rows are produced
    after the view has returned.
    """
    language = translation.get_language()

    def lines():
        with translation.override(language):
            for line in csv_lines(rows):
                yield line.encode("utf-8")

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _private_download(response, filename)


def _private_download(response, filename: str):
    response["Content-Disposition"] = _content_disposition(filename)
    # Exports hold personal data: no shared cache or browser cache keeps a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- XLSX ----------------------------------------------------------------------------


def xlsx_response(filename: str, write: Callable[[BinaryIO], None]) -> HttpResponse:
    """A small XLSX download built in memory by `write(out)` (large ones are export
    jobs, see lms.exports)."""
    buffer = io.BytesIO()
    write(buffer)
    return _private_download(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE),
                             filename)



def _sheet_title(title, taken: set[str]) -> str:
    text = _SHEET_TITLE_FORBIDDEN.sub(" ", str(plain(title))).strip(" '") or "Sheet"
    text = text[:31]
    candidate, number = text, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = text[:31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _xlsx_cell(sheet, value, font=None):
    from openpyxl.cell import WriteOnlyCell

    value = plain(value)
    if value == "":
        return None
    if isinstance(value, str):
        # XML reads every carriage return as a line break; say so rather than leave it
        # to each reader.
        text = _ILLEGAL_XLSX.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
        text = text[:XLSX_MAX_CELL]
        cell = WriteOnlyCell(sheet, value=text)
        # openpyxl turns a string starting with "=" into a formula and "#N/A" into an
        # error; a string cell is only ever shown as text.
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
    if font is not None:
        cell.font = font
    return cell


def write_xlsx(target: str | BinaryIO, sheets: Iterable[tuple[str, Iterable[Sequence]]], *,
               header_rows: int = 1, frozen_columns: int = 0) -> None:
    """Write a workbook of `(title, rows)` sheets to a path or binary file.

    openpyxl's write-only mode streams each row to a temporary file, so rows may come
    from a generator of any length. The first `header_rows` rows are bold and frozen,
    and so are the first `frozen_columns` columns (the trainee's name, say).
    Strings are stored as text whatever they start with; numbers and dates stay numbers
    and dates.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    taken: set[str] = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title, taken))
        if header_rows or frozen_columns:
            sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header_rows + 1}"
        for number, row in enumerate(rows):
            font = bold if number < header_rows else None
            sheet.append([_xlsx_cell(sheet, value, font) for value in row])
    if not taken:
        workbook.create_sheet(title="Sheet")
    workbook.save(target)
