"""Demo learners: the Beirut cohort of "Basic helping skills" with two trainees part-way
through, and a French-speaking trainee on "Psychological first aid"; and the programme
(six cohorts of about twenty trainees each in Lebanon and Jordan) that gives the
indicators something to count.

Looked up by name and e-mail, created only when missing, so running the seed again
changes nothing. Skips what it cannot build when the demo content is not there.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from content.models import CoursePage
from lms.demo import DEMO_PASSWORD, hashed_password, historical_timestamps
from lms.models import Cadre, Organisation, Sex, Site, User
from lms.roles import Role

from . import selectors
from .models import AssessmentAttempt, Cohort, Enrollment, LessonProgress

COHORT_NAME = "Beirut — spring 2026"
COURSE_SLUG = "basic-helping-skills"
PFA_SLUG = "psychological-first-aid"
ORGANISATION = "Cedar Psychosocial Network"
TRAINER = "trainer@sanad.example"
SUPERVISOR = "supervisor@sanad.example"
# (trainee e-mail, language of the course page they study, lessons already completed)
COHORT_TRAINEES = [("trainee@sanad.example", "en", 2), ("trainee.ar@sanad.example", "ar", 4)]
PFA_TRAINEE = "trainee.fr@sanad.example"


def _course(slug, language="en"):
    return (CoursePage.objects.filter(slug=slug, locale__language_code=language).first()
            or CoursePage.objects.filter(slug=slug).first())


def seed(stdout):
    course = _course(COURSE_SLUG)
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    people = {u.email: u for u in User.objects.filter(
        email__in=[TRAINER, SUPERVISOR, PFA_TRAINEE, *(e for e, _l, _n in COHORT_TRAINEES)])}
    if course is None or organisation is None:
        stdout.write("Demo learners skipped: the demo course or organisation is not there.")
        return
    today = timezone.localdate()
    cohort, created = Cohort.objects.get_or_create(
        name=COHORT_NAME, course=course,
        defaults={"organisation": organisation, "country": "LB", "location": "Beirut",
                  "language": "en", "start_date": datetime.date(2026, 3, 2),
                  "end_date": datetime.date(2026, 6, 26)})
    if cohort.site_id is None:
        cohort.site = Site.objects.filter(organisation=organisation,
                                          name="Shatila community centre").first()
        if cohort.site is not None:
            cohort.save(update_fields=["site"])
    if created and cohort.end_date < today:
        cohort.end_date = today + datetime.timedelta(days=90)
        cohort.save(update_fields=["end_date"])
    if TRAINER in people:
        cohort.trainers.add(people[TRAINER])
    if SUPERVISOR in people:
        cohort.supervisors.add(people[SUPERVISOR])

    for email, language, lessons_done in COHORT_TRAINEES:
        trainee = people.get(email)
        if trainee is None:
            continue
        page = _course(COURSE_SLUG, language)
        enrollment, _ = Enrollment.objects.get_or_create(
            trainee=trainee, course_key=course.translation_key,
            defaults={"course": page, "cohort": cohort})
        _complete_first_lessons(enrollment, page, lessons_done)

    pfa = _course(PFA_SLUG)
    if pfa is not None and PFA_TRAINEE in people:
        Enrollment.objects.get_or_create(trainee=people[PFA_TRAINEE],
                                         course_key=pfa.translation_key,
                                         defaults={"course": pfa})
    stdout.write(f"Demo learners: cohort “{COHORT_NAME}” with "
                 f"{cohort.enrollments.count()} trainees.")
    _seed_programme(stdout)


def _complete_first_lessons(enrollment, course, count):
    """Mark the course's first lessons complete, once (only on a fresh enrollment)."""
    if LessonProgress.objects.filter(enrollment=enrollment).exists():
        return
    lessons = selectors.course_plan(course).lessons
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrollment=enrollment, page_key=lesson.translation_key)
         for lesson in lessons[:count]], ignore_conflicts=True)
    if lessons[:count]:
        enrollment.last_page_key = lessons[min(count, len(lessons) - 1)].translation_key
        enrollment.save(update_fields=["last_page_key"])


# --- The programme -------------------------------------------------------------------

SEED = 2026


@dataclass(frozen=True)
class ProgrammeCohort:
    name: str
    course_slug: str
    organisation: str
    site: str
    country: str
    language: str
    # Days from today to the cohort's first and last day (negative: in the past).
    starts: int
    ends: int
    trainer: str
    supervisors: tuple[str, ...]
    trainees: int
    # Shares of the cohort that completed and that withdrew; the rest are still active.
    completed: float
    withdrawn: float


