"""Issuing through a real Celery worker on the configured broker (CI: Redis + PostgreSQL)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from certificates.models import Certificate
from certificates.tasks import issue_certificate
from tests.factories import CertificateEnrollmentFactory, TraineeFactory

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker shares the test database only on PostgreSQL")
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.mark.worker
# serialized_rollback: its flush must leave the migrations' data for the browser
# journeys that may run next in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_issues_and_renders_a_certificate():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("set CELERY_BROKER_URL to run against a real worker")
    database_url = _database_url()
    enrollment = CertificateEnrollmentFactory(
        trainee=TraineeFactory(full_name="Rania Khoury", preferred_language="en"))
    connection.close()  # let the worker see committed rows with no open transaction here
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo",
         "--concurrency=1", "--loglevel=WARNING", "-Q", settings.SANAD_WORKER_QUEUES, "-n", f"certificates-{uuid.uuid4().hex[:6]}@%h"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test",
                       "DATABASE_URL": database_url},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        # Sent twice, as a crash and redelivery would: still one certificate.
        first = issue_certificate.apply_async(args=[enrollment.pk])
        second = issue_certificate.apply_async(args=[enrollment.pk])
        certificate_id = first.get(timeout=120)
        assert second.get(timeout=120) == certificate_id
        deadline = time.monotonic() + 120
        certificate = Certificate.objects.get(pk=certificate_id)
        while not certificate.pdf_sha256 and time.monotonic() < deadline:
            time.sleep(0.5)
            certificate.refresh_from_db()
        assert certificate.pdf_sha256, "the worker did not render the PDF"
        assert Certificate.objects.filter(enrollment=enrollment).count() == 1
        assert certificate.name_as_issued == "Rania Khoury"
        with certificate.pdf.open("rb") as handle:
            assert handle.read(4) == b"%PDF"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
