"""Issuing certificates in the background. Every task takes ids and is safe to run twice.

Tasks are acknowledged late (a worker that dies mid-task leaves it on the queue), retry
transient failures (database or broker hiccups, storage or mail errors) a bounded number
of times with exponential backoff, and the sweeper catches anything still lost.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import DatabaseError, OperationalError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Enrollment

from . import selectors, services
from .models import Certificate

logger = logging.getLogger(__name__)

# OSError covers network, storage and SMTP failures (smtplib's errors are OSErrors).
TRANSIENT = (OperationalError, OSError)
RETRY = {"acks_late": True, "autoretry_for": TRANSIENT, "max_retries": 5,
         "retry_backoff": 5, "retry_backoff_max": 600, "retry_jitter": True}


@shared_task(**RETRY)
def issue_certificate(enrollment_id: int) -> int | None:
    """Issue the enrollment's certificate, then queue its PDF. Returns the certificate id.

    A refusal (enrollment not complete, template with an unknown placeholder) is logged
    and not retried: retrying cannot change the answer.
    """
    try:
        certificate, _created = services.certificate_issue(enrollment_id=enrollment_id)
    except Enrollment.DoesNotExist:
        return None
    except ValidationError as error:
        logger.warning("Certificate not issued for enrollment %s: %s", enrollment_id,
                       "; ".join(error.messages))
        return None
    if not certificate.pdf_sha256:
        render_certificate.delay_on_commit(certificate.pk)
    return certificate.pk


@shared_task(**RETRY)
def render_certificate(certificate_id: int) -> str:
    """Render and store the certificate's PDF, then e-mail the holder once. Returns the SHA-256."""
    certificate = services.certificate_render(certificate_id=certificate_id)
    if certificate.emailed_at is None and certificate.status == Certificate.Status.VALID:
        email_certificate.delay_on_commit(certificate.pk)
    return certificate.pdf_sha256


@shared_task(**RETRY)
def email_certificate(certificate_id: int) -> bool:
    """E-mail the holder a link to their certificate, once.

    The row is claimed (emailed_at set) before sending; if sending fails the claim is
    released so the retry sends it.
    """
    claimed = Certificate.objects.filter(pk=certificate_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now())
    if not claimed:
        return False
    certificate = Certificate.objects.select_related("enrollment__trainee").get(pk=certificate_id)
    trainee = certificate.enrollment.trainee
    try:
        with translation.override(trainee.preferred_language or settings.LANGUAGE_CODE):
            site = settings.SITE_URL.rstrip("/")
            body = render_to_string("certificates/email/certificate_issued.txt", {
                "certificate": certificate, "trainee": trainee,
                "mine_url": site + reverse("certificates:mine"),
                "verify_url": site + reverse("certificates:verify_code",
                                             args=[certificate.code]),
            })
            subject = _("Your certificate: %(course)s") % {"course": certificate.course_title}
        send_mail(str(subject), body, None, [trainee.email])
    except Exception:
        Certificate.objects.filter(pk=certificate_id).update(emailed_at=None)
        raise
    return True


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), max_retries=3, retry_backoff=30)
def sweep_certificates() -> dict[str, int]:
    """Queue what was lost: completed enrollments without a certificate, and certificates
    without a PDF. Run by beat and by `manage.py certificates_sweep`."""
    enrollment_ids = list(selectors.eligible_enrollments().values_list("pk", flat=True))
    certificate_ids = list(selectors.certificates_missing_pdf().values_list("pk", flat=True))
    for enrollment_id in enrollment_ids:
        issue_certificate.delay_on_commit(enrollment_id)
    for certificate_id in certificate_ids:
        render_certificate.delay_on_commit(certificate_id)
    return {"enrollments": len(enrollment_ids), "pdfs": len(certificate_ids)}
