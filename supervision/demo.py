"""Demo practice for the English demo trainee, left part-way so a visitor can finish it.

The trainee's "Basic helping skills" logbook gets one draft, two submitted entries, one
entry approved by the demo supervisor and one returned with a comment, plus one
supervision session. Competencies stay unrated, so the enrollment is not complete until
the supervisor approves the waiting entries and rates the trainee.
"""

import datetime
import random

from django.utils import timezone

from courses.demo import PROGRAMME_COHORTS, SEED
from courses.models import Cohort, Enrollment
from lms.demo import historical_timestamps
from lms.models import User

from . import selectors, services
from .models import (
    CalibrationExercise,
    CompetencyAssessment,
    CompetencyRating,
    ItemResult,
    PracticeEntry,
    ReviewEvent,
    SupervisionSession,
    SupervisorAssignment,
)

TRAINEE = "trainee@sanad.example"
SUPERVISOR = "supervisor@sanad.example"
CO_RATER = "supervisor.lb@sanad.example"
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
    _seed_trainee(stdout)
    _seed_programme(stdout)
    _seed_calibration(stdout)


LEAD_TRAINER = "lead.trainer@sanad.example"
CALIBRATION_TITLE = "Helping skills: a father who cannot sleep (reference role-play)"
CALIBRATION_TOOL = "Sanad helping skills observation"
# A link, so the demo needs no video file; an uploaded file is served privately instead.
CALIBRATION_URL = "https://media.sanad.example/calibration/father-who-cannot-sleep.mp4"
# Reference levels per item in the tool's order, and two supervisors' blind ratings:
# the first within one level everywhere, the second two levels off on two items (75%,
# below the 80% pass mark, so the report flags them).
CALIBRATION_REFERENCE = [3, 4, 2, 3, 2, 2, 3, 3]
CALIBRATION_RATERS = {
    "supervisor@sanad.example": [3, 4, 2, 3, 2, 1, 3, 4],
    "supervisor.lb@sanad.example": [4, 4, 1, 4, 4, 1, 4, 1],
}


def _seed_calibration(stdout):
    """One revealed calibration exercise on the helping-skills tool, rated by two demo
    supervisors, so the report shows figures. Skipped when it is already there."""
    from content.models import CompetencyTool

    from . import calibration

    if CalibrationExercise.objects.filter(title=CALIBRATION_TITLE).exists():
        stdout.write("Demo calibration already there.")
        return
    lead = User.objects.filter(email=LEAD_TRAINER).first()
    tool = CompetencyTool.objects.filter(name=CALIBRATION_TOOL,
                                         locale__language_code="en").first()
    raters = {u.email: u for u in User.objects.filter(email__in=CALIBRATION_RATERS)}
    if lead is None or tool is None or len(raters) < len(CALIBRATION_RATERS):
        stdout.write("Demo calibration skipped: the lead trainer, the tool or the "
                     "supervisors are not there.")
        return
    items = calibration.tool_items(tool.pk)

    def levels(values):
        return [calibration.ItemLevel(competency_id=c.pk, level=level)
                for c, level in zip(items, values, strict=True)]

    exercise = calibration.calibration_exercise_create(
        author=lead, tool=tool, title=CALIBRATION_TITLE,
        instructions="Watch the whole role-play once, without pausing, then rate every "
                     "item on your own.",
        recording_url=CALIBRATION_URL, pass_threshold=80,
        references=levels(CALIBRATION_REFERENCE))
    calibration.calibration_exercise_publish(exercise=exercise, actor=lead)
    for email, values in CALIBRATION_RATERS.items():
        calibration.calibration_rating_submit(exercise=exercise, rater=raters[email],
                                              ratings=levels(values))
    calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    stdout.write("Demo calibration exercise ready (revealed, two raters).")


def _seed_trainee(stdout):
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
    # A second supervisor, so an endline can be rated by two raters who then agree.
    co_rater = User.objects.filter(email=CO_RATER).first()
    if co_rater is not None:
        SupervisorAssignment.objects.get_or_create(supervisor=co_rater, enrollment=enrollment)
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


# --- The programme (cohorts from courses/demo.py) ------------------------------------

REFLECTIONS = [
    ("Let the person tell their story at their own pace.", "Holding back advice."),
    ("Agreed one small step for the coming week.", "The session was interrupted twice."),
    ("Used the grounding exercise; breathing slowed.", "Ending on time."),
    ("Checked understanding with the interpreter before starting.",
     "Long turns were hard to render faithfully."),
    ("Referred to the clinic with a warm handover.", "Waiting list of three weeks."),
    ("Everyone in the group spoke at least once.", "One participant left early, upset."),
]
TOPICS = ["Case review; referral pathways.", "Self-care and peer support.",
          "Working with grief and loss.", "Safety planning; when to refer.",
          "Group facilitation: managing strong emotions."]


