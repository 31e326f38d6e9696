"""Reads of certificates, scoped to what the reader may see.

Fetching is the permission check: the `*_for_*` helpers return the object or raise 404,
the same for "missing" and "not yours".
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from courses.models import Cohort, Enrollment
from lms import access
from lms.models import User

from .codes import normalise_code
from .models import Certificate


def eligible_enrollments() -> QuerySet[Enrollment]:
    """Completed enrollments that have no certificate yet (what the sweeper looks for)."""
    return (Enrollment.objects.filter(status=Enrollment.Status.COMPLETED)
            .exclude(Exists(Certificate.objects.filter(enrollment=OuterRef("pk")))))


def certificates_missing_pdf() -> QuerySet[Certificate]:
    """Certificates still standing whose PDF was never stored (a render task was lost)."""
    return Certificate.objects.filter(status=Certificate.Status.VALID).filter(
        Q(pdf="") | Q(pdf__isnull=True) | Q(pdf_sha256=""))


def certificates_not_emailed() -> QuerySet[Certificate]:
    """Certificates still standing, with their PDF, whose holder's e-mail was never handed
    to the outbox (an e-mail task was lost)."""
    return (Certificate.objects.filter(status=Certificate.Status.VALID, emailed_at__isnull=True)
            .exclude(Q(pdf="") | Q(pdf__isnull=True) | Q(pdf_sha256="")))


def certificates_of_holder(user: User) -> QuerySet[Certificate]:
    # The course, for its title in the reader's language: joined, not read per row.
    return (access.queryset(user, "certificate.hold").select_related("enrollment__course")
            .order_by("-issued_on", "-pk"))


def certificate_for_holder(user: User, pk: int) -> Certificate:
    return access.get_or_404(user, "certificate.hold", pk,
                             queryset=Certificate.objects.select_related("enrollment"))


def certificate_for_download(user: User, pk: int) -> Certificate:
    """A certificate whose PDF the user may download: their own, or one they manage.

    The PDF carries the transcript, so a trainer without the revoke permission or a
    supervisor does not get it, although they may see the public verification record.
    """
    candidates = (access.queryset(user, "certificate.hold")
                  | access.queryset(user, "certificate.manage"))
    try:
        return candidates.select_related("enrollment").get(pk=pk)
    except (ValueError, TypeError, Certificate.DoesNotExist):
        raise Http404 from None


def certificate_by_code(typed: str) -> Certificate | None:
    """The certificate with this code (typed any which way), or None."""
    code = normalise_code(typed)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def cohorts_for_certificates(user: User) -> QuerySet[Cohort]:
    """Cohorts whose certificates the user may follow: those the user may open."""
    return access.queryset(user, "cohort.view")


def cohort_for_certificates(user: User, pk: int) -> Cohort:
    return access.get_or_404(user, "cohort.view", pk,
                             queryset=Cohort.objects.select_related("course", "organisation"))


def manageable_certificates(user: User) -> QuerySet[Certificate]:
    """Certificates the user may revoke or correct (never their own).

    Programme managers: those of their organisation's cohorts, and the self-paced ones of
    its members. Trainers only with the `certificates.revoke_certificate` permission, for
    the cohorts they train. The rules are in access_rules.py.
    """
    return access.queryset(user, "certificate.manage")


def certificate_for_manager(user: User, pk: int) -> Certificate:
    return access.get_or_404(
        user, "certificate.manage", pk, queryset=Certificate.objects.select_related(
            "enrollment__trainee", "enrollment__cohort", "revoked_by"))


def cohort_certificates(cohort: Cohort) -> dict:
    """The cohort's completed enrollments split into eligible, certified and revoked.

    Two queries whatever the cohort's size.
    """
    completed = list(cohort.enrollments.filter(status=Enrollment.Status.COMPLETED)
                     .select_related("trainee").order_by("trainee__full_name", "pk"))
    certificates = list(Certificate.objects.filter(enrollment__cohort=cohort)
                        .select_related("enrollment__trainee").order_by("name_as_issued", "pk"))
    certified_ids = {c.enrollment_id for c in certificates}
    return {
        "eligible": [e for e in completed if e.pk not in certified_ids],
        "certified": [c for c in certificates if c.status == Certificate.Status.VALID],
        "revoked": [c for c in certificates if c.status == Certificate.Status.REVOKED],
        "completed_count": len(completed),
        "issued_count": len({c.enrollment_id for c in certificates}
                            & {e.pk for e in completed}),
    }
