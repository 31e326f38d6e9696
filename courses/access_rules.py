"""Who may see cohorts and enrollments; registered into `lms.access` in ready()."""

from __future__ import annotations

from django.db.models import Q

from lms import access
from lms.roles import Role

from .models import Cohort, CohortInvitation, Enrollment, Reflection

# Reading a cohort, changing it (trainees, supervisors) and exporting its matrix are
# separate actions so one can narrow later; today the same people do all three.
COHORT_ACTIONS = ("cohort.view", "cohort.manage", "cohort.export")
ENROLLMENT_READ_ACTIONS = ("enrollment.view", "enrollment.export")


def trains(user) -> Q:
    """Cohorts the user is a trainer of (a subquery on the trainers table)."""
    return Q(pk__in=Cohort.trainers.through.objects.filter(user_id=user.pk)
             .values("cohort_id"))


def organisation_manager(user) -> Q:
    """Cohorts run by the organisation whose programmes the user manages."""
    organisation_id = access.managed_organisation_id(user)
    return access.NOTHING if organisation_id is None else Q(organisation_id=organisation_id)


def own_enrollment(user) -> Q:
    return Q(trainee_id=user.pk)


def own_reflection(user) -> Q:
    return Q(enrollment__trainee_id=user.pk)


def enrollment_in_visible_cohort(user) -> Q:
    return Q(cohort_id__in=access.pks(user, "cohort.view"))


def invited(user) -> Q:
    """Invitations made to the user's own account; only trainees can join a cohort."""
    return Q(invitee_id=user.pk) if user.has_role(Role.TRAINEE) else access.NOTHING


def register(registry: access.AccessRegistry) -> None:
    registry.define("cohort.teach", Cohort)
    registry.grant("cohort.teach", "trainer", trains)
    for name in COHORT_ACTIONS:
        registry.define(name, Cohort)
        registry.grant(name, "trainer", trains)
        registry.grant(name, "organisation_manager", organisation_manager)
    registry.define("enrollment.own", Enrollment, personal=True)
    registry.grant("enrollment.own", "trainee", own_enrollment)
    for name in ENROLLMENT_READ_ACTIONS:
        registry.define(name, Enrollment)
        registry.grant(name, "trainee", own_enrollment)
        registry.grant(name, "cohort", enrollment_in_visible_cohort)
    # A reflection is the trainee's alone. Reading one is personal, so not even a
    # superuser reads another's; the supervision layer lets supervisors read those
    # shared with them. Trainers and programme managers get no grant, ever.
    registry.define("reflection.own", Reflection, personal=True)
    registry.grant("reflection.own", "trainee", own_reflection)
    registry.define("reflection.read", Reflection, personal=True)
    registry.grant("reflection.read", "trainee", own_reflection)
    # Consent is given in one's own name: nobody answers an invitation for someone else.
    registry.define("invitation.answer", CohortInvitation, personal=True)
    registry.grant("invitation.answer", "invitee", invited)
