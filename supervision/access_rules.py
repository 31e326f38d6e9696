"""Who supervises whom and who reads practice; registered into `lms.access` in ready().

Supervisors read the logbooks of the trainees they supervise, so this layer adds a
grant to the courses layer's enrollment actions rather than courses knowing about it.
"""

from __future__ import annotations

from django.db.models import Q

from courses.access_rules import ENROLLMENT_READ_ACTIONS
from courses.models import Cohort, Enrollment, Reflection
from lms import access, memo

from .models import (
    AssessmentRater,
    CompetencyAssessment,
    CompetencyRating,
    FollowUp,
    PracticeEntry,
    SupervisionRequest,
    SupervisionSession,
    SupervisorAssignment,
)

# Assignment and cohort-supervisor writes forget what the request remembered (signals).
SUPERVISED_MEMO = "supervision.supervised_enrollment_ids"


def supervised_enrollment_ids(user, *, others_only: bool = False) -> list[int]:
    """Ids of the enrollments the user supervises: assigned one by one, or through the
    cohort (``others_only``: never the user's own). One query, the UNION of the two
    sources, each read through its own index (assignments by supervisor, enrollments by
    cohort), made once per request: the page, its access checks and the queue count in
    the navigation all ask."""
    return memo.remember((SUPERVISED_MEMO, user.pk, others_only),
                         lambda: _supervised_enrollment_ids(user, others_only))


def _supervised_enrollment_ids(user, others_only: bool) -> list[int]:
    # No ORDER BY (enrollments have a default one): SQLite refuses it inside a UNION.
    direct = SupervisorAssignment.objects.filter(supervisor_id=user.pk).order_by()
    through_cohort = Enrollment.objects.order_by().filter(
        cohort_id__in=Cohort.supervisors.through.objects.filter(user_id=user.pk)
        .values("cohort_id"))
    if others_only:
        direct = direct.exclude(enrollment__trainee_id=user.pk)
        through_cohort = through_cohort.exclude(trainee_id=user.pk)
    return list(direct.values_list("enrollment_id", flat=True)
                .union(through_cohort.values_list("pk", flat=True)))


def supervises(user) -> Q:
    """Enrollments the user supervises, as the list of their ids.

    The ids are read first (a supervisor has hundreds, not tens of thousands) because
    every other shape costs more as the system grows: ``pk IN (...) OR cohort_id IN
    (...)`` cannot use an index, so PostgreSQL scanned every enrollment; the UNION as a
    subquery still let the planner join all submitted entries of the system before
    narrowing them to the supervisor's. A list of ids is read through primary keys.
    """
    return Q(pk__any=supervised_enrollment_ids(user))


def entry_readable(user) -> Q:
    return Q(enrollment_id__in=access.pks(user, "enrollment.view"))


def own_entry(user) -> Q:
    return Q(enrollment__trainee_id=user.pk)


def entry_reviewable(user) -> Q:
    # Nobody signs off their own practice, even where they also supervise the cohort.
    # The ids straight from the rule, own enrollments left out there: a second
    # SELECT or a join over enrollments let PostgreSQL scan every enrollment again.
    return Q(enrollment_id__any=supervised_enrollment_ids(user, others_only=True))


def session_readable(user) -> Q:
    attended = SupervisionSession.enrollments.through.objects.filter(
        enrollment_id__in=access.pks(user, "enrollment.view")).values("supervisionsession_id")
    return Q(supervisor_id=user.pk) | Q(pk__in=attended)


def rating_readable(user) -> Q:
    return Q(enrollment_id__in=access.pks(user, "enrollment.view"))


def assigns_in_managed_cohort(user) -> Q:
    return Q(cohort_id__in=access.pks(user, "cohort.manage"))


def assigns_self_paced_member(user) -> Q:
    """A programme manager assigns supervisors to the self-paced trainees of their
    organisation; nobody else outside a cohort (a trainee asks for one instead)."""
    organisation_id = access.managed_organisation_id(user)
    if organisation_id is None:
        return access.NOTHING
    return Q(cohort__isnull=True, trainee__organisation_id=organisation_id)


