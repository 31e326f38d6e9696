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
