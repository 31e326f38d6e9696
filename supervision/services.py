"""Rules that change supervised practice. Keyword-only, atomic; views and tasks call these.

Each service checks who may act, validates, then writes. Rule violations raise
ValidationError with a message for the person; acting on something that is not yours
raises PermissionDenied (views have already answered 404 by fetching through a selector).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content.models import (
    Competency,
    CompetencyTool,
    CompetencyToolItem,
    CoursePage,
    CoursePracticeRequirement,
    HarmfulBehaviour,
    RolePlayScenario,
)
from courses.models import Cohort, Enrollment
from courses.services import enrollment_check_completion
from lms.models import User
from lms.privacy import contact_details_problems
from lms.roles import Role
from lms.services import audit_record
from lms.text import clean_text

from . import selectors
from .models import (
    MAX_ENTRY_MINUTES,
    MAX_SESSION_MINUTES,
    AssessmentRater,
    CompetencyAssessment,
    CompetencyRating,
    CourseSupervisor,
    FollowUp,
    ItemRating,
    ItemResult,
    PracticeEntry,
    ReviewEvent,
    SupervisionRequest,
    SupervisionSession,
    SupervisorAssignment,
)

State = PracticeEntry.State
EDITABLE_STATES = (State.DRAFT, State.RETURNED)
FREE_TEXT_FIELDS = ("language", "went_well", "was_hard", "do_differently", "support_needed")


class Decision:
    APPROVE = "approve"
    RETURN = "return"


# --- Validation ----------------------------------------------------------------------

# Supervision is given in sittings; a working day of it is already a lot.


def practice_time_errors(*, date: datetime.date | None, duration_minutes: int | None,
                         enrolled_on: datetime.date | None, max_minutes: int,
                         today: datetime.date | None = None, own: bool = True
                         ) -> dict[str, list[str]]:
    """The date and duration rules of recorded practice, by field (empty when met).

    One rule for practice entries and supervision sessions: not in the future, not before
    the enrolment (`enrolled_on`; for a session, the earliest of the trainees present),
    and from 1 to `max_minutes` long. `own` says whether the person recording is the
    trainee (the message then says "you").
    """
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if date:
        if date > today:
            errors["date"] = [_("The date cannot be in the future.")]
        elif enrolled_on and date < enrolled_on:
            message = (_("The date cannot be before you enrolled on this course (%(date)s).")
                       if own else
                       _("The date cannot be before the trainees present enrolled on their "
                         "course (%(date)s)."))
            errors["date"] = [message % {"date": date_format(enrolled_on)}]
    if duration_minutes is not None and not 1 <= duration_minutes <= max_minutes:
        errors["duration_minutes"] = [
            ngettext("Enter a duration between 1 and %(max)s minutes (%(hours)s hour).",
                     "Enter a duration between 1 and %(max)s minutes (%(hours)s hours).",
                     max_minutes // 60)
            % {"max": max_minutes, "hours": max_minutes // 60}]
    return errors


def session_time_errors(*, date: datetime.date | None, duration_minutes: int | None,
                        enrollments: Iterable[Enrollment],
                        today: datetime.date | None = None) -> dict[str, list[str]]:
    """practice_time_errors for a supervision session with these trainees present."""
    enrolled = [timezone.localdate(e.enrolled_at) for e in enrollments if e.enrolled_at]
    return practice_time_errors(date=date, duration_minutes=duration_minutes,
                                enrolled_on=min(enrolled, default=None),
                                max_minutes=MAX_SESSION_MINUTES, today=today, own=False)


def practice_entry_errors(entry: PracticeEntry, *, today: datetime.date | None = None
                          ) -> dict[str, list[str]]:
    """The rule violations of an entry's content, by field (empty when it is valid).

    Shared by the form (to show messages next to fields) and the services (so nothing
    bypasses them).
    """
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    enrollment = entry.enrollment
    for field, messages in practice_time_errors(
            date=entry.date, duration_minutes=entry.duration_minutes,
            enrolled_on=timezone.localdate(enrollment.enrolled_at),
            max_minutes=MAX_ENTRY_MINUTES, today=today).items():
        for message in messages:
            add(field, message)
    if entry.activity_kind_id and not CoursePracticeRequirement.objects.filter(
            course_id=enrollment.course_id, activity_kind_id=entry.activity_kind_id).exists():
        add("activity_kind", _("Choose one of the activities this course asks you to practise."))
    for field in FREE_TEXT_FIELDS:
        for problem in contact_details_problems(getattr(entry, field, "")):
            add(field, problem)
    return errors


def _raise_if_invalid(entry: PracticeEntry) -> None:
    errors = practice_entry_errors(entry)
    if errors:
        raise ValidationError(errors)


def _clean_free_text(entry: PracticeEntry) -> None:
    """Clean the entry's free text in place (lms.text), as the form does; callers that
    build an entry without the form get the same text stored."""
    errors = {}
    for name in FREE_TEXT_FIELDS:
        field = PracticeEntry._meta.get_field(name)
        try:
            setattr(entry, name, clean_text(getattr(entry, name), max_length=field.max_length,
                                            multiline=field.get_internal_type() == "TextField"))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


def _append_event(entry: PracticeEntry, *, actor: User, to_state: str,
                  comment: str = "") -> ReviewEvent:
    event = ReviewEvent.objects.create(entry=entry, actor=actor, from_state=entry.state,
                                       to_state=to_state, comment=comment)
    entry.state = to_state
    return event


def _locked(entries_or_ids: Iterable) -> list[PracticeEntry]:
    ids = [getattr(e, "pk", e) for e in entries_or_ids]
    return list(PracticeEntry.objects.select_for_update(of=("self",))
                .select_related("enrollment").filter(pk__in=ids).order_by("pk"))


# --- The trainee's entries -----------------------------------------------------------


@transaction.atomic
def practice_entry_save(*, trainee: User, entry: PracticeEntry) -> PracticeEntry:
    """Create a draft, or save changes to a draft or returned entry of the trainee's.

    Submitted entries wait for their review and approved ones are locked; both refuse.
    """
    if entry.enrollment.trainee_id != trainee.pk:
        raise PermissionDenied
    if entry.enrollment.status != Enrollment.Status.ACTIVE and entry.pk is None:
        raise ValidationError(_("This enrollment is no longer active."))
    if entry.pk is not None:
        current = PracticeEntry.objects.select_for_update().get(pk=entry.pk)
        if current.enrollment_id != entry.enrollment_id:
            raise PermissionDenied
        if current.state not in EDITABLE_STATES:
            raise ValidationError(_("Only drafts and returned entries can be changed; this "
                                    "entry is %(state)s.") % {"state": current.get_state_display()})
        entry.state = current.state
    else:
        entry.state = State.DRAFT
    _clean_free_text(entry)
    _raise_if_invalid(entry)
    entry.save()
    return entry


@transaction.atomic
def practice_entry_delete(*, trainee: User, entry: PracticeEntry) -> None:
    """Delete a draft of the trainee's. Anything already sent for review stays on record."""
    current = PracticeEntry.objects.select_for_update(of=("self",)).select_related("enrollment").get(
        pk=entry.pk)
    if current.enrollment.trainee_id != trainee.pk:
        raise PermissionDenied
    if current.state != State.DRAFT:
        raise ValidationError(_("Only drafts can be deleted."))
    current.delete()


