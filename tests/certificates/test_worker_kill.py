"""Kill a real worker with SIGKILL in the middle of a bulk issue: after the sweep nothing
is missing and nothing is duplicated (certificates, PDFs, outbox e-mails).

Runs only with a Redis broker (CI: Redis + PostgreSQL). The workers and the processes
that queue work use a Redis database of their own, flushed first, so a worker started by
another test (another xdist process, another test database) never takes these tasks.
"""

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from certificates.models import Certificate
from lms.models import OutgoingEmail
from tests.certificates.test_worker import _database_url
from tests.factories import CertificateCohortFactory, CertificateEnrollmentFactory

ROOT = Path(__file__).resolve().parents[2]
COUNT = 30


def _own_redis_database(url: str, offset: int = 1) -> str:
    """The broker URL with a Redis database ``offset`` numbers on (14 → 15). Each test
    that starts real processes takes its own offset: two of them running at once in
    different xdist processes must never flush or consume each other's database."""
    match = re.match(r"^(rediss?://[^/]*)/?(\d*)(.*)$", url)
    number = int(match.group(2) or 0)
    return f"{match.group(1)}/{(number + offset) % 16}{match.group(3)}"


class Deployment:
    """Worker and command processes sharing the test database, a broker and a mail folder."""

    def __init__(self, broker_url: str, mail_dir: Path):
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.certificates.worker_settings",
                    "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": broker_url,
                    "CELERY_RESULT_BACKEND": broker_url, "SANAD_TEST_MAIL_DIR": str(mail_dir),
                    # A dead worker's e-mail lease runs out within the test.
                    "SANAD_EMAIL_LEASE_SECONDS": "3"}
        self.workers: list[subprocess.Popen] = []

    def start_worker(self) -> subprocess.Popen:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo",
             "--concurrency=1", "--loglevel=WARNING", "-Q", settings.SANAD_WORKER_QUEUES,
             "-n", f"kill-{uuid.uuid4().hex[:6]}@%h"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.workers.append(worker)
        return worker

    def manage(self, *code: str) -> None:
        subprocess.run([sys.executable, "manage.py", *code], cwd=ROOT, env=self.env,
                       check=True, capture_output=True, timeout=120)

    def sweep(self) -> None:
        self.manage("certificates_sweep")
        self.manage("shell", "-c", "from lms.tasks import sweep_outbox; sweep_outbox.apply()")

    def stop(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()


def _emails_by_code(mail_dir: Path) -> Counter:
    text = "".join(path.read_text(errors="replace") for path in mail_dir.glob("*"))
    return Counter(re.findall(r"Verification code: ([A-Z0-9-]+)", text))


def _done(codes: set[str], mail_dir: Path) -> bool:
    return (Certificate.objects.count() == COUNT
            and not Certificate.objects.filter(pdf_sha256="").exists()
            and OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count() == COUNT
            and set(_emails_by_code(mail_dir)) >= codes)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_bulk_issue_loses_and_duplicates_nothing(tmp_path):
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("set CELERY_BROKER_URL to a Redis broker to run against real workers")
    import redis

    broker_url = _own_redis_database(settings.CELERY_BROKER_URL)
    redis.Redis.from_url(broker_url).flushdb()
    cohort = CertificateCohortFactory()
    enrollments = [CertificateEnrollmentFactory(cohort=cohort) for _ in range(COUNT)]
    connection.close()  # the workers must see committed rows, with no transaction open here
    mail_dir = tmp_path / "mail"
    deployment = Deployment(broker_url, mail_dir)
    try:
        first = deployment.start_worker()
        deployment.manage("certificates_sweep")  # the bulk issue: every eligible enrollment
        deadline = time.monotonic() + 180
        while (Certificate.objects.exclude(pdf_sha256="").count() < COUNT // 3
               and time.monotonic() < deadline):
            time.sleep(0.1)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        sent_before_kill = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count()
        assert Certificate.objects.exists(), "the first worker did nothing before it was killed"
        assert sent_before_kill < COUNT, "the first worker finished before it was killed"

        deployment.start_worker()
        deadline = time.monotonic() + 300
        codes: set[str] = set()
        while time.monotonic() < deadline:
            codes = set(Certificate.objects.values_list("code", flat=True))
            if _done(codes, mail_dir):
                break
            time.sleep(4)  # past the e-mail lease of a dead worker
            deployment.sweep()
    finally:
        deployment.stop()

    certificates = list(Certificate.objects.all())
    per_enrollment = Counter(c.enrollment_id for c in certificates)
    assert set(per_enrollment) == {e.pk for e in enrollments}, "certificates missing"
    assert max(per_enrollment.values()) == 1, "certificates duplicated"
    for certificate in certificates:
        assert certificate.pdf_sha256, f"no PDF for {certificate.code}"
        with certificate.pdf.open("rb") as handle:
            content = handle.read()
        # The stored file is whole: the row is updated only after the file is written.
        assert content[:4] == b"%PDF"
        assert hashlib.sha256(content).hexdigest() == certificate.pdf_sha256
        assert certificate.emailed_at is not None
    emails = OutgoingEmail.objects.all()
    assert sorted(e.key for e in emails) == sorted(
        f"certificate-issued:{c.pk}" for c in certificates)
    assert all(e.status == OutgoingEmail.Status.SENT for e in emails)
    sent = _emails_by_code(mail_dir)
    assert set(sent) == {c.code for c in certificates}, "an e-mail was lost"
    # At least once: only a kill between the mail server's answer and marking the row
    # sent can send one twice, and there was one kill.
    assert sum(sent.values()) <= COUNT + 1, sent
