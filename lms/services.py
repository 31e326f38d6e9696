import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import AuditEvent, ErasureRequest, OutgoingEmail, User


def audit_record(*, actor: User | None, action: str, target, **details) -> AuditEvent:
    """Append an audit row: who did what to which object, and why.

    `target` is any model instance; `details` must be JSON-serialisable (a reason,
    the old and new values of a grade, the entries approved...).
    """
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        details=details,
    )


# --- A person's data: erasure --------------------------------------------------------


def erasure_request_create(*, user: User) -> ErasureRequest:
    """Record that a signed-in person asks for their personal data to be erased.

    Asking again while a request waits returns the waiting one.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    try:
        with transaction.atomic():
            request, created = ErasureRequest.objects.get_or_create(
                user=user, status=ErasureRequest.Status.PENDING)
    except IntegrityError:
        # Two clicks at once: the unique "one pending" constraint decided.
        request, created = ErasureRequest.objects.get(
            user=user, status=ErasureRequest.Status.PENDING), False
    if created:
        audit_record(actor=user, action="personal_data.erasure_requested", target=user)
    return request


@transaction.atomic
def erasure_confirm(*, erasure_request: ErasureRequest, actor: User) -> ErasureRequest:
    """Erase the person's data, as an administrator confirming their request.

    Every app erases its part through the personal-data registry (the profile last);
    the audit row records who erased whose data, when, and how much. Confirming a
    request that is already done changes nothing.
    """
    from .personal_data import registry

    if not actor.is_active or not actor.is_superuser:
        raise PermissionDenied
    locked = ErasureRequest.objects.select_for_update().select_related("user").get(
        pk=erasure_request.pk)
    if locked.status == ErasureRequest.Status.DONE:
        return locked
    user = User.objects.select_for_update().get(pk=locked.user_id)
    summary = {contributor.name: contributor.erase(user)
               for contributor in registry.for_erasure()}
    locked.status = ErasureRequest.Status.DONE
    locked.confirmed_by = actor
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit_record(actor=actor, action="personal_data.erased", target=user,
                 erasure_request=locked.pk, erased=summary)
    return locked


def profile_update(*, user: User, form) -> list[str]:
    """Save the changes a person made to their own profile (a valid `ProfileForm` bound
    to `user`); returns the names of the fields that changed. Audited by field name
    only: the values are personal data and a name can change for safety reasons."""
    changed = list(form.changed_data)
    if changed:
        with transaction.atomic():
            form.save()
            audit_record(actor=user, action="profile.updated", target=user, fields=changed)
    return changed


# --- Outgoing e-mail: an outbox, so that no message is lost when a worker dies -------


def email_lease() -> datetime.timedelta:
    """How long a claim on an outgoing e-mail lasts. Longer than any mail server takes to
    answer: a lease that runs out means its worker died, and the row is sent again."""
    return datetime.timedelta(seconds=settings.SANAD_EMAIL_LEASE_SECONDS)


def email_enqueue(*, key: str, to: str, subject: str, text: str, html: str = "",
                  headers: dict | None = None,
                  queue_task: bool = True) -> tuple[OutgoingEmail, bool]:
    """Record an e-mail to send, once per `key`, and queue its sending when the
    transaction commits. Returns (row, created); a key seen before returns the first row
    and queues nothing, so a task that runs twice sends one e-mail.

    Call it in the same transaction as the change the e-mail announces: both are kept,
    or neither. A task that is already in a worker may pass `queue_task=False` and call
    `email_send` itself once committed; if it dies first, the sweeper sends the row.
    """
    from .tasks import send_outgoing_email

    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                key=key, to=to, subject=" ".join(str(subject).split())[:500], text=text,
                html=html, headers=headers or {})
    except IntegrityError:
        email = OutgoingEmail.objects.filter(key=key).first()
        if email is None:
            raise
        return email, False
    if queue_task:
        send_outgoing_email.delay_on_commit(email.pk)
    return email, True


def _claimable(now: datetime.datetime) -> Q:
    return Q(status=OutgoingEmail.Status.QUEUED) | Q(status=OutgoingEmail.Status.SENDING,
                                                     lease_until__lt=now)


def email_send(*, email_id: int) -> bool:
    """Send one outgoing e-mail if nobody else holds it; True when this call sent it.

    The row is claimed with a lease in one UPDATE (status queued, or a lease that ran
    out), sent, then marked sent. A failure to send puts it back in the queue and is
    raised for the task to retry; a kill leaves the lease to run out and the sweeper to
    queue it again.
    """
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(_claimable(now), pk=email_id).update(
        status=OutgoingEmail.Status.SENDING, lease_until=now + email_lease(),
        attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(email.subject, email.text, to=[email.to],
                                     headers=email.headers or None)
    if email.html:
        message.attach_alternative(email.html, "text/html")
    try:
        message.send()
    except Exception as error:
        OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.SENDING).update(
            status=OutgoingEmail.Status.QUEUED, lease_until=None,
            last_error=f"{type(error).__name__}: {error}"[:500])
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), lease_until=None,
        last_error="")
    return True


EMAIL_MAX_ATTEMPTS = 20


def emails_to_sweep() -> QuerySet[OutgoingEmail]:
    """E-mails whose sending was lost: queued for longer than a lease (their task never
    ran), or claimed by a worker whose lease ran out (it died)."""
    now = timezone.now()
    return OutgoingEmail.objects.filter(
        Q(status=OutgoingEmail.Status.QUEUED, created_at__lt=now - email_lease())
        | Q(status=OutgoingEmail.Status.SENDING, lease_until__lt=now),
        # A message the mail server refuses every time (an address that does not exist)
        # is given up after so many tries, rather than sent again on every sweep.
        attempts__lt=EMAIL_MAX_ATTEMPTS)


def emails_delete_sent(*, older_than: datetime.timedelta = datetime.timedelta(days=30)) -> int:
    """Forget e-mails sent more than `older_than` ago: their text is personal data, kept
    only long enough to answer "was it sent?". Returns how many."""
    deleted, _ = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENT, sent_at__lt=timezone.now() - older_than).delete()
    return deleted