@transaction.atomic
def practice_entries_submit(*, trainee: User, entries: Sequence[PracticeEntry | int]
                            ) -> list[PracticeEntry]:
    """Submit drafts and returned entries of the trainee's for review, as one batch.

    Each entry gets a review event; the supervisors get one e-mail for the whole batch.
    Entries that are already submitted or approved refuse the whole batch.
    """
    from .tasks import notify_supervisors_of_submission

    locked = _locked(entries)
    if not locked:
        raise ValidationError(_("Choose at least one entry to submit."))
    for entry in locked:
        if entry.enrollment.trainee_id != trainee.pk:
            raise PermissionDenied
        if entry.state not in EDITABLE_STATES:
            raise ValidationError(_("Only drafts and returned entries can be submitted."))
        _raise_if_invalid(entry)
    now = timezone.now()
    events = []
    for entry in locked:
        events.append(_append_event(entry, actor=trainee, to_state=State.SUBMITTED))
        entry.submitted_at = now
        entry.save(update_fields=["state", "submitted_at", "updated_at"])
    notify_supervisors_of_submission.delay_on_commit([e.pk for e in events])
    return locked


def practice_entry_submit(*, trainee: User, entry: PracticeEntry) -> PracticeEntry:
    """Submit one entry (a batch of one)."""
    return practice_entries_submit(trainee=trainee, entries=[entry])[0]


# --- Review --------------------------------------------------------------------------


def _check_reviewer(supervisor: User, entry: PracticeEntry) -> None:
    if entry.enrollment.trainee_id == supervisor.pk:
        raise ValidationError(_("Nobody can review their own practice entries."))
    if not supervisor.has_role(Role.SUPERVISOR) or not selectors.user_supervises(
            supervisor, entry.enrollment):
        raise PermissionDenied


@transaction.atomic
def practice_entries_review(*, entries: Sequence[PracticeEntry | int], supervisor: User,
                            decision: str, comment: str = "") -> list[PracticeEntry]:
    """Approve, or return with a comment, submitted entries of the supervisor's trainees.

    All or nothing: one entry that is not submitted, not the supervisor's to review, or
    the supervisor's own refuses the batch. Approvals are audited and locked; completion
    is checked for the enrollments concerned; each trainee gets one e-mail.
    """
    from .tasks import notify_trainees_of_review

    try:
        comment = clean_text(comment, multiline=True)
    except ValidationError as error:
        raise ValidationError({"comment": error.messages}) from error
    if decision not in (Decision.APPROVE, Decision.RETURN):
        raise ValidationError(_("Choose whether to approve or return."))
    if decision == Decision.RETURN and not comment:
        raise ValidationError({"comment": [_("Say what the trainee should change: a comment "
                                             "is required to return an entry.")]})
    problems = contact_details_problems(comment)
    if problems:
        raise ValidationError({"comment": problems})
    locked = _locked(entries)
    if not locked:
        raise ValidationError(_("Choose at least one entry."))
    for entry in locked:
        _check_reviewer(supervisor, entry)
        if entry.state != State.SUBMITTED:
            raise ValidationError(_("Only submitted entries can be reviewed; %(entry)s is "
                                    "%(state)s.") % {"entry": date_format(entry.date),
                                                     "state": entry.get_state_display()})
    now = timezone.now()
    events = []
    for entry in locked:
        if decision == Decision.APPROVE:
            events.append(_append_event(entry, actor=supervisor, to_state=State.APPROVED,
                                        comment=comment))
            entry.approved_by = supervisor
            entry.approved_at = now
            entry.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
            audit_record(actor=supervisor, action="practice_entry.approved", target=entry,
                         enrollment=entry.enrollment_id, minutes=entry.duration_minutes,
                         activity_kind=entry.activity_kind_id, comment=comment)
        else:
            events.append(_append_event(entry, actor=supervisor, to_state=State.RETURNED,
                                        comment=comment))
            entry.save(update_fields=["state", "updated_at"])
    if decision == Decision.APPROVE:
        enrollment_check_completion(enrollment_ids={e.enrollment_id for e in locked})
    notify_trainees_of_review.delay_on_commit([e.pk for e in events])
    return locked