# The first cohort finished nearly two years ago: its 24-month certificates expire soon.
PROGRAMME_COHORTS = [
    ProgrammeCohort("Bar Elias — helping skills, first cohort", "basic-helping-skills",
                    "Cedar Psychosocial Network", "Bar Elias informal settlement", "LB", "ar",
                    -790, -680, "trainer.lb@sanad.example",
                    ("supervisor.lb@sanad.example",), 20, 0.75, 0.10),
    ProgrammeCohort("Tripoli — psychological first aid", "psychological-first-aid",
                    "Cedar Psychosocial Network", "Tripoli primary health care centre", "LB",
                    "ar", -300, -190, "trainer.lb@sanad.example",
                    ("supervisor.lb@sanad.example",), 20, 0.60, 0.15),
    ProgrammeCohort("Zaatari — psychological first aid", "psychological-first-aid",
                    "Horizons International Relief", "Zaatari camp — district 5 centre", "JO",
                    "ar", -240, -150, "trainer.jo@sanad.example",
                    ("supervisor.zaatari@sanad.example",), 22, 0.60, 0.15),
    ProgrammeCohort("Irbid — helping skills", "basic-helping-skills",
                    "Horizons International Relief", "Irbid community centre", "JO", "ar",
                    -120, 30, "trainer.jo@sanad.example",
                    ("supervisor.jo@sanad.example", "supervisor.zaatari@sanad.example"),
                    20, 0.15, 0.10),
    ProgrammeCohort("Amman — working with interpreters", "working-with-interpreters",
                    "Al-Amal Community Centre", "Al-Amal centre, Jabal al-Nuzha", "JO", "en",
                    -200, -60, "trainer.amman@sanad.example",
                    ("supervisor.amman@sanad.example",), 18, 0.60, 0.10),
    ProgrammeCohort("East Amman — helping skills", "basic-helping-skills",
                    "Al-Amal Community Centre", "East Amman mobile team", "JO", "ar",
                    -75, 60, "trainer.amman@sanad.example",
                    ("supervisor.amman@sanad.example",), 20, 0.15, 0.10),
]

FIRST_NAMES = {
    ("latin", Sex.FEMALE): ["Layal", "Rania", "Fatima", "Nour", "Hiba", "Maya", "Zeinab",
                            "Reem", "Samar", "Dima", "Aya", "Rasha", "Huda", "Mariam", "Lina",
                            "Salma", "Yasmin", "Amal", "Ghada", "Sana"],
    ("latin", Sex.MALE): ["Ahmad", "Mohammad", "Khaled", "Omar", "Hassan", "Ali", "Yousef",
                          "Bilal", "Samir", "Tarek", "Fadi", "Rami", "Mahmoud", "Ibrahim",
                          "Jamal", "Walid", "Nabil", "Ziad"],
    ("arabic", Sex.FEMALE): ["ليلى", "رانيا", "فاطمة", "نور", "هبة", "زينب", "ريم", "سمر",
                             "آية", "هدى", "مريم", "سلمى", "أمل", "غادة", "دعاء", "إسراء"],
    ("arabic", Sex.MALE): ["أحمد", "محمد", "خالد", "عمر", "حسن", "علي", "يوسف", "بلال",
                           "سمير", "طارق", "فادي", "محمود", "إبراهيم", "وليد"],
}
FAMILY_NAMES = {
    "latin": ["Haddad", "Khalil", "Saleh", "Nasser", "Awad", "Hamdan", "Darwish", "Masri",
              "Shami", "Khatib", "Hijazi", "Qasem", "Zoubi", "Obeidat", "Abu Zeid", "Rifai",
              "Toukan", "Jaber", "Sabbagh", "Fares"],
    "arabic": ["حداد", "خليل", "صالح", "ناصر", "عوض", "حمدان", "درويش", "المصري", "الشامي",
               "الخطيب", "حجازي", "قاسم", "الزعبي", "العبيدات", "جابر", "فارس"],
}
# Who comes to each course, as cadre codes with weights.
CADRE_MIX = {
    "basic-helping-skills": {"community_worker": 30, "social_worker": 15, "nurse": 12,
                             "psychologist": 8, "teacher": 10, "volunteer": 15, "doctor": 3,
                             "other": 2},
    "psychological-first-aid": {"community_worker": 25, "volunteer": 30, "nurse": 15,
                                "teacher": 15, "doctor": 5, "social_worker": 10},
    "working-with-interpreters": {"cultural_mediator": 50, "interpreter": 35,
                                  "social_worker": 10, "psychologist": 5},
}


