"""Print how the main pages of each role perform on this database: queries and
in-process median time (Django's test client, N requests each), the cohort CSV's time
and peak memory, and the certificate PDF's median render time.

Run after `seed_scale` (see README, "Benchmark"). It prints figures; tests pin query
counts, never times.
"""

from __future__ import annotations

import random
import resource
import statistics
import time
import tracemalloc
from collections import Counter, defaultdict
from http.client import HTTPConnection
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
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
        parser.add_argument("--server", default="",
                            help="Also load a running server at this address (e.g. "
                                 "http://127.0.0.1:8000, sharing this database) with --users "
                                 "concurrent logged-in people for --seconds.")
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=30)
        parser.add_argument("--think", type=float, default=2.0,
                            help="Seconds each person reads a page before the next (on "
                                 "average; 0 for back-to-back requests).")

    def handle(self, *args, requests: int, pdf: int, server: str, users: int, seconds: int,
               think: float = 2.0, **options):
        if getattr(settings, "SANAD_PRODUCTION", False):
            raise CommandError("benchmark refuses to run with production settings: it signs "
                               "people in and writes sessions.")
        # The test client's requests name the host "testserver".
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            self._run(requests, pdf, server, users, seconds, think)

    def _run(self, requests: int, pdf: int, server: str, users: int, seconds: int,
             think: float):
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
        if server:
            self._load(server, cohort, pages, people, users, seconds, think)

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
        self.stdout.write("")
        self._csv_of(client, cohort)
        # Then every trainee of the course in that one cohort, as a programme that keeps
        # all its people in one cohort would have it; undone afterwards.
        with transaction.atomic():
            Enrollment = cohort.enrollments.model
            Enrollment.objects.filter(course__translation_key=cohort.course.translation_key
                                      ).update(cohort=cohort)
            self._csv_of(client, cohort)
            transaction.set_rollback(True)

    def _csv_of(self, client, cohort):
        url = reverse("courses:cohort_export_csv", args=[cohort.pk])
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        # The process's high-water mark: how much the export made the worker grow.
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        self.stdout.write(f"cohort CSV ({cohort.enrollments.count()} trainees): "
                          f"{elapsed:.2f} s, {size / 1024:.0f} KB, "
                          f"peak Python memory {peak / 2**20:.1f} MB, "
                          f"process grew {grown / 1024:.1f} MB")

    def _pdf(self, count):
        from certificates.models import Certificate

        # A Latin and an Arabic certificate: Arabic shaping costs more.
        for language in ("en", "ar"):
            certificate = (Certificate.objects.select_related("enrollment__course")
                           .filter(language=language).order_by("pk").first())
            if certificate is not None:
                self._pdf_of(certificate, count)

    def _pdf_of(self, certificate, count):
        from certificates.pdf import render_pdf
        from certificates.services import template_for

        template = certificate.template or template_for(certificate.enrollment.course,
                                                        certificate.language)
        started = time.perf_counter()
        render_pdf(certificate, template)
        first = (time.perf_counter() - started) * 1000
        times, cpu = [], []
        for _ in range(count):
            started, started_cpu = time.perf_counter(), time.process_time()
            render_pdf(certificate, template)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        # The processor time is what a render costs; the elapsed time also counts
        # whatever else the machine was doing.
        self.stdout.write(f"certificate PDF ({certificate.language}): first {first:.0f} ms, "
                          f"then median {statistics.median(times):.0f} ms over {count} "
                          f"({statistics.median(cpu):.0f} ms of processor time)")

    def _load(self, server, cohort, pages, people, users, seconds, think):
        """``users`` people at once, each looping over their role's pages on ``server``
        for ``seconds``: server time per page (p50, p95) and errors (any answer but 200).
        Like people, each reads a page for about ``think`` seconds before the next (back
        to back, 50 people would measure only the queue in front of the server).

        A quarter of the people are trainees of the cohort, each their own account; the
        staff are the cohort's supervisors and trainers and the managers, shared when there
        are fewer of them than virtual people (a shared session is what two browser tabs do).
        """
        from concurrent.futures import ThreadPoolExecutor

        from lms.roles import Role

        staff = {"supervisor": list(cohort.supervisors.all()) or [people["supervisor"]],
                 "trainer": list(cohort.trainers.all()) or [people["trainer"]],
                 "manager": list(User.objects.filter(groups__name=Role.PROGRAMME_MANAGER.value)
                                 .order_by("pk")[:10]) or [people["manager"]]}
        trainees = [e.trainee for e in cohort.enrollments.filter(status="active")
                    .select_related("trainee").order_by("pk")[:users]]
        roles = [role for role in ("trainee", "supervisor", "trainer", "manager")
                 if (trainees if role == "trainee" else any(staff[role]))]
        virtual = []
        for n in range(users):
            role = roles[n % len(roles)]
            group = trainees if role == "trainee" else [p for p in staff[role] if p]
            person = group[(n // len(roles)) % len(group)]
            client = Client()
            client.force_login(person)
            virtual.append((role, client.cookies[settings.SESSION_COOKIE_NAME].value))
        # The trainee's course and lesson are those of the first trainee: every trainee of
        # the cohort studies the same course.
        target = urlsplit(server)
        deadline = time.monotonic() + seconds
        timings: dict[tuple[str, str], list[float]] = defaultdict(list)
        errors: Counter = Counter()

        pause = random.Random(15)

        def browse(role, session):
            connection_ = HTTPConnection(target.hostname, target.port or 80, timeout=30)
            cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
            # People arrive over the first few seconds, not all in the same millisecond.
            time.sleep(pause.uniform(0, think))
            while time.monotonic() < deadline:
                for label, url in pages[role]:
                    started = time.perf_counter()
                    status = 0
                    # A kept-alive connection the server has since closed is opened
                    # again and the request sent once more, as a browser does.
                    for _attempt in range(2):
                        try:
                            connection_.request("GET", url, headers={
                                "Cookie": cookie, "Accept-Encoding": "gzip",
                                "X-Forwarded-Proto": "https"})
                            response = connection_.getresponse()
                            response.read()
                            status = response.status
                            break
                        except OSError:
                            connection_.close()
                            connection_ = HTTPConnection(target.hostname, target.port or 80,
                                                         timeout=30)
                    timings[role, label].append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        errors[role, label] += 1
                    if think:
                        time.sleep(min(max(deadline - time.monotonic(), 0),
                                       pause.uniform(0.5, 1.5) * think))
                    if time.monotonic() >= deadline:
                        break
            connection_.close()

        with ThreadPoolExecutor(max_workers=users) as pool:
            for future in [pool.submit(browse, role, session) for role, session in virtual]:
                future.result()
        total = sum(len(t) for t in timings.values())
        self.stdout.write(f"\nload on {server}: {users} people at once for {seconds} s "
                          f"(about {think:g} s on each page), "
                          f"{total} requests ({total / seconds:.1f}/s), "
                          f"{sum(errors.values())} errors")
        self.stdout.write(f"{'role':<11}{'page':<16}{'requests':>9}{'p50 ms':>8}{'p95 ms':>8}"
                          f"{'errors':>7}")
        for (role, label), values in timings.items():
            values.sort()
            p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
            self.stdout.write(f"{role:<11}{label:<16}{len(values):>9}"
                              f"{statistics.median(values):>8.0f}{p95:>8.0f}"
                              f"{errors[role, label]:>7}")