def _seed_programme(stdout):
    """Practice, supervision and ratings for the programme cohorts' new enrollments.

    Completed enrollments get everything their course asks for, dated before they
    completed; active ones are part-way, with entries waiting for review; withdrawn ones
    stop early. One active trainee in Irbid has the demo's only level-1 rating. Skipped
    for an enrollment (or a cohort's sessions) already there.
    """
    cohorts = list(Cohort.objects.filter(name__in=[c.name for c in PROGRAMME_COHORTS])
                   .select_related("course").prefetch_related("supervisors"))
    if not cohorts:
        stdout.write("Programme practice skipped: no programme cohorts.")
        return
    counts = {"entries": 0, "sessions": 0, "ratings": 0}
    for cohort in sorted(cohorts, key=lambda c: c.name):
        supervisors = sorted(cohort.supervisors.all(), key=lambda u: u.email)
        if not supervisors:
            continue
        enrollments = sorted(
            Enrollment.objects.filter(cohort=cohort).select_related("trainee")
            .filter(practice_entries__isnull=True, competency_ratings__isnull=True),
            key=lambda e: e.trainee.email)
        course = cohort.course
        practice = list(course.practice_requirements.select_related("activity_kind"))
        competencies = list(course.competency_requirements.select_related("competency"))
        entries, ratings = [], []
        for index, enrollment in enumerate(enrollments):
            rng = random.Random(f"{SEED}:{enrollment.trainee.email}")
            supervisor = supervisors[index % len(supervisors)]
            entries += _practice(rng, enrollment, practice, supervisor)
            ratings += _ratings(rng, enrollment, competencies, supervisor)
        if (cohort.name == "Irbid — helping skills" and competencies
                and not CompetencyRating.objects.filter(enrollment__cohort=cohort,
                                                        level=1).exists()):
            ratings += _one_harmful_rating(enrollments, competencies[0], supervisors[0])
        _save_entries(entries)
        with historical_timestamps(CompetencyRating._meta.get_field("rated_at")):
            CompetencyRating.objects.bulk_create(ratings)
        counts["assessments"] = counts.get("assessments", 0) + _observations(
            enrollments, course, supervisors)
        counts["entries"] += len(entries)
        counts["ratings"] += len(ratings)
        if not SupervisionSession.objects.filter(enrollments__cohort=cohort).exists():
            counts["sessions"] += _sessions(cohort, supervisors, course)
    stdout.write(f"Programme practice: {counts['entries']} entries, {counts['sessions']} "
                 f"supervision sessions, {counts['ratings']} competency ratings and "
                 f"{counts.get('assessments', 0)} competency assessments added.")


