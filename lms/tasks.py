from celery import shared_task


@shared_task
def ping(token: str) -> str:
    """Answer a token back: proves a worker receives tasks and returns results."""
    return f"pong:{token}"
