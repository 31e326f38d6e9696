"""The logbook as CSV and PDF, and a supervisor's export of their trainees' hours."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import CoursePracticeRequirement
from courses.models import Enrollment

from . import selectors
from .models import PracticeEntry
from .requirements import format_hours

# Spreadsheet programs run cells that start with these as formulas.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _writer(out):
    writer = csv.writer(out)
    return lambda row: writer.writerow([_cell(v) for v in row])


def write_logbook_csv(out, enrollment: Enrollment) -> None:
    """Every entry of the enrollment, oldest first, with its state and who signed it off."""
    write = _writer(out)
    write([_("Date"), _("Activity"), _("Minutes"), _("Modality"), _("Setting"),
           _("People served"), _("Language"), _("Interpreter or cultural mediator"),
           _("What went well"), _("What was hard"), _("What I would do differently"),
           _("Support I need"), _("State"), _("Signed off by"), _("Signed off on")])
    entries = (PracticeEntry.objects.filter(enrollment=enrollment)
               .select_related("activity_kind", "approved_by").order_by("date", "id"))
    for entry in entries:
        write([entry.date.isoformat(), entry.activity_kind, entry.duration_minutes,
               entry.get_modality_display(), entry.get_setting_display(), entry.people_served,
               entry.language, _("yes") if entry.interpreter_present else _("no"),
               entry.went_well, entry.was_hard, entry.do_differently, entry.support_needed,
               entry.get_state_display(), entry.approved_by or "",
               timezone.localdate(entry.approved_at).isoformat() if entry.approved_at else ""])


def logbook_pdf(enrollment: Enrollment, *, base_url: str) -> bytes:
    """The approved practice of an enrollment as a PDF: hours per activity kind against
    the course's requirements, and each approved entry with who signed it off."""
    from weasyprint import HTML

    requirements = list(enrollment.course.practice_requirements.select_related("activity_kind")
                        .order_by("sort_order", "pk"))
    approved = selectors.approved_practice_minutes_by_kind([enrollment.pk])[enrollment.pk]
    listed = {r.activity_kind_id for r in requirements}
    totals = [{"activity_kind": r.activity_kind, "required": format_hours(r.minimum_hours),
               "approved": format_hours(selectors.minutes_to_hours(
                   approved.get(r.activity_kind_id, 0)))} for r in requirements]
    entries = list(PracticeEntry.objects
                   .filter(enrollment=enrollment, state=PracticeEntry.State.APPROVED)
                   .select_related("activity_kind", "approved_by").order_by("date", "id"))
    extra = sum(m for kind, m in approved.items() if kind not in listed)
    html = render_to_string("supervision/logbook_pdf.html", {
        "enrollment": enrollment, "totals": totals, "entries": entries,
        "total_approved": format_hours(selectors.minutes_to_hours(sum(approved.values()))),
        "other_approved": format_hours(selectors.minutes_to_hours(extra)) if extra else "",
        "supervision": format_hours(selectors.supervision_hours([enrollment.pk])[enrollment.pk]),
        "generated": timezone.now(),
    })
    return HTML(string=html, base_url=base_url).write_pdf()


def write_hours_csv(out, enrollments: Iterable[Enrollment]) -> None:
    """One row per trainee, course and activity kind: approved, waiting and required hours,
    plus a row for supervision received."""
    write = _writer(out)
    write([_("Trainee"), _("E-mail"), _("Course"), _("Cohort"), _("Activity"),
           _("Approved hours"), _("Waiting for review (hours)"), _("Required hours")])
    enrollments = list(enrollments.select_related("trainee", "course", "cohort")
                       .order_by("trainee__full_name", "pk")
                       if hasattr(enrollments, "select_related") else enrollments)
    ids = [e.pk for e in enrollments]
    approved = selectors.approved_practice_minutes_by_kind(ids)
    waiting = selectors.submitted_minutes_by_kind(ids)
    supervision = selectors.supervision_hours(ids)
    by_course: dict[int, list] = {}
    for row in (CoursePracticeRequirement.objects
                .filter(course_id__in={e.course_id for e in enrollments})
                .select_related("activity_kind").order_by("sort_order", "pk")):
        by_course.setdefault(row.course_id, []).append(row)
    for e in enrollments:
        base = [e.trainee, e.trainee.email, e.course.title, e.cohort or ""]
        for requirement in by_course.get(e.course_id, []):
            kind = requirement.activity_kind_id
            write([*base, requirement.activity_kind,
                   format_hours(selectors.minutes_to_hours(approved[e.pk].get(kind, 0))),
                   format_hours(selectors.minutes_to_hours(waiting[e.pk].get(kind, 0))),
                   format_hours(requirement.minimum_hours)])
        write([*base, _("Supervision received"), format_hours(supervision[e.pk]), "",
               format_hours(e.course.required_supervision_hours)])