def _choose(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _at(day: datetime.date, rng) -> datetime.datetime:
    """A working-hours moment on `day`, in the current time zone."""
    moment = datetime.datetime.combine(day, datetime.time(8 + rng.randrange(9),
                                                          rng.randrange(60)))
    return timezone.make_aware(moment)


def _seed_programme(stdout):
    """Six cohorts over three organisations, their trainees and their learning history.

    People, enrollments and each enrollment's history are created only when missing, in
    bulk (a fresh demo makes about 120 of each). Outcomes follow `random.Random(2026)`:
    the same demo every time it is built on the same day.
    """
    courses = {slug: _course(slug) for slug in {c.course_slug for c in PROGRAMME_COHORTS}}
    organisations = {o.name: o for o in Organisation.objects.filter(
        name__in={c.organisation for c in PROGRAMME_COHORTS})}
    if None in courses.values() or len(organisations) < 3:
        stdout.write("Programme demo skipped: its courses or organisations are not there.")
        return
    sites = {(s.organisation_id, s.name): s for s in Site.objects.all()}
    staff = {u.email: u for u in User.objects.filter(
        email__in={e for c in PROGRAMME_COHORTS for e in (c.trainer, *c.supervisors)})}
    cadres = {c.code: c for c in Cadre.objects.all()}
    rng = random.Random(SEED)
    today = timezone.localdate()
    password = hashed_password(DEMO_PASSWORD)
    numbers = {"LB": 0, "JO": 0}
    made = 0
    for spec in PROGRAMME_COHORTS:
        organisation = organisations[spec.organisation]
        course = courses[spec.course_slug]
        cohort, _ = Cohort.objects.get_or_create(
            name=spec.name, course=course,
            defaults={"organisation": organisation, "country": spec.country,
                      "site": sites.get((organisation.pk, spec.site)),
                      "location": spec.site, "language": spec.language,
                      "start_date": today + datetime.timedelta(days=spec.starts),
                      "end_date": today + datetime.timedelta(days=spec.ends)})
        if spec.trainer in staff:
            cohort.trainers.add(staff[spec.trainer])
        cohort.supervisors.add(*(staff[e] for e in spec.supervisors if e in staff))
        people = []
        for _n in range(spec.trainees):
            numbers[spec.country] += 1
            people.append(_programme_person(rng, spec, numbers[spec.country], cadres))
        trainees = _ensure_trainees(people, organisation, spec.country, password)
        made += _enrol_programme(rng, cohort, course, spec, trainees, today)
    stdout.write(f"Programme demo: {len(PROGRAMME_COHORTS)} cohorts, "
                 f"{made} new enrollments.")


def _programme_person(rng, spec, number, cadres) -> dict:
    script = "arabic" if rng.random() < 0.55 else "latin"
    sex = Sex.FEMALE if rng.random() < 0.6 else Sex.MALE
    name = f"{rng.choice(FIRST_NAMES[script, sex])} {rng.choice(FAMILY_NAMES[script])}"
    recorded = rng.random()
    # Some people leave their sex unsaid or prefer not to say; some give no cadre.
    shown_sex = "" if recorded < 0.08 else Sex.UNDISCLOSED if recorded < 0.12 else sex
    cadre = None if rng.random() < 0.1 else cadres.get(_choose(rng, CADRE_MIX[spec.course_slug]))
    language = "ar" if script == "arabic" or rng.random() < 0.3 else "en"
    return {"email": f"trainee.{spec.country.lower()}.{number:03d}@sanad.example",
            "full_name": name, "sex": shown_sex, "cadre": cadre, "language": language}


def _ensure_trainees(people, organisation, country, password) -> list[User]:
    existing = {u.email: u for u in User.objects.filter(email__in=[p["email"] for p in people])}
    new = [User(email=p["email"], full_name=p["full_name"], sex=p["sex"], cadre=p["cadre"],
                preferred_language=p["language"], organisation=organisation,
                country=country, password=password)
           for p in people if p["email"] not in existing]
    if new:
        User.objects.bulk_create(new)
        created = list(User.objects.filter(email__in=[u.email for u in new]))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created],
            ignore_conflicts=True)
        trainee_group = Group.objects.get(name=Role.TRAINEE)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=trainee_group.pk) for u in created],
            ignore_conflicts=True)
        existing.update({u.email: u for u in created})
    return [existing[p["email"]] for p in people]