def _span(enrollment):
    """The enrollment's first and last days of practice, and whether it has ended."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    first = timezone.localdate(enrollment.enrolled_at) + datetime.timedelta(days=7)
    ended = enrollment.completed_at or enrollment.withdrawn_at
    last = timezone.localdate(ended) - datetime.timedelta(days=1) if ended else yesterday
    return first, min(last, yesterday)


def _practice(rng, enrollment, requirements, supervisor) -> list[PracticeEntry]:
    first, last = _span(enrollment)
    if (last - first).days < 3:
        return []
    status = enrollment.status
    share = (1.0 if status == Enrollment.Status.COMPLETED
             else rng.uniform(0.0, 0.4) if status == Enrollment.Status.WITHDRAWN
             else rng.uniform(0.2, 1.0))
    entries = []
    for requirement in requirements:
        needed = int(requirement.minimum_hours * 60)
        goal = needed + rng.choice([0, 0, 45, 60]) if share == 1.0 else int(needed * share)
        logged = 0
        while logged < goal:
            minutes = rng.choice([45, 60, 60, 90])
            day = first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
            went_well, was_hard = rng.choice(REFLECTIONS)
            group = "group" in requirement.activity_kind.name.lower()
            entries.append(PracticeEntry(
                enrollment=enrollment, activity_kind=requirement.activity_kind, date=day,
                duration_minutes=minutes,
                modality=rng.choice(["in_person", "in_person", "in_person", "phone"]),
                setting=rng.choice(["community_centre", "camp"]),
                people_served=rng.randint(4, 12) if group else 1,
                language=rng.choice(["Arabic", "Arabic", "Kurdish", "English"]),
                interpreter_present=rng.random() < 0.15, went_well=went_well,
                was_hard=was_hard))
            logged += minutes
    entries.sort(key=lambda e: e.date)
    now = timezone.now()
    ended = enrollment.completed_at or enrollment.withdrawn_at
    for position, entry in enumerate(entries):
        submitted = _moment(entry.date + datetime.timedelta(days=rng.randrange(3)), rng)
        decided = submitted + datetime.timedelta(hours=rng.randrange(4, 24 * 9))
        recent = position >= len(entries) - 2 and status == Enrollment.Status.ACTIVE
        if ended is not None:
            submitted, decided = min(submitted, ended), min(decided, ended)
        if recent and rng.random() < 0.7:
            # Waiting for the supervisor (or still a draft, now and then).
            if rng.random() < 0.15:
                continue
            entry.state = PracticeEntry.State.SUBMITTED
            entry.submitted_at = min(submitted, now)
        elif decided >= now:
            entry.state = PracticeEntry.State.SUBMITTED
            entry.submitted_at = min(submitted, now)
        else:
            entry.state = PracticeEntry.State.APPROVED
            entry.submitted_at, entry.approved_at = submitted, decided
            entry.approved_by = supervisor
        entry.created_at = entry.updated_at = entry.submitted_at
    for entry in entries:
        if entry.created_at is None:
            entry.created_at = entry.updated_at = _moment(entry.date, rng)
    return entries


def _moment(day, rng):
    return timezone.make_aware(datetime.datetime.combine(
        day, datetime.time(9 + rng.randrange(8), rng.randrange(60))))


def _save_entries(entries) -> None:
    with historical_timestamps(PracticeEntry._meta.get_field("created_at"),
                               PracticeEntry._meta.get_field("updated_at")):
        PracticeEntry.objects.bulk_create(entries)
    events = []
    for entry in entries:
        if entry.submitted_at:
            events.append(ReviewEvent(entry=entry, actor=entry.enrollment.trainee,
                                      from_state="draft", to_state="submitted",
                                      created_at=entry.submitted_at))
        if entry.state == PracticeEntry.State.APPROVED:
            events.append(ReviewEvent(entry=entry, actor=entry.approved_by,
                                      from_state="submitted", to_state="approved",
                                      created_at=entry.approved_at))
    with historical_timestamps(ReviewEvent._meta.get_field("created_at")):
        ReviewEvent.objects.bulk_create(events)


def _ratings(rng, enrollment, requirements, supervisor) -> list[CompetencyRating]:
    first, last = _span(enrollment)
    if (last - first).days < 7:
        return []
    status = enrollment.status
    rated_twice = (status == Enrollment.Status.COMPLETED
                   or (status == Enrollment.Status.ACTIVE and rng.random() < 0.5))
    if status != Enrollment.Status.COMPLETED and rng.random() < 0.3:
        return []
    ratings = []
    length = (last - first).days
    for requirement in requirements:
        required = requirement.required_level
        baseline = max(2, required - rng.choice([0, 1, 1]))
        moments = [first + datetime.timedelta(days=length // 4)]
        levels = [baseline]
        if rated_twice:
            moments.append(first + datetime.timedelta(days=length * 9 // 10))
            levels.append(min(4, required + (rng.random() < 0.3))
                          if status == Enrollment.Status.COMPLETED
                          else min(4, baseline + rng.choice([0, 0, 1])))
        for day, level in zip(moments, levels, strict=True):
            ratings.append(CompetencyRating(
                enrollment=enrollment, competency=requirement.competency, supervisor=supervisor,
                level=level, observation=rng.choice(["role_play", "live_session"]),
                rated_at=_moment(day, rng)))
    return ratings


def _observations(enrollments, course, supervisors) -> int:
    """Structured observations with each of the course's tools, agreed and final: a
    baseline early on (now and then with a harmful behaviour seen), and for completed
    trainees an endline at the level the course asks for. Returns how many."""
    tools = [(row, [item.competency for item in row.tool.items.order_by("sort_order")
                    .select_related("competency")])
             for row in course.competency_tools.select_related("tool")]
    if not tools:
        return 0
    behaviours = {}
    for _row, competencies in tools:
        for competency in competencies:
            behaviours[competency.pk] = list(competency.harmful_behaviours.all()[:1])
    planned = []
    for index, enrollment in enumerate(enrollments):
        rng = random.Random(f"{SEED}:observed:{enrollment.trainee.email}")
        first, last = _span(enrollment)
        if (last - first).days < 7 or (enrollment.status != Enrollment.Status.COMPLETED
                                       and rng.random() < 0.4):
            continue
        supervisor = supervisors[index % len(supervisors)]
        for row, competencies in tools:
            baseline = {c.pk: rng.choice([1, 2, 2, 2, 3]) for c in competencies}
            planned.append((enrollment, row.tool, "baseline", first, supervisor, baseline))
            if enrollment.status == Enrollment.Status.COMPLETED:
                endline = {c.pk: max(row.required_level, min(4, level + rng.choice([1, 1, 2])))
                           for c in competencies for level in [baseline[c.pk]]}
                planned.append((enrollment, row.tool, "endline",
                                first + (last - first) * 9 // 10, supervisor, endline))
    assessments = CompetencyAssessment.objects.bulk_create([
        CompetencyAssessment(
            enrollment=enrollment, tool=tool, kind=kind, observed_on=day,
            observation_type=CompetencyAssessment.ObservationType.LIVE_SESSION,
            state=CompetencyAssessment.State.FINAL, created_by=supervisor,
            finalised_by=supervisor,
            finalised_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(17))))
        for enrollment, tool, kind, day, supervisor, _levels in planned])
    results = ItemResult.objects.bulk_create([
        ItemResult(assessment=assessment, competency_id=pk, level=level)
        for assessment, plan in zip(assessments, planned, strict=True)
        for pk, level in plan[5].items()])
    # A level 1 at a baseline is a harmful behaviour seen, named in the item's words.
    ItemResult.harmful_behaviours.through.objects.bulk_create([
        ItemResult.harmful_behaviours.through(itemresult_id=result.pk,
                                              harmfulbehaviour_id=behaviour.pk)
        for result in results if result.level == 1
        for behaviour in behaviours.get(result.competency_id, [])])
    return len(assessments)


def _one_harmful_rating(enrollments, requirement, supervisor) -> list[CompetencyRating]:
    """The demo's only level-1 rating: recent, on the first active trainee of the cohort."""
    trainee = next((e for e in enrollments if e.status == Enrollment.Status.ACTIVE), None)
    if trainee is None:
        return []
    day = timezone.localdate() - datetime.timedelta(days=12)
    return [CompetencyRating(
        enrollment=trainee, competency=requirement.competency, supervisor=supervisor,
        level=1, harmful_behaviour=True, observation="role_play",
        notes="Pressed the person to describe the traumatic event in detail. Discussed in "
              "supervision; observed again before any unsupervised practice.",
        rated_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(11))))]


