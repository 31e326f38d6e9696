"""The certificate's line in the trainee's checklist. Informational: it never gates
completion (a certificate follows completion, it is not a condition of it)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import Enrollment
from courses.requirements import Requirement, RequirementStatus

from .models import Certificate


class CertificateRequirement(Requirement):
    key = "certificate"
    order = 900

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        result: dict[int, list[RequirementStatus]] = {e.pk: [] for e in enrollments}
        completed = [e.pk for e in enrollments if e.status == Enrollment.Status.COMPLETED]
        if not completed:
            return result
        latest: dict[int, Certificate] = {}
        for certificate in (Certificate.objects.filter(enrollment_id__in=completed)
                            .exclude(status=Certificate.Status.REVOKED)
                            .only("enrollment_id", "cycle", "expires_on", "status")
                            .order_by("enrollment_id", "-cycle")):
            latest.setdefault(certificate.enrollment_id, certificate)
        today = timezone.localdate()
        for enrollment_id, certificate in latest.items():
            if certificate.is_expired(today):
                status = RequirementStatus(
                    key="certificate", label=_("Certificate"), met=False, gating=False,
                    progress=_("Refresher due: your certificate expired on %(date)s") % {
                        "date": date_format(certificate.expires_on)})
            elif certificate.expires_on:
                status = RequirementStatus(
                    key="certificate", label=_("Certificate"), met=True, gating=False,
                    progress=_("Certificate issued — valid until %(date)s") % {
                        "date": date_format(certificate.expires_on)})
            else:
                status = RequirementStatus(
                    key="certificate", label=_("Certificate"), met=True, gating=False,
                    progress=_("Certificate issued — it does not expire"))
            result[enrollment_id].append(status)
        return result