def _enrol_programme(rng, cohort, course, spec, trainees, today) -> int:
    """Enroll the trainees with their outcome and, for new enrollments, their lessons and
    tests. Returns how many enrollments were new."""
    enrolled = set(Enrollment.objects.filter(trainee__in=trainees,
                                             course_key=course.translation_key)
                   .values_list("trainee_id", flat=True))
    plan = selectors.course_plan(course)
    lessons = [p.translation_key for p in plan.required_lessons]
    new = []
    yesterday = today - datetime.timedelta(days=1)
    expired_one = spec is PROGRAMME_COHORTS[0]
    for trainee in trainees:
        draw = rng.random()
        # Every trainee draws the same numbers whether or not they exist yet.
        days = [rng.random() for _i in range(3)]
        if trainee.pk in enrolled:
            continue
        start, end = cohort.start_date, min(cohort.end_date, yesterday)
        enrolled_on = start + datetime.timedelta(days=int(days[0] * 6))
        enrollment = Enrollment(trainee=trainee, course=course, cohort=cohort,
                                course_key=course.translation_key,
                                enrolled_at=_at(enrolled_on, rng))
        span = max((end - enrolled_on).days, 1)
        if draw < spec.completed and span > 30:
            enrollment.status = Enrollment.Status.COMPLETED
            completed_on = enrolled_on + datetime.timedelta(days=int(span * (0.6 + 0.4 * days[1])))
            if expired_one:
                # One certificate of the first cohort has already run out.
                completed_on, expired_one = today - datetime.timedelta(days=740), False
            enrollment.completed_at = _at(min(completed_on, yesterday), rng)
        elif draw < spec.completed + spec.withdrawn:
            enrollment.status = Enrollment.Status.WITHDRAWN
            enrollment.withdrawn_at = _at(
                enrolled_on + datetime.timedelta(days=max(1, int(span * 0.5 * days[1]))), rng)
        new.append(enrollment)
    if not new:
        return 0
    with historical_timestamps(Enrollment._meta.get_field("enrolled_at")):
        Enrollment.objects.bulk_create(new)
    new = list(Enrollment.objects.filter(cohort=cohort, trainee__in=[e.trainee for e in new])
               .select_related("trainee"))
    _learning_history(rng, new, plan, lessons, today)
    return len(new)


def _learning_history(rng, enrollments, plan, lessons, today) -> None:
    """Lessons read and tests taken, dated between enrolment and the outcome."""
    progress, attempts, gains = [], [], {}
    pre, post = plan.pre_test, plan.post_test
    now = timezone.now()
    for enrollment in sorted(enrollments, key=lambda e: e.trainee.email):
        begun = enrollment.enrolled_at
        ended = enrollment.completed_at or enrollment.withdrawn_at or now
        def moment(share, begun=begun, ended=ended):
            return begun + (ended - begun) * share
        status = enrollment.status
        share = (1.0 if status == Enrollment.Status.COMPLETED
                 else rng.uniform(0.1, 0.5) if status == Enrollment.Status.WITHDRAWN
                 else rng.uniform(0.2, 1.0))
        done = lessons[:round(len(lessons) * share)]
        progress += [LessonProgress(enrollment=enrollment, page_key=key,
                                    completed_at=moment(0.1 + 0.6 * i / max(len(done), 1)))
                     for i, key in enumerate(done)]
        first_pre = None
        if pre is not None and rng.random() < 0.92:
            first_pre = Decimal(round(min(85, max(15, rng.gauss(50, 13))), 1))
            attempts.append(AssessmentAttempt(
                enrollment=enrollment, assessment_key=pre.translation_key, kind="pre_test",
                number=1, score=first_pre, passed=first_pre >= pre.pass_mark,
                submitted_at=moment(0.02)))
        takes_post = (status == Enrollment.Status.COMPLETED
                      or (status == Enrollment.Status.ACTIVE and share > 0.8))
        if post is None or not takes_post:
            continue
        base = float(first_pre) if first_pre is not None else rng.gauss(50, 13)
        scores = [round(min(100, max(10, base + rng.gauss(20, 11))), 1)]
        if status == Enrollment.Status.COMPLETED and scores[0] < post.pass_mark:
            # Failed once, then passed on the second attempt.
            scores.append(round(rng.uniform(post.pass_mark, 95), 1))
        for number, score in enumerate(scores, start=1):
            attempts.append(AssessmentAttempt(
                enrollment=enrollment, assessment_key=post.translation_key, kind="post_test",
                number=number, score=Decimal(str(score)), passed=score >= post.pass_mark,
                submitted_at=moment(0.8 + 0.05 * number)))
        if first_pre is not None:
            gains[enrollment.pk] = Decimal(str(max(scores))) - first_pre
    with historical_timestamps(LessonProgress._meta.get_field("completed_at"),
                               AssessmentAttempt._meta.get_field("submitted_at")):
        LessonProgress.objects.bulk_create(progress, ignore_conflicts=True)
        AssessmentAttempt.objects.bulk_create(attempts, ignore_conflicts=True)
    for enrollment in enrollments:
        if enrollment.pk in gains:
            enrollment.knowledge_gain = gains[enrollment.pk]
            enrollment.last_page_key = lessons[-1] if lessons else None
    Enrollment.objects.bulk_update([e for e in enrollments if e.pk in gains],
                                   ["knowledge_gain", "last_page_key"])
