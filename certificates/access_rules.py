"""Who holds and who manages certificates; registered into `lms.access` in ready()."""

from __future__ import annotations

from django.db.models import Q

from lms import access

from .models import Certificate

REVOKE_PERMISSION = "certificates.revoke_certificate"


def holds(user) -> Q:
    return Q(enrollment__trainee_id=user.pk)


def organisation_manager(user) -> Q:
    """A programme manager manages the certificates of their organisation's cohorts, and
    of self-paced enrollments of its members. A member trained in another organisation's
    cohort is that organisation's to manage."""
    organisation_id = access.managed_organisation_id(user)
    if organisation_id is None:
        return access.NOTHING
    return ((Q(enrollment__cohort__organisation_id=organisation_id)
             | Q(enrollment__cohort__isnull=True,
                 enrollment__trainee__organisation_id=organisation_id))
            & ~Q(enrollment__trainee_id=user.pk))


def trainer_with_permission(user) -> Q:
    if not user.has_perm(REVOKE_PERMISSION):
        return access.NOTHING
    return (Q(enrollment__cohort_id__in=access.pks(user, "cohort.teach"))
            & ~Q(enrollment__trainee_id=user.pk))


def register(registry: access.AccessRegistry) -> None:
    registry.define("certificate.hold", Certificate, personal=True)
    registry.grant("certificate.hold", "holder", holds)
    registry.define("certificate.manage", Certificate)
    registry.grant("certificate.manage", "organisation_manager", organisation_manager)
    registry.grant("certificate.manage", "trainer", trainer_with_permission)
