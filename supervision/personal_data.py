"""The supervision layer's part of a person's data: practice entries and their review,
supervision sessions attended, competency ratings, and the logbooks as files.
Registered in `SupervisionConfig.ready()`."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from courses.models import Enrollment
from lms.personal_data import ERASED, Contributor, PersonalDataPart
from lms.spreadsheets import csv_lines

from .exports import logbook_pdf, logbook_rows
from .models import (
    CompetencyAssessment,
    CompetencyRating,
    FollowUp,
    PracticeEntry,
    ReviewEvent,
    SupervisionRequest,
    SupervisionSession,
)

# The trainee's own words about their practice. Review comments, session topics and
# rating notes are the supervisor's professional record and are kept as written.
REFLECTIONS = ("went_well", "was_hard", "do_differently", "support_needed")


def export(user) -> PersonalDataPart:
    """The person's practice record and their logbooks (CSV and PDF per enrollment)."""
    enrollments = list(Enrollment.objects.filter(trainee=user).select_related("course")
                       .order_by("enrolled_at", "pk"))
    entries = list(PracticeEntry.objects.filter(enrollment__trainee=user)
                   .select_related("activity_kind", "approved_by").order_by("date", "pk"))
    events: dict[int, list] = {e.pk: [] for e in entries}
    for event in (ReviewEvent.objects.filter(entry__in=entries).select_related("actor")
                  .order_by("created_at", "pk")):
        events[event.entry_id].append({
            "from_state": event.from_state, "to_state": event.to_state,
            "by": str(event.actor), "comment": event.comment, "at": event.created_at})
    sessions = list(SupervisionSession.objects.filter(enrollments__trainee=user).distinct()
                    .select_related("supervisor").order_by("date", "pk"))
    requests = list(SupervisionRequest.objects.filter(enrollment__trainee=user)
                    .select_related("supervisor").order_by("created_at", "pk"))
    ratings = list(CompetencyRating.objects.filter(enrollment__trainee=user)
                   .select_related("competency", "supervisor").order_by("rated_at", "pk"))
    # Final assessments only: ratings in progress are the raters' working notes.
    assessments = list(CompetencyAssessment.objects.filter(
        enrollment__trainee=user, state=CompetencyAssessment.State.FINAL)
        .select_related("tool").prefetch_related("results__competency",
                                                 "results__harmful_behaviours")
        .order_by("observed_on", "pk"))
    follow_ups = list(FollowUp.objects.filter(enrollment__trainee=user).order_by("opened_at",
                                                                                 "pk"))
    data = {
        "competency_assessments": [{
            "enrollment": a.enrollment_id, "tool": a.tool.name, "kind": a.kind,
            "observation_type": a.observation_type, "observed_on": a.observed_on,
            "results": [{"competency": r.competency.name, "level": r.level,
                         "behaviours_noted": [b.description
                                              for b in r.harmful_behaviours.all()],
                         "note": r.note} for r in a.results.all()],
        } for a in assessments],
        "follow_ups": [{
            "enrollment": f.enrollment_id, "observed": f.observed, "plan": f.plan,
            "due_on": f.due_on, "state": f.state, "opened_at": f.opened_at,
            "closed_at": f.closed_at,
        } for f in follow_ups],
        "practice_entries": [{
            "id": e.pk, "enrollment": e.enrollment_id, "date": e.date,
            "duration_minutes": e.duration_minutes, "activity": str(e.activity_kind),
            "modality": e.modality, "setting": e.setting, "people_served": e.people_served,
            "language": e.language, "interpreter_present": e.interpreter_present,
            **{field: getattr(e, field) for field in REFLECTIONS},
            "state": e.state, "submitted_at": e.submitted_at, "approved_at": e.approved_at,
            "approved_by": str(e.approved_by) if e.approved_by_id else None,
            "review_events": events[e.pk],
        } for e in entries],
        "supervision_sessions": [{
            "id": s.pk, "date": s.date, "duration_minutes": s.duration_minutes,
            "format": s.format, "topics": s.topics, "supervisor": str(s.supervisor),
        } for s in sessions],
        "competency_ratings": [{
            "enrollment": r.enrollment_id, "competency": str(r.competency),
            "level": r.level, "harmful_behaviour": r.harmful_behaviour,
            "observation": r.observation, "notes": r.notes, "supervisor": str(r.supervisor),
            "rated_at": r.rated_at,
        } for r in ratings],
        "supervision_requests": [{
            "enrollment": r.enrollment_id, "supervisor": str(r.supervisor),
            "message": r.message, "status": r.status, "requested_at": r.created_at,
            "answered_at": r.answered_at,
        } for r in requests],
    }
    files = {}
    with_entries = {e.enrollment_id for e in entries}
    for enrollment in enrollments:
        if enrollment.pk not in with_entries:
            continue
        # csv_lines starts with the byte-order mark that Excel needs for Arabic.
        files[f"logbook-{enrollment.pk}.csv"] = "".join(
            csv_lines(logbook_rows(enrollment))).encode("utf-8")
        files[f"logbook-{enrollment.pk}.pdf"] = logbook_pdf(
            enrollment, base_url=settings.SITE_URL.rstrip("/") + "/")
    return PersonalDataPart(data=data, files=files,
                            audit_targets=[*entries, *sessions, *ratings, *requests,
                                           *assessments, *follow_ups])


def erase(user) -> dict:
    """Replace the trainee's reflections and request notes with "[erased]"; dates, minutes, activities and
    states stay, so hours and counts do not change.

    Approved entries are locked by a trigger; it lets exactly this change through (the
    reflections become "[erased]", nothing else moves), so each column is updated on its
    own, without touching `updated_at`.
    """
    mine = PracticeEntry.objects.filter(enrollment__trainee=user)
    blanked: set[int] = set()
    for field in REFLECTIONS:
        rows = mine.exclude(Q(**{field: ""}) | Q(**{field: ERASED}))
        blanked.update(rows.values_list("pk", flat=True))
        rows.update(**{field: ERASED})
    # The note sent with a supervision request is the trainee's own words too.
    requests = (SupervisionRequest.objects.filter(enrollment__trainee=user)
                .exclude(message__in=["", ERASED]).update(message=ERASED))
    return {"practice_entries_blanked": len(blanked), "supervision_requests_blanked": requests}


contributor = Contributor(name="supervision", export=export, erase=erase)
