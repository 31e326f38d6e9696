from celery import shared_task


@shared_task
def ping(token: str) -> str:
    """Answer a token back: proves a worker receives tasks and returns results."""
    return f"pong:{token}"


@shared_task
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
