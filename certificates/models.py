"""Certificates: what was attested, to whom, and whether it still stands.

A certificate is a snapshot. The name, course title, hours and competency levels are
copied when it is issued, so later edits to a profile or a course never change what a
third party verifies. Only a name correction (audited) or a revocation changes it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrollment
from lms.models import private_storage

from .codes import generate_code


def certificate_pdf_path(certificate: Certificate, filename: str) -> str:
    # Named by its code, which is unique and already public.
    return f"certificates/{certificate.issued_on:%Y}/{certificate.code}.pdf"


class Certificate(models.Model):
    """One certificate for one enrollment and certification cycle."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        # Never stored: derived from the expiry date (see `effective_status`).
        EXPIRED = "expired", _("Expired")

    class RevocationCategory(models.TextChoices):
        ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
        REQUIREMENTS_NOT_MET = "requirements_not_met", _("Requirements found not to be met")
        HARMFUL_PRACTICE = "harmful_practice", _("Harmful or unethical practice")
        FRAUD = "fraud", _("Fraud or misrepresentation")
        HOLDER_REQUEST = "holder_request", _("At the holder's request")
        OTHER = "other", _("Other")

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("enrollment"),
                                   on_delete=models.PROTECT, related_name="certificates")
    cycle = models.PositiveSmallIntegerField(
        _("certification cycle"), default=1,
        help_text=_("1 for the first certificate; a refresher after expiry starts cycle 2."))
    code = models.CharField(_("verification code"), max_length=19, unique=True,
                            default=generate_code, editable=False)
    template = models.ForeignKey("content.CertificateTemplate", verbose_name=_("template"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    # The snapshot: what the certificate attests, as it was on the day it was issued.
    name_as_issued = models.CharField(_("name as issued"), max_length=200)
    course_title = models.CharField(_("course"), max_length=255)
    language = models.CharField(_("language"), max_length=8, default="en")
    completion_date = models.DateField(_("completion date"))
    issued_on = models.DateField(_("issue date"))
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    issuing_organisation = models.CharField(_("issuing organisation"), max_length=200)
    # [{"activity_kind": "Individual counselling session", "hours": "12.50"}, ...]
    practice_hours = models.JSONField(_("practice hours by activity kind"), default=list,
                                      blank=True)
    supervision_hours = models.DecimalField(_("supervision hours"), max_digits=7,
                                            decimal_places=2, default=0)
    # [{"code": "C1", "title": "Active listening", "level": 3, "label": "3 — Competent"}]
    competency_levels = models.JSONField(_("competency levels reached"), default=list,
                                         blank=True)

    status = models.CharField(_("status"), max_length=10, default=Status.VALID,
                              choices=[(Status.VALID, Status.VALID.label),
                                       (Status.REVOKED, Status.REVOKED.label)])
    # Private: the PDF carries the transcript, more than the public verification record,
    # so it is read only through the access-checked view (views.download_pdf).
    pdf = models.FileField(_("PDF"), upload_to=certificate_pdf_path, blank=True,
                           storage=private_storage)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    emailed_at = models.DateTimeField(_("holder e-mailed"), null=True, blank=True)

    revocation_category = models.CharField(_("reason for revocation"), max_length=30,
                                           choices=RevocationCategory.choices, blank=True)
    revocation_reason = models.TextField(_("explanation"), blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Where the certificate's revocation bit sits in the published Bitstring Status
    # Lists (see openbadges.py). Set once, never reused, so a verifier holding an old
    # credential always reads its own bit.
    status_list_index = models.PositiveBigIntegerField(
        _("status list index"), null=True, blank=True, unique=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [("revoke_certificate", _("Can revoke and correct certificates"))]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "cycle"],
                                    name="certificate_one_per_enrollment_cycle"),
            models.CheckConstraint(condition=models.Q(cycle__gte=1),
                                   name="certificate_cycle_positive"),
            models.CheckConstraint(condition=models.Q(status__in=["valid", "revoked"]),
                                   name="certificate_status_stored"),
            models.CheckConstraint(
                condition=~models.Q(status="revoked")
                | (models.Q(revoked_at__isnull=False) & ~models.Q(revocation_category="")
                   & ~models.Q(revocation_reason="")),
                name="certificate_revoked_has_reason"),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gt=models.F("completion_date")),
                name="certificate_expires_after_completion"),
        ]
        indexes = [models.Index(fields=["status", "expires_on"])]

    def __str__(self):
        return f"{self.code} · {self.name_as_issued} · {self.course_title}"

    def is_expired(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    @property
    def effective_status(self) -> str:
        """valid, revoked or expired: revocation wins over expiry."""
        if self.status == self.Status.REVOKED:
            return self.Status.REVOKED.value
        if self.is_expired():
            return self.Status.EXPIRED.value
        return self.Status.VALID.value

    @property
    def effective_status_label(self) -> str:
        return str(self.Status(self.effective_status).label)
