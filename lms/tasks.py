"""Background work of the lms layer. Tasks take ids and are safe to run twice."""

from celery import shared_task
from django.db import DatabaseError, OperationalError

# OSError covers network and SMTP failures (smtplib's errors are OSErrors).
TRANSIENT = (OperationalError, OSError)


@shared_task
def ping(token: str) -> str:
    """Answer a token back: proves a worker receives tasks and returns results."""
    return f"pong:{token}"


@shared_task(acks_late=True, autoretry_for=TRANSIENT, max_retries=8, retry_backoff=5,
             retry_backoff_max=600, retry_jitter=True)
def send_outgoing_email(email_id: int) -> bool:
    """Send one e-mail of the outbox (see `lms.services.email_send`). Safe to run twice
    and concurrently: only the worker holding the row's lease sends it."""
    from .services import email_send

    return email_send(email_id=email_id)


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), max_retries=3, retry_backoff=30)
def sweep_outbox() -> dict[str, int]:
    """Queue again what a dead worker dropped: e-mails never sent or left with a lease
    that ran out, and exports left pending or running past the time limit. Forget sent
    e-mails after 30 days. Run by beat."""
    from .exports import exports_to_sweep
    from .services import emails_delete_sent, emails_to_sweep

    email_ids = list(emails_to_sweep().values_list("pk", flat=True))
    for email_id in email_ids:
        send_outgoing_email.delay_on_commit(email_id)
    export_ids = list(exports_to_sweep().values_list("pk", flat=True))
    for export_id in export_ids:
        build_export.delay_on_commit(export_id)
    return {"emails": len(email_ids), "exports": len(export_ids),
            "forgotten": emails_delete_sent()}


@shared_task(acks_late=True)
def build_export(export_id: int) -> None:
    """Build the file of an export job (see `lms.exports`). Safe to run twice: a job
    already running or ready is left alone."""
    from .exports import export_build

    export_build(export_id=export_id)


@shared_task
def delete_expired_exports() -> int:
    """Delete export files older than a week. Safe to run twice (and at any time)."""
    from .exports import exports_delete_expired

    return exports_delete_expired()


@shared_task
def purge_submission_tokens() -> int:
    """Delete one-time form token claims older than a day. Safe to run twice."""
    from .once import purge_claims

    return purge_claims()


@shared_task
def purge_offline_writes() -> int:
    """Forget offline writes applied more than half a year ago. Safe to run twice."""
    from .offline_writes import purge_applied

    return purge_applied()
