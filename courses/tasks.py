"""Background work of the learner layer. Tasks take ids and are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import OperationalError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import CohortInvitation


@shared_task(acks_late=True, autoretry_for=(OperationalError, OSError), max_retries=5,
             retry_backoff=5)
def send_cohort_invitation(invitation_id: int) -> bool:
    """E-mail an invitation to join a cohort to someone without an account.

    Sends once: an invitation already sent or accepted is left alone. Returns whether an
    e-mail went out.
    """
    invitation = (CohortInvitation.objects.select_related("cohort__course", "invited_by")
                  .filter(pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True)
                  .first())
    if invitation is None:
        return False
    with translation.override(invitation.cohort.language):
        signup_url = settings.SITE_URL.rstrip("/") + reverse("account_signup")
        context = {"invitation": invitation, "cohort": invitation.cohort,
                   "course": invitation.cohort.course, "signup_url": signup_url}
        subject = render_to_string("courses/email/cohort_invitation_subject.txt",
                                   context).strip()
        body = render_to_string("courses/email/cohort_invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
    CohortInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True