def practice_entry_review(*, entry: PracticeEntry, supervisor: User, decision: str,
                          comment: str = "") -> PracticeEntry:
    """Approve one submitted entry, or return it with a (required) comment."""
    return practice_entries_review(entries=[entry], supervisor=supervisor, decision=decision,
                                   comment=comment)[0]


def practice_entries_approve(*, entries: Sequence[PracticeEntry | int], supervisor: User,
                             comment: str = "") -> list[PracticeEntry]:
    """Approve several submitted entries at once (the queue's checkboxes)."""
    return practice_entries_review(entries=entries, supervisor=supervisor,
                                   decision=Decision.APPROVE, comment=comment)


# --- Assignments ---------------------------------------------------------------------


def _check_assigner(actor: User, cohort: Cohort | None) -> None:
    if cohort is None or not selectors.managed_cohorts(actor).filter(pk=cohort.pk).exists():
        raise PermissionDenied


def _check_supervisor(supervisor: User) -> None:
    if not supervisor.has_role(Role.SUPERVISOR):
        raise ValidationError({"supervisor": [_("%(name)s is not a supervisor.")
                                              % {"name": supervisor}]})


@transaction.atomic
def supervisor_assign_to_cohort(*, actor: User, cohort: Cohort, supervisor: User) -> None:
    """Make the supervisor supervise every trainee of the cohort (trainers of the cohort
    and programme managers of its organisation may). The supervisor may be of another
    organisation."""
    _check_assigner(actor, cohort)
    _check_supervisor(supervisor)
    cohort.supervisors.add(supervisor)
    audit_record(actor=actor, action="supervisor.assigned_to_cohort", target=cohort,
                 supervisor=supervisor.pk)


@transaction.atomic
def supervisor_unassign_from_cohort(*, actor: User, cohort: Cohort, supervisor: User) -> None:
    """Stop the supervisor supervising the cohort as a whole. Past sign-offs stand."""
    _check_assigner(actor, cohort)
    cohort.supervisors.remove(supervisor)
    audit_record(actor=actor, action="supervisor.unassigned_from_cohort", target=cohort,
                 supervisor=supervisor.pk)


@transaction.atomic
def supervisor_assign_to_enrollment(*, actor: User, enrollment: Enrollment,
                                    supervisor: User) -> SupervisorAssignment:
    """Make the supervisor supervise one trainee on one course.

    Trainers of the enrollment's cohort and programme managers of its organisation may;
    for an enrollment outside any cohort, the programme managers of the trainee's
    organisation and the trainers who may edit the course or train a cohort of it.
    """
    if not selectors.enrollments_for_assigner(actor).filter(pk=enrollment.pk).exists():
        raise PermissionDenied
    _check_supervisor(supervisor)
    if supervisor.pk == enrollment.trainee_id:
        raise ValidationError({"supervisor": [_("A trainee cannot supervise themselves.")]})
    assignment, _created = SupervisorAssignment.objects.get_or_create(
        supervisor=supervisor, enrollment=enrollment, defaults={"assigned_by": actor})
    audit_record(actor=actor, action="supervisor.assigned_to_enrollment", target=enrollment,
                 supervisor=supervisor.pk)
    return assignment


# --- A course's supervisor pool ------------------------------------------------------


@transaction.atomic
def course_supervisor_add(*, actor: User, course: CoursePage,
                          supervisor: User) -> CourseSupervisor:
    """Put a supervisor in the course's pool, so its self-paced trainees may ask them.

    Trainers of a cohort of the course and people who may edit it may. Adding someone
    already there changes nothing.
    """
    if not selectors.may_manage_supervisor_pool(actor, course):
        raise PermissionDenied
    _check_supervisor(supervisor)
    member, created = CourseSupervisor.objects.get_or_create(
        course_key=course.translation_key, supervisor=supervisor,
        defaults={"course": course, "added_by": actor})
    if created:
        audit_record(actor=actor, action="course_supervisor.added", target=member,
                     course=str(course.translation_key), supervisor=supervisor.pk)
    return member


@transaction.atomic
def course_supervisor_remove(*, actor: User, course: CoursePage, supervisor: User) -> None:
    """Take a supervisor out of the course's pool. Those they already supervise keep
    them; requests waiting for their answer stay too."""
    if not selectors.may_manage_supervisor_pool(actor, course):
        raise PermissionDenied
    removed, _count = CourseSupervisor.objects.filter(
        course_key=course.translation_key, supervisor=supervisor).delete()
    if removed:
        audit_record(actor=actor, action="course_supervisor.removed", target=course,
                     supervisor=supervisor.pk)


# --- Supervision requests (self-paced trainees) --------------------------------------


