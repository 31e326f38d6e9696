"""The one spreadsheet writer: what a spreadsheet program opens must be text, never a
formula, whatever a person typed as their name or reflection."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from lms import spreadsheets

LONG = "ت" * 4999 + "!"
HOSTILE = ['=HYPERLINK("http://x","click")', "+1", "-2+3", "@SUM(A1)", "\tinvisible tab",
           "\rcarriage return", "=1+1|cmd", "%0A"]


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 (and Arabic) only with it
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_csv_streams_with_a_bom_and_a_safe_filename():
    response = spreadsheets.csv_response("cohort-مريم.csv", iter([["a"], ["b"]]))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''cohort-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert _csv(response) == [["a"], ["b"]]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_that_could_start_a_formula_are_written_as_text(text):
    rows = _csv(spreadsheets.csv_response("x.csv", [["Name"], [text]]))
    cell = rows[1][0]
    assert cell.startswith("'")
    assert cell[1:].replace("\\|", "|") == text


def test_csv_keeps_arabic_long_numbers_and_resolves_lazy_strings():
    rows = _csv(spreadsheets.csv_response("x.csv", [
        [gettext_lazy("Post-test"), "مريم العلي", LONG, 12, Decimal("-2.5"), -3, None,
         date(2026, 3, 1)]]))
    assert rows == [["Post-test", "مريم العلي", LONG, "12", "-2.5", "-3", "", "2026-03-01"]]


def _xlsx(rows, **kwargs):
    buffer = io.BytesIO()
    spreadsheets.write_xlsx(buffer, [("Trainees", rows)], **kwargs)
    buffer.seek(0)
    return load_workbook(buffer)


def test_xlsx_writes_every_string_as_text_never_a_formula():
    sheet = _xlsx([["Name"], *([text] for text in HOSTILE), ["#N/A"]])["Trainees"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML has no lone carriage return: it is kept as the line break it reads as.
    assert [c.value for c in cells] == [*(t.replace("\r", "\n") for t in HOSTILE), "#N/A"]
    assert all(c.data_type == "s" for c in cells)


def test_xlsx_keeps_numbers_dates_arabic_long_and_lazy_strings():
    when = datetime(2026, 3, 1, 9, 30)
    sheet = _xlsx([[gettext_lazy("Post-test"), "مريم العلي", LONG, 12, Decimal("87.5"),
                    date(2026, 3, 1), when, None, "=SUM(A1)"]])["Trainees"]
    values = [c.value for c in sheet[1]]
    assert values[:5] == ["Post-test", "مريم العلي", LONG, 12, 87.5]
    assert values[5].date() == date(2026, 3, 1) and values[6] == when
    assert values[7] is None
    assert [c.data_type for c in sheet[1]][:5] == ["s", "s", "s", "n", "n"]
    assert sheet[1][8].data_type == "s" and sheet[1][8].value == "=SUM(A1)"


def test_xlsx_several_sheets_and_awkward_titles():
    buffer = io.BytesIO()
    spreadsheets.write_xlsx(buffer, [("Cohort: spring/2026 [Beirut]? and a very long title", [["a"]]),
                                     (gettext_lazy("Hours"), [["b"]])])
    buffer.seek(0)
    workbook = load_workbook(buffer)
    assert len(workbook.sheetnames) == 2
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in workbook.sheetnames)
    assert workbook.worksheets[1]["A1"].value == "b"


def test_xlsx_header_is_bold_and_frozen():
    buffer = io.BytesIO()
    spreadsheets.write_xlsx(buffer, [("Trainees", [["Name", "Score"], ["مريم العلي", 90]])],
                            frozen_columns=1)
    buffer.seek(0)
    sheet = load_workbook(buffer)["Trainees"]
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.b and not sheet["A2"].font.b


def test_xlsx_drops_characters_a_workbook_cannot_hold():
    sheet = _xlsx([["bell\x07 and null\x00 removed"]])["Trainees"]
    assert sheet["A1"].value == "bell and null removed"
