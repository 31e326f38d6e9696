"""A programme at scale for the benchmark: N trainees in cohorts of up to 500, with
practice, reviews, supervision sessions, ratings, test attempts and certificates.

Deterministic (a fixed seed: the same N gives the same rows) and written with
bulk_create, so 20,000 trainees take minutes, not hours. It builds on the demo (courses,
activity kinds, competencies, demo staff), which it loads first when it is missing. The
certificates are rows only: their PDFs are not rendered (the sweeper would queue them).
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from lms.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from lms.models import Organisation, User
from lms.roles import Role

SEED = 15
COHORT_SIZE = 500
BATCH = 2000
DOMAIN = "scale.sanad.example"


class Command(BaseCommand):
    help = ("Add N trainees in cohorts of up to 500, with practice, reviews, sessions, "
            "ratings, attempts and certificates, for the benchmark. Not for production.")

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=2000)

    def handle(self, *args, trainees: int, **options):
        if getattr(settings, "SANAD_PRODUCTION", False):
            raise CommandError("seed_scale refuses to run with production settings: it "
                               "creates thousands of people with a published password.")
        if trainees < 1:
            raise CommandError("--trainees must be at least 1.")
        if User.objects.filter(email__endswith="@" + DOMAIN).exists():
            raise CommandError("This database already holds a seed_scale programme; seed an "
                               "empty database.")
        from content.models import CoursePage

        if not CoursePage.objects.live().exists():
            call_command("seed_demo", stdout=self.stdout)
        started = time.monotonic()
        with transaction.atomic():
            counts = Seeder(trainees, self.stdout).run()
        if connection.vendor == "postgresql":
            # Fresh statistics, as a live database has: the planner otherwise guessed 559
            # submitted entries where there were 59,000 and chose its plans by that.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write("seed_scale: " + ", ".join(f"{v} {k}" for k, v in counts.items())
                          + f" in {time.monotonic() - started:.0f} s")


class Seeder:
    def __init__(self, trainees: int, stdout):
        self.n = trainees
        self.rng = random.Random(SEED)
        self.stdout = stdout
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()
        self.counts: dict[str, int] = {}

    def _bulk(self, model, rows, label: str | None = None):
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        if label:
            self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def run(self) -> dict[str, int]:
        from content.models import ActivityKind, AssessmentPage, Competency, CoursePage, LessonPage

        courses = list(CoursePage.objects.live().filter(locale__language_code="en")
                       .order_by("pk")[:2])
        self.courses = [{
            "page": course,
            "lessons": list(LessonPage.objects.live().descendant_of(course)
                            .values_list("translation_key", flat=True)),
            "assessments": list(AssessmentPage.objects.live().descendant_of(course)
                                .values_list("translation_key", "kind")),
        } for course in courses]
        self.kinds = list(ActivityKind.objects.order_by("pk"))
        self.competencies = list(Competency.objects.order_by("pk")[:6])
        self.people()
        self.cohorts()
        self.enrollments()
        self.learning()
        self.practice()
        self.supervision()
        self.certificates()
        return self.counts

    # --- people ---------------------------------------------------------------------

    def _users(self, prefix: str, count: int, role: Role, organisations) -> list[User]:
        password = make_password(DEMO_PASSWORD)
        users = [User(email=f"{prefix}.{i}@{DOMAIN}", full_name=f"{prefix.title()} {i:05d}",
                      password=password, preferred_language=("ar" if i % 4 == 0 else "en"),
                      organisation=organisations[i % len(organisations)],
                      country="LB" if i % 2 else "JO", date_joined=self.now)
                 for i in range(count)]
        users = self._bulk(User, users, prefix + "s")
        group = Group.objects.get(name=role.value)
        self._bulk(User.groups.through, [User.groups.through(user_id=u.pk, group_id=group.pk)
                                         for u in users])
        from allauth.account.models import EmailAddress

        self._bulk(EmailAddress, [EmailAddress(user=u, email=u.email, verified=True,
                                               primary=True) for u in users])
        if role != Role.TRAINEE:
            self._second_factors(users)
        return users

    def _second_factors(self, users):
        """Staff pages open only after a second factor: the staff get the demo's, so that
        `benchmark --server` measures their pages rather than the set-up redirect."""
        from allauth.mfa.adapter import get_adapter
        from allauth.mfa.models import Authenticator

        secret = get_adapter().encrypt(DEMO_TOTP_SECRET)
        self._bulk(Authenticator, [Authenticator(user=u, type=Authenticator.Type.TOTP,
                                                 data={"secret": secret}) for u in users])

    def people(self):
        self.organisations = list(Organisation.objects.order_by("pk")[:4]) or [
            Organisation.objects.create(name="Scale NGO", kind="national_ngo", country="LB")]
        self.trainees = self._users("trainee", self.n, Role.TRAINEE, self.organisations)
        self.supervisors = self._users("supervisor", max(2, self.n // 100), Role.SUPERVISOR,
                                       self.organisations)
        self.trainers = self._users("trainer", max(1, self.n // 1000), Role.TRAINER,
                                    self.organisations)
        demo = {u.email.split("@")[0]: u for u in
                User.objects.filter(email__endswith="@sanad.example")}
        self.demo_supervisor = demo.get("supervisor")
        self.demo_trainer = demo.get("trainer")

    # --- cohorts and enrollments ------------------------------------------------------

    def cohorts(self):
        from courses.models import Cohort

        count = -(-self.n // COHORT_SIZE)
        start = self.today - datetime.timedelta(days=120)
        self.cohort_list = self._bulk(Cohort, [Cohort(
            course=self.courses[i % len(self.courses)]["page"], name=f"Scale cohort {i + 1:03d}",
            organisation=self.organisations[i % len(self.organisations)], country="LB",
            location="Beirut", language="en", start_date=start,
            end_date=start + datetime.timedelta(days=180)) for i in range(count)], "cohorts")
        trainers, supervisors = [], []
        for i, cohort in enumerate(self.cohort_list):
            trainer = self.trainers[i % len(self.trainers)]
            trainers.append(Cohort.trainers.through(cohort_id=cohort.pk, user_id=trainer.pk))
            # Cohort supervisors: two per cohort, about 200 trainees each once split.
            for j in range(2):
                supervisor = self.supervisors[(2 * i + j) % len(self.supervisors)]
                supervisors.append(Cohort.supervisors.through(cohort_id=cohort.pk,
                                                              user_id=supervisor.pk))
        # The demo's supervisor and trainer see the first cohort, as a real one would.
        if self.demo_trainer:
            trainers.append(Cohort.trainers.through(cohort_id=self.cohort_list[0].pk,
                                                    user_id=self.demo_trainer.pk))
        if self.demo_supervisor:
            supervisors.append(Cohort.supervisors.through(cohort_id=self.cohort_list[0].pk,
                                                          user_id=self.demo_supervisor.pk))
        self._bulk(Cohort.trainers.through, trainers)
        self._bulk(Cohort.supervisors.through, supervisors)

    def enrollments(self):
        from courses.models import Enrollment

        rows = []
        for i, trainee in enumerate(self.trainees):
            cohort = self.cohort_list[i // COHORT_SIZE]
            course = next(c for c in self.courses if c["page"].pk == cohort.course_id)
            rows.append(self._enrollment(trainee, course, cohort))
            # Two in three also follow the other course on their own.
            other = [c for c in self.courses if c is not course]
            if other and self.rng.random() < 0.65:
                rows.append(self._enrollment(trainee, other[0], None))
        self.enrollment_list = self._bulk(Enrollment, rows, "enrollments")
        self.course_of = {e.pk: next(c for c in self.courses if c["page"].pk == e.course_id)
                          for e in self.enrollment_list}

    def _enrollment(self, trainee, course, cohort):
        from courses.models import Enrollment

        roll = self.rng.random()
        status = (Enrollment.Status.COMPLETED if roll < 0.3 else
                  Enrollment.Status.WITHDRAWN if roll < 0.35 else Enrollment.Status.ACTIVE)
        enrolled = self.now - datetime.timedelta(days=self.rng.randint(30, 120))
        completed = enrolled + datetime.timedelta(days=self.rng.randint(10, 29))
        return Enrollment(
            trainee=trainee, course=course["page"], course_key=course["page"].translation_key,
            cohort=cohort, status=status, enrolled_at=enrolled,
            completed_at=completed if status == Enrollment.Status.COMPLETED else None,
            withdrawn_at=completed if status == Enrollment.Status.WITHDRAWN else None,
            knowledge_gain=(Decimal(self.rng.randint(-5, 40))
                            if status == Enrollment.Status.COMPLETED else None))

    # --- learning: lessons done and test attempts -----------------------------------------

    def learning(self):
        from courses.models import AssessmentAttempt, LessonProgress

        progress, attempts = [], []
        for enrollment in self.enrollment_list:
            course = self.course_of[enrollment.pk]
            done = (len(course["lessons"]) if enrollment.status == "completed"
                    else self.rng.randint(0, len(course["lessons"])))
            progress += [LessonProgress(enrollment=enrollment, page_key=key)
                         for key in course["lessons"][:done]]
            for key, kind in course["assessments"]:
                if enrollment.status != "completed" and self.rng.random() < 0.5:
                    continue
                for number in range(1, self.rng.randint(1, 2) + 1):
                    score = Decimal(self.rng.randint(40, 100))
                    attempts.append(AssessmentAttempt(
                        enrollment=enrollment, assessment_key=key, kind=kind, number=number,
                        answers={}, score=score, passed=score >= 70))
        self._bulk(LessonProgress, progress, "lessons done")
        self._bulk(AssessmentAttempt, attempts, "attempts")

    # --- supervised practice ----------------------------------------------------------

    def practice(self):
        from supervision.models import PracticeEntry, ReviewEvent

        cohort_index = {c.pk: i for i, c in enumerate(self.cohort_list)}
        entries = []
        for enrollment in self.enrollment_list:
            if enrollment.cohort_id is None:
                supervisor = self.supervisors[enrollment.pk % len(self.supervisors)]
            else:
                i = cohort_index[enrollment.cohort_id]
                supervisor = self.supervisors[(2 * i + enrollment.pk % 2) % len(self.supervisors)]
            for _ in range(self.rng.randint(4, 20)):
                roll = self.rng.random()
                state = ("approved" if roll < 0.7 else "submitted" if roll < 0.85
                         else "returned" if roll < 0.9 else "draft")
                when = self.now - datetime.timedelta(days=self.rng.randint(1, 100))
                entry = PracticeEntry(
                    enrollment=enrollment, date=when.date(),
                    duration_minutes=self.rng.choice((30, 45, 60, 90)),
                    activity_kind=self.rng.choice(self.kinds), modality="in_person",
                    setting="community_centre", language="Arabic", state=state,
                    went_well="Listened without rushing.",
                    submitted_at=when if state != "draft" else None,
                    approved_at=when + datetime.timedelta(days=1) if state == "approved" else None,
                    approved_by=supervisor if state == "approved" else None)
                entry._trainee_id = enrollment.trainee_id
                entry._supervisor = supervisor
                entries.append(entry)
        entries = self._bulk(PracticeEntry, entries, "practice entries")
        events = []
        for entry in entries:
            if entry.state == "draft":
                continue
            events.append(ReviewEvent(entry=entry, actor_id=entry._trainee_id, from_state="draft",
                                      to_state="submitted", notified_at=self.now))
            if entry.state in ("approved", "returned"):
                events.append(ReviewEvent(entry=entry, actor=entry._supervisor,
                                          from_state="submitted", to_state=entry.state,
                                          comment="" if entry.state == "approved"
                                          else "Add what you would do differently.",
                                          notified_at=self.now))
        self._bulk(ReviewEvent, events, "review events")

    def supervision(self):
        from supervision.models import CompetencyRating, SupervisionSession

        by_cohort: dict[int, list] = {}
        for enrollment in self.enrollment_list:
            if enrollment.cohort_id:
                by_cohort.setdefault(enrollment.cohort_id, []).append(enrollment)
        sessions, attendance = [], []
        for i, cohort in enumerate(self.cohort_list):
            members = by_cohort.get(cohort.pk, [])
            for week in range(8):
                # Groups of about 25 meet every other week.
                for group in range(0, len(members), 25):
                    session = SupervisionSession(
                        supervisor=self.supervisors[(2 * i + group // 25 % 2)
                                                    % len(self.supervisors)],
                        date=cohort.start_date + datetime.timedelta(days=14 * week),
                        duration_minutes=90, format="group", topics="Case discussion")
                    session._members = members[group:group + 25]
                    sessions.append(session)
        sessions = self._bulk(SupervisionSession, sessions, "sessions")
        through = SupervisionSession.enrollments.through
        for session in sessions:
            attendance += [through(supervisionsession_id=session.pk, enrollment_id=e.pk)
                           for e in session._members]
        self._bulk(through, attendance)
        ratings = []
        for enrollment in self.enrollment_list:
            if enrollment.status != "completed":
                continue
            supervisor = self.supervisors[enrollment.pk % len(self.supervisors)]
            ratings += [CompetencyRating(enrollment=enrollment, competency=competency,
                                         supervisor=supervisor, level=self.rng.randint(2, 4),
                                         observation="role_play")
                        for competency in self.competencies]
        self._bulk(CompetencyRating, ratings, "ratings")

    def certificates(self):
        from certificates.codes import ALPHABET, CODE_BITS, CODE_LENGTH, format_code
        from certificates.models import Certificate

        def generate_code():
            # The codes' format, from the seeded generator: the same run, the same codes.
            number = self.rng.getrandbits(CODE_BITS)
            return format_code("".join(ALPHABET[(number >> (5 * i)) & 31]
                                       for i in reversed(range(CODE_LENGTH))))

        rows, codes = [], set()
        for enrollment in self.enrollment_list:
            if enrollment.status != "completed":
                continue
            code = generate_code()
            while code in codes:
                code = generate_code()
            codes.add(code)
            trainee = self.trainees_by_pk[enrollment.trainee_id]
            rows.append(Certificate(
                enrollment=enrollment, code=code, name_as_issued=trainee.full_name,
                course_title=self.course_of[enrollment.pk]["page"].title,
                language=trainee.preferred_language,
                completion_date=enrollment.completed_at.date(),
                issued_on=enrollment.completed_at.date(),
                issuing_organisation="Sanad", practice_hours=[],
                supervision_hours=Decimal("12"), emailed_at=self.now))
        self._bulk(Certificate, rows, "certificates")

    @property
    def trainees_by_pk(self):
        if not hasattr(self, "_trainees_by_pk"):
            self._trainees_by_pk = {t.pk: t for t in self.trainees}
        return self._trainees_by_pk