@transaction.atomic
def supervision_request_create(*, trainee: User, enrollment: Enrollment, supervisor: User,
                               message: str = "") -> SupervisionRequest:
    """Ask a supervisor to supervise one of the trainee's enrollments.

    For an active enrollment nobody supervises yet; the supervisor must be of the
    trainee's organisation or in the course's pool, and not the trainee. One request at
    a time: a second one waits until the first is answered or cancelled.
    """
    if enrollment.trainee_id != trainee.pk:
        raise PermissionDenied
    enrollment = Enrollment.objects.select_for_update().select_related("trainee").get(
        pk=enrollment.pk)
    message = clean_text(message or "", max_length=1000, multiline=True)
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(_("This enrollment is no longer active."))
    if supervisor.pk == trainee.pk:
        raise ValidationError({"supervisor": [_("Nobody can supervise themselves.")]})
    if selectors.has_supervisor(enrollment):
        raise ValidationError(_("Someone already supervises you on this course."))
    waiting = selectors.open_supervision_request(enrollment)
    if waiting is not None:
        raise ValidationError(_("You have already asked %(name)s; wait for their answer, or "
                                "cancel that request first.") % {"name": waiting.supervisor})
    if not selectors.supervision_request_candidates(enrollment).filter(
            pk=supervisor.pk).exists():
        raise ValidationError({"supervisor": [_(
            "Choose a supervisor of your organisation or of this course's supervisor pool.")]})
    problems = contact_details_problems(message)
    if problems:
        raise ValidationError({"message": problems})
    from .tasks import notify_supervisor_of_request

    request = SupervisionRequest.objects.create(enrollment=enrollment, supervisor=supervisor,
                                                message=message)
    notify_supervisor_of_request.delay_on_commit(request.pk)
    audit_record(actor=trainee, action="supervision_request.created", target=request,
                 enrollment=enrollment.pk, supervisor=supervisor.pk)
    return request


def _open_request_locked(request: SupervisionRequest) -> SupervisionRequest:
    request = (SupervisionRequest.objects.select_for_update(of=("self",))
               .select_related("enrollment__trainee", "supervisor").get(pk=request.pk))
    if request.status != SupervisionRequest.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered: it is %(status)s.")
                              % {"status": request.get_status_display().lower()})
    return request


@transaction.atomic
def supervision_request_cancel(*, trainee: User, request: SupervisionRequest
                               ) -> SupervisionRequest:
    """Withdraw a request of the trainee's that is still waiting for an answer."""
    if request.enrollment.trainee_id != trainee.pk:
        raise PermissionDenied
    request = _open_request_locked(request)
    request.status = SupervisionRequest.Status.CANCELLED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    audit_record(actor=trainee, action="supervision_request.cancelled", target=request,
                 enrollment=request.enrollment_id, supervisor=request.supervisor_id)
    return request


@transaction.atomic
def supervision_request_answer(*, supervisor: User, request: SupervisionRequest,
                               accept: bool) -> SupervisionRequest:
    """Accept (the supervisor then supervises the enrollment) or decline a request
    addressed to the supervisor. Audited; a request is answered once."""
    if request.supervisor_id != supervisor.pk or not supervisor.has_role(Role.SUPERVISOR):
        raise PermissionDenied
    request = _open_request_locked(request)
    if request.enrollment.trainee_id == supervisor.pk:
        raise ValidationError(_("Nobody can supervise themselves."))
    if accept and request.enrollment.status != Enrollment.Status.ACTIVE:
        # Accepting opens the whole logbook: not once the trainee has left the course.
        raise ValidationError(_("This enrollment is no longer active."))
    request.status = (SupervisionRequest.Status.ACCEPTED if accept
                      else SupervisionRequest.Status.DECLINED)
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    if accept:
        SupervisorAssignment.objects.get_or_create(
            supervisor=supervisor, enrollment=request.enrollment,
            defaults={"assigned_by": supervisor})
    audit_record(actor=supervisor, action=f"supervision_request.{request.status}",
                 target=request, enrollment=request.enrollment_id)
    return request


# --- Supervision sessions ------------------------------------------------------------


@transaction.atomic
def supervision_session_record(*, supervisor: User, date: datetime.date, duration_minutes: int,
                               format: str, enrollments: Iterable[Enrollment],
                               topics: str) -> SupervisionSession:
    """Record supervision the supervisor gave; it counts for every trainee present.

    Only the supervisor's own trainees can be present.
    """
    enrollments = list(enrollments)
    errors: dict[str, list[str]] = {}
    if not supervisor.has_role(Role.SUPERVISOR):
        raise PermissionDenied
    if not enrollments:
        errors["enrollments"] = [_("Choose at least one trainee who was present.")]
    else:
        allowed = set(selectors.supervised_enrollments(supervisor).exclude(trainee=supervisor)
                      .filter(pk__in=[e.pk for e in enrollments]).values_list("pk", flat=True))
        if allowed != {e.pk for e in enrollments}:
            raise PermissionDenied
    if not date:
        errors["date"] = [_("Enter the date of the session.")]
    errors.update(session_time_errors(date=date, duration_minutes=duration_minutes or 0,
                                      enrollments=enrollments))
    if format not in SupervisionSession.Format.values:
        errors["format"] = [_("Choose individual or group.")]
    if format == SupervisionSession.Format.INDIVIDUAL and len(enrollments) > 1:
        errors["enrollments"] = [_("An individual session has one trainee; choose group.")]
    try:
        topics = clean_text(topics, multiline=True)
    except ValidationError as error:
        errors["topics"] = error.messages
    else:
        problems = contact_details_problems(topics)
        if not topics:
            errors["topics"] = [_("Say what the session covered.")]
        elif problems:
            errors["topics"] = problems
    if errors:
        raise ValidationError(errors)
    session = SupervisionSession.objects.create(
        supervisor=supervisor, date=date, duration_minutes=duration_minutes, format=format,
        topics=topics)
    session.enrollments.set(enrollments)
    audit_record(actor=supervisor, action="supervision_session.recorded", target=session,
                 enrollments=sorted(e.pk for e in enrollments), minutes=duration_minutes,
                 format=format, date=date.isoformat())
    enrollment_check_completion(enrollment_ids=[e.pk for e in enrollments])
    return session


