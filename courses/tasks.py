"""Background work of the learner layer. Tasks take ids and are safe to run twice."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lms.services import email_enqueue, email_send

from .models import CohortInvitation


@shared_task(acks_late=True, autoretry_for=(OperationalError, OSError), max_retries=5,
             retry_backoff=5)
def send_cohort_invitation(invitation_id: int) -> bool:
    """E-mail an invitation to join a cohort.

    Someone without an account is asked to sign up with the address; someone with a
    trainee's account is told what the cohort is, who invited them, and that they can
    accept or decline on My learning. An account that cannot join a cohort (not a
    trainee's) gets nothing: the invitation just waits unseen. Sends once: an invitation
    already sent or answered is left alone. Returns whether an e-mail went out.
    """
    from .services import may_answer_invitation

    invitation = (CohortInvitation.objects
                  .select_related("cohort__course", "cohort__organisation", "invited_by",
                                  "invitee")
                  .filter(pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True,
                          declined_at__isnull=True)
                  .first())
    if invitation is None:
        return False
    invitee = invitation.invitee
    if invitee is not None and not may_answer_invitation(invitee):
        return False
    site = settings.SITE_URL.rstrip("/")
    language = invitee.preferred_language if invitee else invitation.cohort.language
    with translation.override(language):
        context = {"invitation": invitation, "cohort": invitation.cohort,
                   "course": invitation.cohort.course, "invitee": invitee,
                   "signup_url": site + reverse("account_signup"),
                   "my_learning_url": site + reverse("courses:my_learning")}
        if invitee is None:
            subject_template = "courses/email/cohort_invitation_subject.txt"
            body_template = "courses/email/cohort_invitation.txt"
        else:
            subject_template = "courses/email/cohort_invitation_existing_subject.txt"
            body_template = "courses/email/cohort_invitation_existing.txt"
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    # The outbox row and `sent_at` are written together: a worker that dies after this
    # leaves the e-mail to the outbox's sweeper: it is not lost.
    with transaction.atomic():
        email, created = email_enqueue(
            key=f"cohort-invitation:{invitation.pk}", queue_task=False,
            to=invitee.email if invitee else invitation.email, subject=subject, text=body)
        CohortInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    email_send(email_id=email.pk)
    return created
