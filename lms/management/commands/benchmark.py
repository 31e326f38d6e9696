"""Print how the main pages of each role perform on this database: queries and
in-process median time (Django's test client, N requests each), the cohort CSV's time
and peak memory, and the certificate PDF's median render time.

Run after `seed_scale` (see README, "Benchmark"). It prints figures; tests pin query
counts, never times.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from lms.models import User


class Command(BaseCommand):
    help = "Print queries and median times of each role's main pages, the cohort CSV and the PDF."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=10,
                            help="Requests per page (after one to warm up).")
        parser.add_argument("--pdf", type=int, default=10, help="PDF renders to time (0: none).")

    def handle(self, *args, requests: int, pdf: int, **options):
        if getattr(settings, "SANAD_PRODUCTION", False):
            raise CommandError("benchmark refuses to run with production settings: it signs "
                               "people in and writes sessions.")
        # The test client's requests name the host "testserver".
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            self._run(requests, pdf)

    def _run(self, requests: int, pdf: int):
        from courses.models import Cohort, Enrollment

        cohort = (Cohort.objects.filter(name__startswith="Scale cohort").order_by("pk").first()
                  or Cohort.objects.order_by("pk").first())
        if cohort is None:
            raise CommandError("No cohort: run `manage.py seed_scale --trainees N` first.")
        enrollment = (Enrollment.objects.filter(cohort=cohort, status="active")
                      .select_related("trainee", "course").order_by("pk").first())
        people = {
            "trainee": enrollment.trainee if enrollment else None,
            "supervisor": cohort.supervisors.order_by("-email").first(),
            "trainer": cohort.trainers.order_by("-email").first(),
            "manager": User.objects.filter(email="manager@sanad.example").first(),
        }
        pages = {"trainee": [("My learning", reverse("courses:my_learning")),
                             ("Logbook", reverse("supervision:logbook")),
                             ("My certificates", reverse("certificates:mine"))],
                 "supervisor": [("Queue", reverse("supervision:queue")),
                                ("Trainees", reverse("supervision:trainees")),
                                ("Sessions", reverse("supervision:sessions"))],
                 "trainer": [("Cohorts", reverse("courses:cohort_list")),
                             ("Cohort matrix", reverse("courses:cohort_detail",
                                                       args=[cohort.pk]))],
                 "manager": [("Cohorts", reverse("courses:cohort_list")),
                             ("Certificates", reverse("certificates:cohort_list"))]}
        if enrollment:
            course = enrollment.course.specific
            pages["trainee"].insert(1, ("Course", course.url))
            from content.models import LessonPage

            lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
            if lesson:
                pages["trainee"].insert(2, ("Lesson", lesson.url))
        trainees = Enrollment.objects.exclude(status="withdrawn").values("trainee").distinct()
        self.stdout.write(f"{User.objects.count()} people, {trainees.count()} trainees; cohort "
                          f"{cohort.name!r} with {cohort.enrollments.count()} trainees; "
                          f"{requests} requests per page, database "
                          f"{connection.vendor}\n")
        self.stdout.write(f"{'role':<11}{'page':<16}{'status':>6}{'queries':>8}"
                          f"{'median ms':>10}{'KB':>8}")
        for role, person in people.items():
            if person is None:
                self.stdout.write(f"{role:<11}(nobody with this role in the data)")
                continue
            client = Client()
            client.force_login(person)
            for label, url in pages[role]:
                self._page(client, role, label, url, requests)
        self._csv(cohort, people["trainer"])
        if pdf:
            self._pdf(pdf)

    def _page(self, client, role, label, url, requests):
        client.get(url)  # warm: caches, templates, the first connection
        times = []
        for _ in range(requests):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        size = len(response.content) / 1024 if not response.streaming else 0
        self.stdout.write(f"{role:<11}{label:<16}{response.status_code:>6}{len(queries):>8}"
                          f"{statistics.median(times):>10.1f}{size:>8.1f}")

    def _csv(self, cohort, trainer):
        if trainer is None:
            return
        client = Client()
        client.force_login(trainer)
        url = reverse("courses:cohort_export_csv", args=[cohort.pk])
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.stdout.write(f"\ncohort CSV ({cohort.enrollments.count()} trainees): "
                          f"{elapsed:.2f} s, {size / 1024:.0f} KB, "
                          f"peak Python memory {peak / 2**20:.1f} MB")

    def _pdf(self, count):
        from certificates.models import Certificate
        from certificates.pdf import render_pdf
        from certificates.services import template_for

        certificate = Certificate.objects.select_related("enrollment__course").order_by(
            "pk").first()
        if certificate is None:
            return
        template = certificate.template or template_for(certificate.enrollment.course,
                                                        certificate.language)
        started = time.perf_counter()
        render_pdf(certificate, template)
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(count):
            started = time.perf_counter()
            render_pdf(certificate, template)
            times.append((time.perf_counter() - started) * 1000)
        self.stdout.write(f"certificate PDF: first {first:.0f} ms, then median "
                          f"{statistics.median(times):.0f} ms over {count}")