# --- Competency ratings --------------------------------------------------------------


@dataclass(frozen=True)
class RatingInput:
    competency: Competency
    level: int
    harmful_behaviour: bool = False
    notes: str = ""


@transaction.atomic
def competency_ratings_record(*, supervisor: User, enrollment: Enrollment, observation: str,
                              ratings: Sequence[RatingInput]) -> list[CompetencyRating]:
    """Rate a trainee on some or all of the course's competencies after one observation.

    Earlier ratings stay as history; the newest counts. Every rating is audited as a
    grade change, and completion is checked afterwards.
    """
    if enrollment.trainee_id == supervisor.pk:
        raise ValidationError(_("Nobody can rate themselves."))
    if not supervisor.has_role(Role.SUPERVISOR) or not selectors.user_supervises(
            supervisor, enrollment):
        raise PermissionDenied
    if observation not in CompetencyRating.Observation.values:
        raise ValidationError({"observation": [_("Choose what you observed.")]})
    if not ratings:
        raise ValidationError(_("Rate at least one competency."))
    course_competencies = set(enrollment.course.competency_requirements
                              .values_list("competency_id", flat=True))
    errors: dict[str, list[str]] = {}
    notes = {}
    for rating in ratings:
        try:
            notes[rating.competency.pk] = clean_text(rating.notes, multiline=True)
        except ValidationError as error:
            errors[f"notes_{rating.competency.pk}"] = error.messages
            continue
        if rating.competency.pk not in course_competencies:
            raise ValidationError(_("%(competency)s is not a competency of this course.")
                                  % {"competency": rating.competency})
        if rating.level not in Competency.Level.values:
            errors[f"level_{rating.competency.pk}"] = [_("Choose a level from 1 to 4.")]
        problems = contact_details_problems(notes[rating.competency.pk])
        if problems:
            errors[f"notes_{rating.competency.pk}"] = problems
    if errors:
        raise ValidationError(errors)
    previous = selectors.latest_competency_ratings([enrollment.pk])[enrollment.pk]
    created = []
    for rating in ratings:
        record = CompetencyRating.objects.create(
            enrollment=enrollment, competency=rating.competency, supervisor=supervisor,
            level=rating.level, harmful_behaviour=rating.harmful_behaviour,
            observation=observation, notes=notes[rating.competency.pk])
        before = previous.get(rating.competency.pk)
        audit_record(actor=supervisor, action="competency.rated", target=record,
                     enrollment=enrollment.pk, competency=rating.competency.pk,
                     old_level=before.level if before else None, new_level=rating.level,
                     old_harmful=before.harmful_behaviour if before else None,
                     harmful=rating.harmful_behaviour)
        created.append(record)
    enrollment_check_completion(enrollment_ids=[enrollment.pk])
    return created


# --- Structured competency assessment --------------------------------------------------

Assessment = CompetencyAssessment
# Harmful behaviour seen at these kinds blocks the certificate and opens a follow-up.
FOLLOW_UP_KINDS = (Assessment.Kind.ENDLINE, Assessment.Kind.FOLLOW_UP)
FOLLOW_UP_DAYS = 30


def already_submitted_message() -> str:
    return _("You have already submitted your ratings for this assessment; they can no "
             "longer be changed.")


def item_forced_message(number: int) -> str:
    """What a rater is told when a harmful behaviour made an item level 1 (the page and
    the offline outbox say the same)."""
    return _("Item %(number)s saved at level 1: a harmful behaviour was ticked, which makes "
             "the item level 1 whatever level was chosen.") % {"number": number}


def ratings_submitted_message(state: str) -> str:
    """What a rater is told once their ratings are submitted, by the assessment's state."""
    if state == Assessment.State.FINAL:
        return _("Ratings submitted. You were the only rater, so they are the assessment's "
                 "results.")
    if state == Assessment.State.CONSENSUS:
        return _("Ratings submitted. Every rater has submitted: agree the level of each "
                 "item together.")
    return _("Ratings submitted. The other raters have not submitted theirs yet.")


def _check_assessor(supervisor: User, enrollment: Enrollment) -> None:
    if enrollment.trainee_id == supervisor.pk:
        raise ValidationError(_("Nobody can assess themselves."))
    if not supervisor.has_role(Role.SUPERVISOR) or not selectors.user_supervises(
            supervisor, enrollment):
        raise PermissionDenied


def scenario_pick(*, trainee_id: int, scenarios: Sequence[RolePlayScenario],
                  choose=random.choice) -> RolePlayScenario | None:
    """A scenario at random among those the trainee has not played yet (among all of them
    once they have played every one), so a trainee does not meet the same client twice."""
    if not scenarios:
        return None
    had = selectors.scenarios_had(trainee_id, [s.pk for s in scenarios])
    return choose([s for s in scenarios if s.pk not in had] or list(scenarios))


