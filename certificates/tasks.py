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
from django.db import DatabaseError, OperationalError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Enrollment
from lms.services import email_enqueue

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
    """Hand the holder's e-mail (a link to their certificate) to the outbox, once.

    The outbox row (keyed by the certificate) and the certificate's `emailed_at` are
    written in one transaction; the outbox then sends it at least once, even if a worker
    dies on the way. Returns whether this call queued it.
    """
    certificate = (Certificate.objects.select_related("enrollment__trainee")
                   .filter(pk=certificate_id, status=Certificate.Status.VALID).first())
    if certificate is None or certificate.emailed_at is not None:
        return False
    trainee = certificate.enrollment.trainee
    with translation.override(trainee.preferred_language or settings.LANGUAGE_CODE):
        site = settings.SITE_URL.rstrip("/")
        body = render_to_string("certificates/email/certificate_issued.txt", {
            "certificate": certificate, "trainee": trainee,
            "mine_url": site + reverse("certificates:mine"),
            "verify_url": site + reverse("certificates:verify_code", args=[certificate.code]),
        })
        subject = _("Your certificate: %(course)s") % {"course": certificate.course_title}
    with transaction.atomic():
        _email, created = email_enqueue(key=f"certificate-issued:{certificate.pk}",
                                        to=trainee.email, subject=str(subject), text=body)
        Certificate.objects.filter(pk=certificate.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now())
    return created


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), max_retries=3, retry_backoff=30)
def sweep_certificates() -> dict[str, int]:
    """Queue what was lost at every stage: completed enrollments without a certificate,
    certificates without a PDF, and certificates whose e-mail never reached the outbox
    (the outbox's own sweeper sends what is in it). Run by beat and by
    `manage.py certificates_sweep`."""
    enrollment_ids = list(selectors.eligible_enrollments().values_list("pk", flat=True))
    certificate_ids = list(selectors.certificates_missing_pdf().values_list("pk", flat=True))
    email_ids = list(selectors.certificates_not_emailed().values_list("pk", flat=True))
    for enrollment_id in enrollment_ids:
        issue_certificate.delay_on_commit(enrollment_id)
    for certificate_id in certificate_ids:
        render_certificate.delay_on_commit(certificate_id)
    for certificate_id in email_ids:
        email_certificate.delay_on_commit(certificate_id)
    return {"enrollments": len(enrollment_ids), "pdfs": len(certificate_ids),
            "emails": len(email_ids)}
