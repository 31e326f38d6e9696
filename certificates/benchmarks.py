"""The bulk issue of ``manage.py certificates_benchmark --workers N``: real workers, a
real broker, committed rows."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = "bulk-issue.bench.invalid"
NAMES = ["Layla Haddad", "ليلى حداد", "Jean-Baptiste Ndayishimiye", "مريم العلي"]


def bulk_issue_with_workers(*, count: int, workers: int, stdout) -> None:
    from certificates.models import Certificate
    from certificates.services import cohort_issue_all_eligible
    from content.models import CoursePage
    from courses.models import Cohort, Enrollment
    from lms.models import Organisation, OutgoingEmail, User

    if getattr(settings, "SANAD_PRODUCTION", False):
        raise CommandError("certificates_benchmark refuses to run with production settings.")
    if connection.vendor != "postgresql" or settings.CELERY_TASK_ALWAYS_EAGER:
        raise CommandError("--workers needs PostgreSQL (DATABASE_URL) and a broker "
                           "(CELERY_BROKER_URL) shared with the workers it starts.")
    course = CoursePage.objects.live().filter(locale__language_code="en").first()
    admin = User.objects.filter(is_superuser=True).first()
    if course is None or admin is None:
        raise CommandError("No course or administrator: run `manage.py seed_demo` first.")
    _clean(DOMAIN)
    cohort = Cohort.objects.create(
        course=course, name="Bulk issue benchmark", organisation=Organisation.objects.first(),
        start_date=timezone.localdate(), end_date=timezone.localdate())
    people = User.objects.bulk_create([
        User(email=f"bulk-{i}@{DOMAIN}", full_name=NAMES[i % len(NAMES)],
             preferred_language="ar" if i % 2 else "en") for i in range(count)])
    Enrollment.objects.bulk_create([
        Enrollment(trainee=person, course=course, course_key=course.translation_key,
                   cohort=cohort, status=Enrollment.Status.COMPLETED,
                   completed_at=timezone.now()) for person in people])
    codes = Certificate.objects.filter(enrollment__cohort=cohort)
    emails = OutgoingEmail.objects.filter(to__endswith=DOMAIN,
                                          status=OutgoingEmail.Status.SENT)
    with tempfile.TemporaryDirectory() as private_root:
        env = {**os.environ, "SANAD_PRIVATE_ROOT": private_root,
               "DATABASE_URL": _database_url(),
               # The e-mails are counted in the outbox; the mail server is not measured.
               "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
        processes = [subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lms", "worker", "--concurrency=1",
             "-Q", settings.SANAD_WORKER_QUEUES, "--loglevel=WARNING",
             "-n", f"bench{i}@%h"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(workers)]
        try:
            _wait_for_workers(workers, env)
            started = time.perf_counter()
            queued = cohort_issue_all_eligible(cohort=cohort, actor=admin)
            deadline = time.monotonic() + max(120, 2 * count)  # seconds
            while time.monotonic() < deadline:
                done = codes.exclude(pdf_sha256="").count()
                sent = emails.count()
                if done == count and sent == count:
                    break
                time.sleep(0.5)
            elapsed = time.perf_counter() - started
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=60)
    stdout.write(f"Bulk issue of a cohort: {queued} queued, {done} certificates with their "
                 f"PDF and {sent} e-mails sent in {elapsed:.1f} s with {workers} workers "
                 f"({elapsed / max(done, 1) * 1000:.0f} ms each)")
    _clean(DOMAIN)


def _database_url() -> str:
    """This process's database, for the workers (a test database too, under pytest)."""
    db = connection.settings_dict
    auth = quote(db.get("USER") or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _wait_for_workers(count: int, env: dict) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "lms", "inspect", "ping", "--timeout", "2"],
            cwd=ROOT, env=env, capture_output=True, text=True).stdout
        if answer.count("pong") >= count:
            return
        time.sleep(1)
    raise CommandError("The workers did not start within two minutes.")


def _clean(domain: str) -> None:
    from certificates.models import Certificate
    from courses.models import Cohort, Enrollment
    from lms.models import OutgoingEmail, User

    Certificate.objects.filter(enrollment__trainee__email__endswith=domain).delete()
    OutgoingEmail.objects.filter(to__endswith=domain).delete()
    Enrollment.objects.filter(trainee__email__endswith=domain).delete()
    Cohort.objects.filter(name="Bulk issue benchmark").delete()
    User.objects.filter(email__endswith=domain).delete()
