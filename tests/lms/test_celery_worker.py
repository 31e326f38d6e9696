"""A real Celery worker process against the configured broker (CI: Redis)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from lms.tasks import ping

ROOT = Path(__file__).resolve().parents[2]


def test_task_runs_eagerly_in_tests():
    token = uuid.uuid4().hex
    assert ping.delay(token).get(timeout=5) == f"pong:{token}"


@pytest.mark.worker
def test_real_worker_answers_through_the_broker():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("set CELERY_BROKER_URL to run against a real worker")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo",
         "--concurrency=1", "--loglevel=WARNING", "-Q", "celery", "-n", f"test-{uuid.uuid4().hex[:6]}@%h"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        token = uuid.uuid4().hex
        result = ping.apply_async(args=[token])
        assert result.get(timeout=60) == f"pong:{token}"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