def competency_assessment_start(
        *, supervisor: User, enrollment: Enrollment, tool: CompetencyTool | None, kind: str,
        observation_type: str, observed_on: datetime.date | None,
        co_raters: Iterable[User] = (), scenario: RolePlayScenario | None = None,
        random_scenario: bool = False, today: datetime.date | None = None) -> Assessment:
    """Record that a supervisor (with co-raters, other supervisors of the same trainee)
    observes a trainee with one of the course's competency tools.

    With `random_scenario`, Sanad picks a role-play scenario the trainee has not had.
    A standardised role-play needs a scenario. Audited.
    """
    _check_assessor(supervisor, enrollment)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    course_tools = {row.tool_id for row in
                    selectors.course_tool_rows([enrollment.course_id])[enrollment.course_id]}
    if tool is None or tool.pk not in course_tools:
        errors["tool"] = [_("Choose one of this course's competency tools.")]
    if kind not in Assessment.Kind.values:
        errors["kind"] = [_("Choose the kind of assessment.")]
    if observation_type not in Assessment.ObservationType.values:
        errors["observation_type"] = [_("Choose what was observed.")]
    if observed_on is None:
        errors["observed_on"] = [_("Enter the date of the observation.")]
    elif observed_on > today:
        errors["observed_on"] = [_("The date cannot be in the future.")]
    co_raters = list({u.pk: u for u in co_raters if u.pk != supervisor.pk}.values())
    supervisors = selectors.supervisors_of([enrollment])[enrollment.pk] - {enrollment.trainee_id}
    outsiders = [u for u in co_raters if u.pk not in supervisors]
    if outsiders:
        errors["co_raters"] = [_("Only supervisors of this trainee can rate with you; "
                                 "%(names)s does not supervise them.")
                               % {"names": ", ".join(str(u) for u in outsiders)}]
    if "tool" not in errors:
        scenarios = selectors.tool_scenarios(tool)
        if scenario is not None and scenario.pk not in {s.pk for s in scenarios}:
            errors["scenario"] = [_("Choose a scenario written for this tool.")]
        elif scenario is None and random_scenario:
            scenario = scenario_pick(trainee_id=enrollment.trainee_id, scenarios=scenarios)
        if (observation_type == Assessment.ObservationType.ROLE_PLAY and scenario is None
                and "scenario" not in errors):
            errors["scenario"] = [
                _("A standardised role-play needs a scenario: choose one, or let Sanad pick "
                  "one at random.") if scenarios else
                _("This tool has no role-play scenarios yet: choose a live session or a "
                  "recording.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            enrollment=enrollment, tool=tool, kind=kind, observation_type=observation_type,
            scenario=scenario, observed_on=observed_on, created_by=supervisor)
        AssessmentRater.objects.bulk_create(
            [AssessmentRater(assessment=assessment, rater=rater)
             for rater in [supervisor, *co_raters]])
        audit_record(actor=supervisor, action="competency_assessment.started",
                     target=assessment, enrollment=enrollment.pk, tool=tool.pk, kind=kind,
                     raters=[supervisor.pk, *(u.pk for u in co_raters)],
                     scenario=scenario.pk if scenario else None)
    return assessment


def _rater_row_locked(assessment: Assessment, rater: User) -> AssessmentRater:
    """The rater's row, locked; refuses anyone not rating or who already submitted."""
    row = (AssessmentRater.objects.select_for_update().select_related("assessment")
           .filter(assessment_id=assessment.pk, rater_id=rater.pk).first())
    if row is None:
        raise PermissionDenied
    if row.submitted_at is not None:
        raise ValidationError(already_submitted_message(), code="submitted")
    if row.assessment.state != Assessment.State.RATING:
        raise ValidationError(_("This assessment is no longer being rated."), code="state")
    return row


def _behaviours_of_item(competency_id: int, behaviour_ids: Iterable[int]) -> list[int]:
    """The behaviour ids, refused unless every one is a harmful behaviour of the item."""
    ids = sorted(set(behaviour_ids))
    if not ids:
        return []
    own = set(HarmfulBehaviour.objects.filter(competency_id=competency_id, pk__in=ids)
              .values_list("pk", flat=True))
    if own != set(ids):
        raise ValidationError({"harmful_behaviours": [
            _("Tick only harmful behaviours listed for this item.")]})
    return ids


def _clean_note(text: str, field: str) -> str:
    try:
        text = clean_text(text, multiline=True)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    problems = contact_details_problems(text)
    if problems:
        raise ValidationError({field: problems})
    return text


@transaction.atomic
def item_rating_save(*, assessment: Assessment, rater: User, competency_id: int,
                     level: int | None, harmful_behaviour_ids: Iterable[int] = (),
                     notes: str = "") -> tuple[ItemRating, bool]:
    """Save one rater's rating of one item (again, until they submit).

    Any harmful behaviour ticked makes the item level 1; returns (rating, whether the
    level was set to 1 for that reason) so the rater is told.
    """
    _rater_row_locked(assessment, rater)
    if not CompetencyToolItem.objects.filter(tool_id=assessment.tool_id,
                                             competency_id=competency_id).exists():
        raise ValidationError(_("This is not an item of the assessment's tool."))
    if level not in Competency.Level.values:
        raise ValidationError({"level": [_("Choose a level from 1 to 4.")]})
    behaviours = _behaviours_of_item(competency_id, harmful_behaviour_ids)
    notes = _clean_note(notes, "notes")
    forced = bool(behaviours) and level != Competency.Level.POTENTIALLY_HARMFUL
    if behaviours:
        level = Competency.Level.POTENTIALLY_HARMFUL
    rating, _created = ItemRating.objects.update_or_create(
        assessment_id=assessment.pk, rater_id=rater.pk, competency_id=competency_id,
        defaults={"level": level, "notes": notes})
    rating.harmful_behaviours.set(behaviours)
    return rating, forced


@dataclass(frozen=True)
class AgreedItem:
    """The level (and harmful behaviours) the raters agree for one item."""

    competency_id: int
    level: int | None
    harmful_behaviour_ids: tuple[int, ...] = ()
    note: str = ""


def rater_ratings_submit(*, assessment: Assessment, rater: User) -> Assessment:
    """Submit a rater's ratings once every item is rated; they are locked from then on.

    The last rater to submit moves the assessment on: with one rater their ratings are
    its results and it is final; with several the raters agree each item next.
    """
    with transaction.atomic():
        row = _rater_row_locked(assessment, rater)
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        items = [c.pk for c in selectors.tool_items([assessment.tool_id])[assessment.tool_id]]
        ratings = selectors.rater_progress(assessment, rater.pk)
        missing = [pk for pk in items if pk not in ratings]
        if missing:
            raise ValidationError(ngettext(
                "%(count)d item is not rated yet: rate every item before submitting.",
                "%(count)d items are not rated yet: rate every item before submitting.",
                len(missing)) % {"count": len(missing)}, code="incomplete")
        row.submitted_at = timezone.now()
        row.save(update_fields=["submitted_at"])
        audit_record(actor=rater, action="competency_assessment.ratings_submitted",
                     target=assessment, enrollment=assessment.enrollment_id,
                     levels={str(pk): ratings[pk].level for pk in items},
                     harmful={str(pk): sorted(b.pk for b in ratings[pk].harmful_behaviours.all())
                              for pk in items if ratings[pk].harmful_behaviours.all()})
        raters = list(AssessmentRater.objects.filter(assessment=assessment))
        if any(r.submitted_at is None for r in raters):
            return assessment
        if len(raters) == 1:
            _assessment_finalise(assessment, actor=rater, results=[
                AgreedItem(competency_id=pk, level=ratings[pk].level,
                           harmful_behaviour_ids=tuple(
                               b.pk for b in ratings[pk].harmful_behaviours.all()))
                for pk in items])
        else:
            assessment.state = Assessment.State.CONSENSUS
            assessment.save(update_fields=["state"])
    if assessment.state == Assessment.State.FINAL:
        enrollment_check_completion(enrollment_ids=[assessment.enrollment_id])
    return assessment


def consensus_defaults(ratings: Sequence[ItemRating]) -> tuple[int | None, list[int]]:
    """The level and behaviours every rater gave an item, where they all agree."""
    levels = {r.level for r in ratings}
    behaviours = {tuple(sorted(b.pk for b in r.harmful_behaviours.all())) for r in ratings}
    return (levels.pop() if len(levels) == 1 else None,
            list(behaviours.pop()) if len(behaviours) == 1 else [])


def assessment_consensus_record(*, assessment: Assessment, rater: User,
                                agreed: Sequence[AgreedItem]) -> Assessment:
    """Record the raters' agreed level and harmful behaviours for every item, and make the
    assessment final. The individual ratings stay.

    A level outside the raters' lowest..highest needs a note saying why; any harmful
    behaviour agreed makes the item level 1.
    """
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not AssessmentRater.objects.filter(assessment=assessment, rater=rater).exists():
            raise PermissionDenied
        if assessment.state != Assessment.State.CONSENSUS:
            raise ValidationError(_("This assessment is not waiting for agreement."),
                                  code="state")
        items = [c.pk for c in selectors.tool_items([assessment.tool_id])[assessment.tool_id]]
        by_item = {a.competency_id: a for a in agreed}
        if set(by_item) - set(items):
            raise ValidationError(_("This is not an item of the assessment's tool."))
        behaviours = {pk: {b.pk for b in rows}
                      for pk, rows in selectors.item_behaviours(items).items()}
        ratings = selectors.assessment_ratings(assessment)
        errors: dict[str, list[str]] = {}
        results = []
        for pk in items:
            item = by_item.get(pk)
            if item is None or item.level is None:
                errors[f"level_{pk}"] = [_("Choose the agreed level.")]
                continue
            if item.level not in Competency.Level.values:
                errors[f"level_{pk}"] = [_("Choose a level from 1 to 4.")]
                continue
            if set(item.harmful_behaviour_ids) - behaviours[pk]:
                errors[f"harmful_{pk}"] = [_("Tick only harmful behaviours listed for this "
                                             "item.")]
                continue
            try:
                note = _clean_note(item.note, f"note_{pk}")
            except ValidationError as error:
                errors.update(error.message_dict)
                continue
            level = (Competency.Level.POTENTIALLY_HARMFUL if item.harmful_behaviour_ids
                     else item.level)
            levels = [r.level for r in ratings.get(pk, [])]
            if levels and not min(levels) <= level <= max(levels) and not note:
                errors[f"note_{pk}"] = [
                    _("The agreed level %(level)s is outside the raters' levels (%(low)s to "
                      "%(high)s): say why in a note.")
                    % {"level": level, "low": min(levels), "high": max(levels)}]
                continue
            results.append(AgreedItem(competency_id=pk, level=level, note=note,
                                      harmful_behaviour_ids=tuple(item.harmful_behaviour_ids)))
        if errors:
            raise ValidationError(errors)
        _assessment_finalise(assessment, actor=rater, results=results)
    enrollment_check_completion(enrollment_ids=[assessment.enrollment_id])
    return assessment


def _assessment_finalise(assessment: Assessment, *, actor: User,
                         results: Sequence[AgreedItem]) -> None:
    """Write the results, make the assessment final (audited), and open or close
    follow-ups. Runs inside the caller's transaction, the assessment locked."""
    created = ItemResult.objects.bulk_create(
        [ItemResult(assessment=assessment, competency_id=r.competency_id, level=r.level,
                    note=r.note) for r in results])
    through = ItemResult.harmful_behaviours.through
    through.objects.bulk_create(
        [through(itemresult_id=row.pk, harmfulbehaviour_id=behaviour_id)
         for row, result in zip(created, results, strict=True)
         for behaviour_id in result.harmful_behaviour_ids])
    assessment.state = Assessment.State.FINAL
    assessment.finalised_at = timezone.now()
    assessment.finalised_by = actor
    assessment.save(update_fields=["state", "finalised_at", "finalised_by"])
    audit_record(actor=actor, action="competency_assessment.finalised", target=assessment,
                 enrollment=assessment.enrollment_id, kind=assessment.kind,
                 levels={str(r.competency_id): r.level for r in results},
                 harmful={str(r.competency_id): list(r.harmful_behaviour_ids)
                          for r in results if r.harmful_behaviour_ids})
    harmful = [r for r in results if r.harmful_behaviour_ids]
    if harmful and assessment.kind in FOLLOW_UP_KINDS:
        _follow_up_open(assessment, harmful)
    elif not harmful:
        _follow_ups_close(assessment)


def _follow_up_open(assessment: Assessment, harmful: Sequence[AgreedItem]) -> FollowUp:
    # What was observed, in the words of the tool as written (the original rows), so the
    # record reads the same whoever opens it later.
    ids = [pk for r in harmful for pk in r.harmful_behaviour_ids]
    behaviours = {b.pk: b for b in HarmfulBehaviour.objects.filter(pk__in=ids)
                  .select_related("competency")}
    lines = []
    for result in harmful:
        seen = [behaviours[pk] for pk in result.harmful_behaviour_ids]
        lines.append(f"{seen[0].competency.name}: " + "; ".join(b.description for b in seen))
    follow_up = FollowUp.objects.create(
        enrollment_id=assessment.enrollment_id, assessment=assessment,
        supervisor_id=assessment.created_by_id, observed="\n".join(lines),
        due_on=timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS))
    audit_record(actor=assessment.finalised_by, action="follow_up.opened", target=follow_up,
                 enrollment=assessment.enrollment_id, assessment=assessment.pk,
                 behaviours=ids)
    return follow_up


