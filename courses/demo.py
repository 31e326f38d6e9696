"""Demo learners: the Beirut cohort of "Basic helping skills" with two trainees part-way
through, and a French-speaking trainee on "Psychological first aid".

Looked up by name and e-mail, created only when missing, so running the seed again
changes nothing. Skips what it cannot build when the demo content is not there.
"""

import datetime

from django.utils import timezone

from content.models import CoursePage
from lms.models import Organisation, User

from . import selectors
from .models import Cohort, Enrollment, LessonProgress

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