def reflection_shared_with(user) -> Q:
    """Reflections a trainee chose to share, of the enrollments the user supervises
    (never their own trainee's words reached through their own enrollment)."""
    return Q(shared_at__isnull=False,
             enrollment_id__any=supervised_enrollment_ids(user, others_only=True))


def supervises_assessed_trainee(user) -> Q:
    """Assessments and follow-ups of the trainees the user supervises (never their own)."""
    return Q(enrollment_id__any=supervised_enrollment_ids(user, others_only=True))


def rates_assessment(user) -> Q:
    """Assessments the user is a rater of, while they still supervise the trainee."""
    return (Q(pk__in=AssessmentRater.objects.filter(rater_id=user.pk).values("assessment_id"))
            & supervises_assessed_trainee(user))


def own_request(user) -> Q:
    return Q(enrollment__trainee_id=user.pk)


def request_addressed_to(user) -> Q:
    return Q(supervisor_id=user.pk)


def _supervision_changed(sender, **kwargs):
    memo.forget(SUPERVISED_MEMO)


def register(registry: access.AccessRegistry) -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in (SupervisorAssignment, Enrollment):
        post_save.connect(_supervision_changed, sender=model,
                          dispatch_uid=f"supervision_memo_saved_{model.__name__}")
        post_delete.connect(_supervision_changed, sender=model,
                            dispatch_uid=f"supervision_memo_deleted_{model.__name__}")
    m2m_changed.connect(_supervision_changed, sender=Cohort.supervisors.through,
                        dispatch_uid="supervision_memo_cohort_supervisors")
    registry.define("enrollment.supervise", Enrollment, personal=True)
    registry.grant("enrollment.supervise", "supervisor", supervises)
    for name in ENROLLMENT_READ_ACTIONS:
        registry.define(name, Enrollment)
        registry.grant(name, "supervisor", supervises)
    registry.define("entry.view", PracticeEntry)
    registry.grant("entry.view", "enrollment", entry_readable)
    registry.define("entry.own", PracticeEntry, personal=True)
    registry.grant("entry.own", "trainee", own_entry)
    registry.define("entry.review", PracticeEntry, personal=True)
    registry.grant("entry.review", "supervisor", entry_reviewable)
    registry.define("session.view", SupervisionSession)
    registry.grant("session.view", "enrollment", session_readable)
    registry.define("rating.view", CompetencyRating)
    registry.grant("rating.view", "enrollment", rating_readable)
    # Structured assessments: every supervisor of the trainee follows them; only the
    # assessment's raters rate and agree, in their own name.
    registry.define("assessment.supervise", CompetencyAssessment, personal=True)
    registry.grant("assessment.supervise", "supervisor", supervises_assessed_trainee)
    registry.define("assessment.rate", CompetencyAssessment, personal=True)
    registry.grant("assessment.rate", "rater", rates_assessment)
    registry.define("follow_up.plan", FollowUp, personal=True)
    registry.grant("follow_up.plan", "supervisor", supervises_assessed_trainee)
    registry.define("enrollment.assign_supervisor", Enrollment)
    registry.grant("enrollment.assign_supervisor", "cohort", assigns_in_managed_cohort)
    registry.grant("enrollment.assign_supervisor", "organisation_manager",
                   assigns_self_paced_member)
    registry.define("reflection.read", Reflection, personal=True)
    registry.grant("reflection.read", "supervisor", reflection_shared_with)
    registry.define("supervision_request.own", SupervisionRequest, personal=True)
    registry.grant("supervision_request.own", "trainee", own_request)
    registry.define("supervision_request.answer", SupervisionRequest, personal=True)
    registry.grant("supervision_request.answer", "supervisor", request_addressed_to)
    from .calibration import register_access as register_calibration

    # Lead trainers run calibration exercises; supervisors rate them blind.
    register_calibration(registry)
