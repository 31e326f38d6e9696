"""The logbook as CSV and PDF, and a supervisor's export of their trainees' hours."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import CoursePracticeRequirement
from courses.models import Enrollment
from lms import spreadsheets

from . import selectors
from .models import PracticeEntry
from .requirements import format_hours

# Trainees are read this many at a time for the hours export: the totals are computed for
# a whole batch in a few queries, and memory stays bounded however many there are.
HOURS_BATCH = 200


def logbook_rows(enrollment: Enrollment) -> Iterator[list]:
    """Every entry of the enrollment, oldest first, with its state and who signed it off:
    a header, then one row per entry, read from the database in chunks."""
    yield [_("Date"), _("Activity"), _("Minutes"), _("Modality"), _("Setting"),
           _("People served"), _("Language"), _("Interpreter or cultural mediator"),
           _("What went well"), _("What was hard"), _("What I would do differently"),
           _("Support I need"), _("State"), _("Signed off by"), _("Signed off on")]
    entries = (PracticeEntry.objects.filter(enrollment=enrollment)
               .select_related("activity_kind", "approved_by").order_by("date", "id"))
    for entry in entries.iterator(chunk_size=500):
        yield [entry.date, entry.activity_kind, entry.duration_minutes,
               entry.get_modality_display(), entry.get_setting_display(), entry.people_served,
               entry.language, _("yes") if entry.interpreter_present else _("no"),
               entry.went_well, entry.was_hard, entry.do_differently, entry.support_needed,
               entry.get_state_display(), entry.approved_by or "",
               timezone.localdate(entry.approved_at) if entry.approved_at else ""]


def logbook_csv_response(enrollment: Enrollment):
    """The logbook as a CSV download, streamed row by row."""
    return spreadsheets.csv_response(f"logbook-{enrollment.pk}.csv", logbook_rows(enrollment))


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


def hours_rows(enrollments: QuerySet[Enrollment]) -> Iterator[list]:
    """One row per trainee, course and activity kind: approved, waiting and required hours,
    plus a row for supervision received. Trainees are taken in batches, and each batch's
    hours are computed together."""
    yield [_("Trainee"), _("E-mail"), _("Course"), _("Cohort"), _("Activity"),
           _("Approved hours"), _("Waiting for review (hours)"), _("Required hours")]
    ordered = enrollments.order_by("trainee__full_name", "pk")
    ids = list(ordered.values_list("pk", flat=True))
    requirements_by_course: dict[int, list] = {}
    for start in range(0, len(ids), HOURS_BATCH):
        batch_ids = ids[start:start + HOURS_BATCH]
        by_pk = (Enrollment.objects.select_related("trainee", "course", "cohort")
                 .in_bulk(batch_ids))
        batch = [by_pk[pk] for pk in batch_ids if pk in by_pk]
        approved = selectors.approved_practice_minutes_by_kind(batch_ids)
        waiting = selectors.submitted_minutes_by_kind(batch_ids)
        supervision = selectors.supervision_hours(batch_ids)
        new_courses = {e.course_id for e in batch} - requirements_by_course.keys()
        for course_id in new_courses:
            requirements_by_course[course_id] = []
        for row in (CoursePracticeRequirement.objects.filter(course_id__in=new_courses)
                    .select_related("activity_kind").order_by("sort_order", "pk")):
            requirements_by_course[row.course_id].append(row)
        for e in batch:
            base = [e.trainee, e.trainee.email, e.course.title, e.cohort or ""]
            for requirement in requirements_by_course[e.course_id]:
                kind = requirement.activity_kind_id
                yield [*base, requirement.activity_kind,
                       format_hours(selectors.minutes_to_hours(approved[e.pk].get(kind, 0))),
                       format_hours(selectors.minutes_to_hours(waiting[e.pk].get(kind, 0))),
                       format_hours(requirement.minimum_hours)]
            yield [*base, _("Supervision received"), format_hours(supervision[e.pk]), "",
                   format_hours(e.course.required_supervision_hours)]


def hours_csv_response(enrollments: QuerySet[Enrollment]):
    """A supervisor's export of their trainees' hours, streamed row by row."""
    return spreadsheets.csv_response("trainee-hours.csv", hours_rows(enrollments))
