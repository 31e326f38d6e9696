"""Benchmark (not a test): how long rendering and issuing take.

By default, in one warm process: the median time to render one certificate PDF, and the
time to issue 200 certificates (issue, render, store, e-mail) one after another, as a
single worker does. Everything it creates is rolled back and its files go to a
temporary folder.

With ``--workers N`` (PostgreSQL and a real broker): a cohort's bulk issue of ``--count``
certificates through N real Celery workers started for the run, timed from the press of
"Issue all" until every certificate has its PDF and its e-mail has been sent. What it
creates is committed (the workers must see it), so run it on a scratch database; it
deletes its people, cohort and certificates afterwards.
"""

import statistics
import tempfile
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from certificates.pdf import render_pdf
from certificates.tasks import email_certificate, issue_certificate, render_certificate


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Print the median render time and the time to issue N certificates with one worker."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200)
        parser.add_argument("--renders", type=int, default=15)
        parser.add_argument("--workers", type=int, default=0,
                            help="Bulk-issue through this many real Celery workers.")

    def handle(self, *args, count=200, renders=15, workers=0, **options):
        if workers:
            from certificates.benchmarks import bulk_issue_with_workers

            bulk_issue_with_workers(count=count, workers=workers, stdout=self.stdout)
            return
        with tempfile.TemporaryDirectory() as media, override_settings(
                MEDIA_ROOT=media, SANAD_PRIVATE_ROOT=media,
                MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            try:
                with transaction.atomic():
                    self._run(count, renders)
                    raise _Rollback
            except _Rollback:
                pass

    def _run(self, count, renders):
        from content.models import CoursePage
        from courses.models import Enrollment
        from lms.models import User

        course = CoursePage.objects.live().first()
        if course is None:
            self.stderr.write("No course: run `manage.py seed_demo` first.")
            return
        names = ["Layla Haddad", "ليلى حداد", "Jean-Baptiste Ndayishimiye", "مريم العلي"]
        enrollment_ids = []
        for i in range(count + 1):
            trainee = User.objects.create_user(
                email=f"benchmark-{i}@bench.invalid", full_name=names[i % len(names)],
                preferred_language="ar" if i % 2 else "en")
            enrollment_ids.append(Enrollment.objects.create(
                trainee=trainee, course=course, status=Enrollment.Status.COMPLETED,
                completed_at=timezone.now()).pk)

        # Warm the process (fonts, templates), then time single renders.
        certificate_id = issue_certificate.run(enrollment_ids.pop())
        from certificates.models import Certificate

        certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
        render_pdf(certificate, certificate.template)
        timings = []
        for _ in range(renders):
            start = time.perf_counter()
            render_pdf(certificate, certificate.template)
            timings.append(time.perf_counter() - start)
        self.stdout.write(f"Median render of one certificate (warm, {renders} runs): "
                          f"{statistics.median(timings) * 1000:.0f} ms")

        start = time.perf_counter()
        for enrollment_id in enrollment_ids:
            certificate_id = issue_certificate.run(enrollment_id)
            render_certificate.run(certificate_id)
            email_certificate.run(certificate_id)
        elapsed = time.perf_counter() - start
        self.stdout.write(f"Issued {len(enrollment_ids)} certificates (issue + PDF + e-mail) "
                          f"with one worker in {elapsed:.1f} s "
                          f"({elapsed / len(enrollment_ids) * 1000:.0f} ms each)")
