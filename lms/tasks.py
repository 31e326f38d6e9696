from celery import shared_task


@shared_task
def ping(token: str) -> str:
    """Answer a token back: proves a worker receives tasks and returns results."""
    return f"pong:{token}"


@shared_task
def purge_submission_tokens() -> int:
    """Delete one-time form token claims older than a day. Safe to run twice."""
    from .once import purge_claims

    return purge_claims()