def _follow_ups_close(assessment: Assessment) -> list[FollowUp]:
    """Close the open follow-ups of the same trainee and tool opened by an earlier
    assessment: this one, final, shows no harmful behaviour."""
    open_ones = list(FollowUp.objects.select_for_update().filter(
        enrollment_id=assessment.enrollment_id, state=FollowUp.State.OPEN,
        assessment__tool_id=assessment.tool_id,
        assessment__observed_on__lte=assessment.observed_on).exclude(assessment=assessment))
    now = timezone.now()
    for follow_up in open_ones:
        follow_up.state = FollowUp.State.CLOSED
        follow_up.closed_at = now
        follow_up.closed_by_assessment = assessment
        follow_up.save(update_fields=["state", "closed_at", "closed_by_assessment"])
        audit_record(actor=assessment.finalised_by, action="follow_up.closed",
                     target=follow_up, enrollment=assessment.enrollment_id,
                     closed_by_assessment=assessment.pk)
    return open_ones


def follow_up_plan_save(*, follow_up: FollowUp, supervisor: User, plan: str,
                        due_on: datetime.date | None,
                        today: datetime.date | None = None) -> FollowUp:
    """The supervisor writes (or changes) the plan and due date of an open follow-up."""
    if not supervisor.has_role(Role.SUPERVISOR) or not selectors.user_supervises(
            supervisor, follow_up.enrollment) or follow_up.enrollment.trainee_id == supervisor.pk:
        raise PermissionDenied
    if follow_up.state != FollowUp.State.OPEN:
        raise ValidationError(_("This follow-up is closed: a later assessment showed none of "
                                "the behaviours."))
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    try:
        plan = _clean_note(plan, "plan")
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if not plan:
            errors["plan"] = [_("Write the plan: what you and the trainee will do before "
                                "the next observation.")]
    if due_on is None:
        errors["due_on"] = [_("Enter the date the follow-up is due.")]
    elif due_on < today:
        errors["due_on"] = [_("The due date cannot be in the past.")]
    if errors:
        raise ValidationError(errors)
    before = {"plan": follow_up.plan, "due_on": follow_up.due_on.isoformat()}
    follow_up.plan, follow_up.due_on = plan, due_on
    follow_up.save(update_fields=["plan", "due_on"])
    audit_record(actor=supervisor, action="follow_up.plan_saved", target=follow_up,
                 enrollment=follow_up.enrollment_id, old_due_on=before["due_on"],
                 new_due_on=due_on.isoformat(), plan_changed=before["plan"] != plan)
    return follow_up
