"""E-mails about supervised practice. Tasks take ids and are safe to run twice: each
review event is claimed (its `notified_at` set) in the same transaction that puts its
e-mail in the outbox, and a digest is recorded once per supervisor and day. The e-mails
are sent once that transaction commits; a worker that dies in between leaves them to the
outbox's sweeper."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import User
from lms.services import email_enqueue, email_send

from . import selectors
from .models import PracticeEntry, ReviewEvent, SupervisionRequest, SupervisorDigest

DIGEST_AFTER_DAYS = 3


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _claim(event_ids: list[int]) -> list[ReviewEvent]:
    """Lock and return the events not yet notified (call inside a transaction)."""
    return list(ReviewEvent.objects.select_for_update(of=("self",))
                .filter(pk__in=event_ids, notified_at__isnull=True)
                .select_related("entry__enrollment__trainee", "entry__enrollment__course",
                                "entry__activity_kind", "actor")
                .order_by("entry__submitted_at", "pk"))


def _batch_key(events) -> str:
    """A short, stable name for a batch of review events (for the outbox's key)."""
    ids = ",".join(str(pk) for pk in sorted(e.pk for e in events))
    return hashlib.sha256(ids.encode()).hexdigest()[:24]


def _enqueue(user: User, key: str, subject: str, template: str, context: dict) -> int:
    """Put the e-mail in the outbox (call inside the claiming transaction); returns its id
    for `_send_all` to send once the transaction has committed."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {"recipient": user, **context})
    email, _created = email_enqueue(key=key, to=user.email, subject=str(subject), text=body,
                                    queue_task=False)
    return email.pk


def _send_all(email_ids: list[int]) -> None:
    for email_id in email_ids:
        email_send(email_id=email_id)


@shared_task
def notify_supervisors_of_submission(event_ids: list[int]) -> int:
    """E-mail each supervisor concerned once about a batch of submitted entries.

    Returns the number of e-mails sent (0 when the batch was already notified).
    """
    email_ids: list[int] = []
    with transaction.atomic():
        events = [e for e in _claim(event_ids) if e.to_state == PracticeEntry.State.SUBMITTED]
        if not events:
            return 0
        enrollments = {e.entry.enrollment_id: e.entry.enrollment for e in events}
        supervisors_by_enrollment = selectors.supervisors_of(enrollments.values())
        entries_by_supervisor: dict[int, list[PracticeEntry]] = defaultdict(list)
        for event in events:
            for supervisor_id in supervisors_by_enrollment[event.entry.enrollment_id]:
                if supervisor_id != event.entry.enrollment.trainee_id:
                    entries_by_supervisor[supervisor_id].append(event.entry)
        supervisors = User.objects.filter(pk__in=entries_by_supervisor, is_active=True)
        for supervisor in supervisors:
            entries = entries_by_supervisor[supervisor.pk]
            with translation.override(supervisor.preferred_language or "en"):
                subject = ngettext("%(count)s practice entry to review",
                                   "%(count)s practice entries to review",
                                   len(entries)) % {"count": len(entries)}
            email_ids.append(_enqueue(
                supervisor, f"entries-submitted:{supervisor.pk}:{_batch_key(events)}", subject,
                "supervision/email/entries_submitted.txt",
                {"entries": entries, "queue_url": _absolute(reverse("supervision:queue"))}))
        ReviewEvent.objects.filter(pk__in=[e.pk for e in events]).update(
            notified_at=timezone.now())
    _send_all(email_ids)
    return len(email_ids)


@shared_task
def notify_trainees_of_review(event_ids: list[int]) -> int:
    """E-mail each trainee once about their entries just approved or returned."""
    email_ids: list[int] = []
    with transaction.atomic():
        events = [e for e in _claim(event_ids)
                  if e.to_state in (PracticeEntry.State.APPROVED, PracticeEntry.State.RETURNED)]
        if not events:
            return 0
        by_trainee: dict[int, list[ReviewEvent]] = defaultdict(list)
        trainees = {}
        for event in events:
            trainee = event.entry.enrollment.trainee
            trainees[trainee.pk] = trainee
            by_trainee[trainee.pk].append(event)
        for trainee_id, trainee_events in by_trainee.items():
            trainee = trainees[trainee_id]
            returned = [e for e in trainee_events if e.to_state == PracticeEntry.State.RETURNED]
            with translation.override(trainee.preferred_language or "en"):
                subject = (_("A practice entry was returned to you") if returned
                           else _("Your practice entries were approved"))
            email_ids.append(_enqueue(
                trainee, f"entries-reviewed:{trainee.pk}:{_batch_key(trainee_events)}",
                subject, "supervision/email/entries_reviewed.txt",
                {"events": trainee_events, "returned": returned,
                 "logbook_url": _absolute(reverse("supervision:logbook"))}))
        ReviewEvent.objects.filter(pk__in=[e.pk for e in events]).update(
            notified_at=timezone.now())
    _send_all(email_ids)
    return len(email_ids)


@shared_task
def send_supervision_digests(today: str | None = None) -> int:
    """E-mail every supervisor the entries waiting for them more than three days.

    At most one digest per supervisor and day, so running it twice sends nothing more.
    Returns the number of digests sent.
    """
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    cutoff = timezone.now() - datetime.timedelta(days=DIGEST_AFTER_DAYS)
    waiting = list(selectors.entries_waiting_since(cutoff))
    if not waiting:
        return 0
    supervisors_by_enrollment = selectors.supervisors_of({e.enrollment_id: e.enrollment
                                                          for e in waiting}.values())
    entries_by_supervisor: dict[int, list[PracticeEntry]] = defaultdict(list)
    for entry in waiting:
        for supervisor_id in supervisors_by_enrollment[entry.enrollment_id]:
            if supervisor_id != entry.enrollment.trainee_id:
                entries_by_supervisor[supervisor_id].append(entry)
    sent = 0
    for supervisor in User.objects.filter(pk__in=entries_by_supervisor, is_active=True):
        entries = entries_by_supervisor[supervisor.pk]
        try:
            with transaction.atomic():
                SupervisorDigest.objects.create(supervisor=supervisor, sent_on=day,
                                                entry_count=len(entries))
                with translation.override(supervisor.preferred_language or "en"):
                    subject = ngettext(
                        "%(count)s practice entry has waited more than %(days)s days",
                        "%(count)s practice entries have waited more than %(days)s days",
                        len(entries)) % {"count": len(entries), "days": DIGEST_AFTER_DAYS}
                email_id = _enqueue(
                    supervisor, f"supervision-digest:{supervisor.pk}:{day.isoformat()}", subject,
                    "supervision/email/digest.txt",
                    {"entries": entries, "days": DIGEST_AFTER_DAYS,
                     "queue_url": _absolute(reverse("supervision:queue"))})
        except IntegrityError:
            continue  # already sent today
        _send_all([email_id])
        sent += 1
    return sent


@shared_task
def notify_supervisor_of_request(request_id: int) -> bool:
    """E-mail a supervisor that a trainee asks them for supervision. Sends once, and not
    at all when the request was answered or cancelled before the e-mail went out."""
    with transaction.atomic():
        request = (SupervisionRequest.objects.select_for_update(of=("self",))
                   .select_related("supervisor", "enrollment__trainee", "enrollment__course")
                   .filter(pk=request_id, notified_at__isnull=True,
                           status=SupervisionRequest.Status.REQUESTED,
                           supervisor__is_active=True)
                   .first())
        if request is None:
            return False
        supervisor = request.supervisor
        with translation.override(supervisor.preferred_language or settings.LANGUAGE_CODE):
            subject = _("%(name)s asks you to supervise their practice") % {
                "name": request.enrollment.trainee.full_name}
            queue_url = _absolute(reverse("supervision:queue"))
        email_id = _enqueue(supervisor, f"supervision-requested:{request.pk}", subject,
                            "supervision/email/supervision_requested.txt",
                            {"request": request, "queue_url": queue_url})
        SupervisionRequest.objects.filter(pk=request.pk).update(notified_at=timezone.now())
    _send_all([email_id])
    return True