def _sessions(cohort, supervisors, course) -> int:
    """Group supervision every three weeks for whoever is on the course, and individual
    sessions that top up anyone who completed without enough supervision hours."""
    rng = random.Random(f"{SEED}:{cohort.name}")
    enrollments = list(Enrollment.objects.filter(cohort=cohort))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    last = min(cohort.end_date, yesterday)
    day = cohort.start_date + datetime.timedelta(days=14)
    attended = {e.pk: 0 for e in enrollments}
    made = 0
    while day <= last:
        present = [e for e in enrollments
                   if timezone.localdate(e.enrolled_at) <= day
                   and not (e.completed_at and timezone.localdate(e.completed_at) < day)
                   and not (e.withdrawn_at and timezone.localdate(e.withdrawn_at) < day)
                   and rng.random() < 0.85]
        if present:
            minutes = rng.choice([60, 90, 90, 120])
            session = SupervisionSession.objects.create(
                supervisor=supervisors[made % len(supervisors)], date=day,
                duration_minutes=minutes, format="group", topics=rng.choice(TOPICS))
            session.enrollments.add(*present)
            for enrollment in present:
                attended[enrollment.pk] += minutes
            made += 1
        day += datetime.timedelta(days=21)
    required = int(course.required_supervision_hours * 60)
    for enrollment in enrollments:
        if enrollment.status != Enrollment.Status.COMPLETED or attended[enrollment.pk] >= required:
            continue
        day = max(timezone.localdate(enrollment.enrolled_at),
                  timezone.localdate(enrollment.completed_at) - datetime.timedelta(days=2))
        session = SupervisionSession.objects.create(
            supervisor=supervisors[0], date=day, format="individual",
            duration_minutes=max(60, required - attended[enrollment.pk]),
            topics=rng.choice(TOPICS))
        session.enrollments.add(enrollment)
        made += 1
    return made
