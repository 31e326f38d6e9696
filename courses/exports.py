"""A cohort's matrix as CSV (the csv module) and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .selectors import CohortMatrix


def _score(value):
    return "" if value is None else float(value)


def matrix_table(matrix: CohortMatrix) -> list[list]:
    """Header and one row per trainee: plain values, ready for any spreadsheet."""
    header = [_("Trainee"), _("E-mail"), _("Organisation"), _("Status"), _("Enrolled"),
              _("Completed")]
    header += [_("%(module)s (lessons)") % {"module": m.module.title}
               for m in matrix.plan.modules]
    header += [_("Pre-test (first score %)"), _("Post-test (best score %)"),
               _("Knowledge gain (points)")]
    for _key, label in matrix.requirement_labels:
        header += [label, _("%(label)s — met") % {"label": label}]
    rows = [header]
    for row in matrix.rows:
        enrollment = row.enrollment
        trainee = enrollment.trainee
        values = [trainee.full_name, trainee.email,
                  trainee.organisation.name if trainee.organisation else "",
                  enrollment.get_status_display(),
                  enrollment.enrolled_at.date().isoformat(),
                  enrollment.completed_at.date().isoformat() if enrollment.completed_at else ""]
        values += [f"{p.done}/{p.total}" for p in row.modules]
        values += [_score(row.pre_test.first_score if row.pre_test else None),
                   _score(row.post_test.best_score if row.post_test else None),
                   _score(enrollment.knowledge_gain)]
        for key, _label in matrix.requirement_labels:
            status = row.by_key.get(key)
            values += [status.progress if status else "",
                       (_("yes") if status.met else _("no")) if status else ""]
        rows.append(values)
    return rows


def _filename(matrix: CohortMatrix, extension: str) -> str:
    return f"cohort-{matrix.cohort.pk}-{slugify(matrix.cohort.name) or 'matrix'}.{extension}"


def matrix_csv_response(matrix: CohortMatrix) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for values in matrix_table(matrix):
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v
                         for v in values])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(matrix, "csv")}"'
    return response


def matrix_xlsx_response(matrix: CohortMatrix) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cohort")[:31]
    for values in matrix_table(matrix):
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(matrix, "xlsx")}"'
    return response
