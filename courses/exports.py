"""A cohort's matrix as a streamed CSV and, through an export job, as XLSX.

Both go through `lms.spreadsheets`, which keeps every cell that could start a formula as
text. The matrix is evaluated a batch of trainees at a time as the file is written
(`selectors.cohort_matrix_stream`), so memory does not grow with the cohort.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms import spreadsheets

from . import selectors
from .models import Enrollment
from .selectors import CohortMatrix

MATRIX_XLSX = "cohort_matrix_xlsx"


def _score(value):
    return "" if value is None else float(value)


def matrix_rows(matrix: CohortMatrix) -> Iterator[list]:
    """Header and one row per trainee: plain values, ready for any spreadsheet."""
    header = [_("Trainee"), _("E-mail"), _("Organisation"), _("Status"), _("Enrolled"),
              _("Completed")]
    header += [_("%(module)s (lessons)") % {"module": m.module.title}
               for m in matrix.plan.modules]
    header += [_("Pre-test (first score %)"), _("Post-test (best score %)"),
               _("Knowledge gain (points)")]
    for _key, label in matrix.requirement_labels:
        header += [label, _("%(label)s — met") % {"label": label}]
    yield header
    # Labels are translated once for the file, not once per row and column.
    yes, no = _("yes"), _("no")
    status_labels = {value: str(label) for value, label in Enrollment.Status.choices}
    for row in matrix.rows:
        enrollment = row.enrollment
        trainee = enrollment.trainee
        values = [trainee.full_name, trainee.email,
                  trainee.organisation.name if trainee.organisation else "",
                  status_labels.get(enrollment.status, enrollment.status),
                  enrollment.enrolled_at.date(),
                  enrollment.completed_at.date() if enrollment.completed_at else ""]
        values += [f"{p.done}/{p.total}" for p in row.modules]
        values += [_score(row.pre_test.first_score if row.pre_test else None),
                   _score(row.post_test.best_score if row.post_test else None),
                   _score(enrollment.knowledge_gain)]
        for key, _label in matrix.requirement_labels:
            status = row.by_key.get(key)
            values += [status.progress if status else "",
                       (yes if status.met else no) if status else ""]
        yield values


def _filename(cohort, extension: str) -> str:
    return f"cohort-{cohort.pk}-{slugify(cohort.name) or 'matrix'}.{extension}"


def matrix_csv_response(matrix: CohortMatrix):
    """The matrix as a CSV download, streamed row by row."""
    return spreadsheets.csv_response(_filename(matrix.cohort, "csv"), matrix_rows(matrix))


def matrix_export_parameters(cohort, *, status: str = "", requirements: str = "") -> dict:
    """What an XLSX export job needs to rebuild the matrix the trainer is looking at."""
    return {"cohort_id": cohort.pk, "status": status, "requirements": requirements}


def may_export_matrix(user, parameters: dict) -> bool:
    """The export job's permission: the same cohort staff and cohort scope as the page."""
    from . import services

    return (services.can_create_cohorts(user)
            and selectors.visible_cohorts(user).filter(pk=parameters.get("cohort_id")).exists())


def build_matrix_xlsx(parameters: dict, out: BinaryIO) -> str:
    """Write the cohort's matrix as a workbook into `out`; return the download's name."""
    from .models import Cohort

    cohort = Cohort.objects.select_related("course", "organisation").get(
        pk=parameters["cohort_id"])
    matrix = selectors.cohort_matrix_stream(cohort, status=parameters.get("status", ""),
                                            requirements=parameters.get("requirements", ""))
    spreadsheets.write_xlsx(out, [(_("Cohort"), matrix_rows(matrix))], frozen_columns=1)
    return _filename(cohort, "xlsx")
