"""Who supervises whom and who reads practice; registered into `lms.access` in ready().

Supervisors read the logbooks of the trainees they supervise, so this layer adds a
grant to the courses layer's enrollment actions rather than courses knowing about it.
"""

from __future__ import annotations

from django.db.models import Q

from courses.access_rules import ENROLLMENT_READ_ACTIONS
from courses.models import Cohort, Enrollment
from lms import access

from .models import (
    CompetencyRating,
    PracticeEntry,
    SupervisionRequest,
    SupervisionSession,
    SupervisorAssignment,
)


def supervises(user) -> Q:
    """Enrollments the user supervises: assigned one by one, or through the cohort.

    Subqueries rather than joins, so an enrollment reached both ways appears once.
    """
    return (Q(pk__in=SupervisorAssignment.objects.filter(supervisor_id=user.pk)
              .values("enrollment_id"))
            | Q(cohort_id__in=Cohort.supervisors.through.objects.filter(user_id=user.pk)
                .values("cohort_id")))


def entry_readable(user) -> Q:
    return Q(enrollment_id__in=access.pks(user, "enrollment.view"))


def own_entry(user) -> Q:
    return Q(enrollment__trainee_id=user.pk)


def entry_reviewable(user) -> Q:
    # Nobody signs off their own practice, even where they also supervise the cohort.
    return (Q(enrollment_id__in=access.pks(user, "enrollment.supervise"))
            & ~Q(enrollment__trainee_id=user.pk))


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


def own_request(user) -> Q:
    return Q(enrollment__trainee_id=user.pk)


def request_addressed_to(user) -> Q:
    return Q(supervisor_id=user.pk)


def register(registry: access.AccessRegistry) -> None:
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
    registry.define("enrollment.assign_supervisor", Enrollment)
    registry.grant("enrollment.assign_supervisor", "cohort", assigns_in_managed_cohort)
    registry.grant("enrollment.assign_supervisor", "organisation_manager",
                   assigns_self_paced_member)
    registry.define("supervision_request.own", SupervisionRequest, personal=True)
    registry.grant("supervision_request.own", "trainee", own_request)
    registry.define("supervision_request.answer", SupervisionRequest, personal=True)
    registry.grant("supervision_request.answer", "supervisor", request_addressed_to)
