"""Demo practice for the English demo trainee, left part-way so a visitor can finish it.

The trainee's "Basic helping skills" logbook gets one draft, two submitted entries, one
entry approved by the demo supervisor and one returned with a comment, plus one
supervision session. Competencies stay unrated, so the enrollment is not complete until
the supervisor approves the waiting entries and rates the trainee.
"""

import datetime

from django.utils import timezone

from courses.models import Enrollment
from lms.models import User

from . import selectors, services
from .models import PracticeEntry, SupervisionSession, SupervisorAssignment

TRAINEE = "trainee@sanad.example"
SUPERVISOR = "supervisor@sanad.example"
COURSE_SLUG = "basic-helping-skills"

# (activity kind name, minutes, days ago, modality, setting, people, went well, was hard)
ENTRIES = {
    "approved": ("Individual counselling session", 60, 6, "in_person", "community_centre", 1,
                 "I let the silences be and reflected feelings back before asking questions.",
                 "Not offering solutions too early."),
    "returned": ("Group session", 45, 5, "in_person", "camp", 8,
                 "Everyone spoke at least once.",
                 "Two participants dominated the discussion."),
    "submitted_1": ("Individual counselling session", 60, 4, "phone", "online", 1,
                    "Agreed a small, concrete first step with the person.",
                    "The line kept dropping; hard to hear distress in the voice."),
    "submitted_2": ("Group session", 60, 3, "in_person", "community_centre", 10,
                    "Used the grounding exercise from module 2; the group calmed.",
                    "Keeping to time."),
    "draft": ("Individual counselling session", 30, 1, "video", "online", 1,
              "Good rapport from the start.", ""),
}
RETURN_COMMENT = ("Please say what you did when the two participants dominated, and what "
                  "you would try next time.")


def seed(stdout):
    trainee = User.objects.filter(email=TRAINEE).first()
    supervisor = User.objects.filter(email=SUPERVISOR).first()
    enrollment = (Enrollment.objects.filter(trainee=trainee, course__slug=COURSE_SLUG)
                  .select_related("course", "cohort").first() if trainee else None)
    if not (trainee and supervisor and enrollment):
        stdout.write("Demo practice skipped: the demo trainee's enrollment is not there.")
        return
    kinds = {r.activity_kind.name: r.activity_kind
             for r in enrollment.course.practice_requirements.select_related("activity_kind")}
    if not kinds:
        stdout.write("Demo practice skipped: the demo course asks for no practice.")
        return
    if not selectors.user_supervises(supervisor, enrollment):
        SupervisorAssignment.objects.get_or_create(supervisor=supervisor, enrollment=enrollment)
    if PracticeEntry.objects.filter(enrollment=enrollment).exists():
        stdout.write("Demo practice already there.")
        return

    today = timezone.localdate()
    enrolled_on = timezone.localdate(enrollment.enrolled_at)
    entries = {}
    for key, (kind, minutes, days_ago, modality, setting, people, went_well,
              was_hard) in ENTRIES.items():
        entry = PracticeEntry(
            enrollment=enrollment, activity_kind=kinds.get(kind, next(iter(kinds.values()))),
            date=max(enrolled_on, today - datetime.timedelta(days=days_ago)),
            duration_minutes=minutes, modality=modality, setting=setting,
            people_served=people, language="Arabic", interpreter_present=key == "returned",
            went_well=went_well, was_hard=was_hard,
            support_needed="Ideas for ending a session on time." if key == "draft" else "")
        entries[key] = services.practice_entry_save(trainee=trainee, entry=entry)
    services.practice_entries_submit(
        trainee=trainee, entries=[entries[k] for k in ("approved", "returned")])
    services.practice_entry_review(entry=entries["approved"], supervisor=supervisor,
                                   decision=services.Decision.APPROVE,
                                   comment="Well reflected.")
    services.practice_entry_review(entry=entries["returned"], supervisor=supervisor,
                                   decision=services.Decision.RETURN, comment=RETURN_COMMENT)
    services.practice_entries_submit(
        trainee=trainee, entries=[entries[k] for k in ("submitted_1", "submitted_2")])
    # One of them has waited long enough to appear in the supervisor's digest.
    PracticeEntry.objects.filter(pk=entries["submitted_1"].pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=4))

    if not SupervisionSession.objects.filter(supervisor=supervisor,
                                             enrollments=enrollment).exists():
        services.supervision_session_record(
            supervisor=supervisor, date=max(enrolled_on, today - datetime.timedelta(days=2)),
            duration_minutes=60, format="individual", enrollments=[enrollment],
            topics="Managing silences; when and how to refer; self-care after hard sessions.")
    stdout.write("Demo practice ready: 1 draft, 2 submitted, 1 approved, 1 returned, "
                 "1 supervision session.")
