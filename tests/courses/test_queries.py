"""Hot pages cost the same number of queries for 10 or 500 rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import CoursePage
from courses.models import AssessmentAttempt, Enrollment, LessonProgress
from lms.models import User
from supervision.models import SupervisorAssignment
from tests.factories import (
    CohortFactory,
    CurriculumPageFactory,
    SupervisorFactory,
    learning_course,
    practice_course,
)

pytestmark = pytest.mark.django_db

# One of them finds the titles and links in the language being read; three more read
# the cohort invitations waiting for an answer and who supervises each enrollment. The
# plans' first read includes the courses' competency tools (one query, then cached).
MY_LEARNING_QUERIES = 21
# Once the plans, routes, site and roles are in the cache, as on every request but the
# first after a publication: the budget for My learning.
MY_LEARNING_WARM_QUERIES = 12
# The cohort page counts its trainees, then reads and evaluates only the page shown; one
# query reads the course titles in every language, cached until content changes; the
# plan's first read includes the course's competency tools.
COHORT_QUERIES = 20


def _count(client, url):
    # Wagtail caches the site root paths; start each measurement from the same state.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def _courses(start, n, curriculum):
    """n bare live course pages (no revisions: only the tree matters here)."""
    courses = []
    for i in range(start, start + n):
        course = CoursePage(title=f"Bulk course {i}", slug=f"bulk-{curriculum.pk}-{i}",
                            summary="A course.")
        curriculum.add_child(instance=course)
        courses.append(course)
    return courses


def test_my_learning_queries_do_not_grow(client, trainee, django_assert_num_queries):
    # Two courses with lessons and tests, the rest bare: the plans are read in one pass.
    full = [learning_course(title="Helping skills"), learning_course(title="First aid")]
    curriculum = CurriculumPageFactory()

    def enrol(courses):
        Enrollment.objects.bulk_create([
            Enrollment(trainee=trainee, course=c, course_key=c.translation_key)
            for c in courses])

    enrol(full + _courses(0, 8, curriculum))
    lesson = full[0].get_descendants().live().filter(depth=full[0].depth + 2).first()
    enrollment = Enrollment.objects.get(trainee=trainee, course=full[0])
    LessonProgress.objects.get_or_create(enrollment=enrollment, page_key=lesson.translation_key)
    AssessmentAttempt.objects.create(enrollment=enrollment, assessment_key=lesson.translation_key,
                                     kind="pre_test", number=1, score=50, passed=False)
    client.force_login(trainee)
    url = reverse("courses:my_learning")
    small, response = _count(client, url)
    assert response.content.decode().count("enrollment-card") == 10
    enrol(_courses(8, 490, curriculum))
    assert Enrollment.objects.filter(trainee=trainee).count() == 500
    large, response = _count(client, url)
    assert response.content.decode().count("enrollment-card") == 500
    assert small == large
    cache.clear()
    with django_assert_num_queries(MY_LEARNING_QUERIES):
        client.get(url)


def test_my_learning_warm_stays_within_budget_at_two_sizes(client, trainee):
    """Learning and practice courses (practice, supervision and competency requirements
    each read their progress), in a cohort with its supervisors and with a supervisor
    assigned one by one (the cards say who supervises): 12 queries with 2 enrollments
    and with 40."""
    curriculum = CurriculumPageFactory()
    courses = [learning_course(title="Helping skills"), practice_course(title="Practice")]
    cohort = CohortFactory(course=courses[1])
    cohort.supervisors.add(*SupervisorFactory.create_batch(2))
    Enrollment.objects.bulk_create([
        Enrollment(trainee=trainee, course=c, course_key=c.translation_key,
                   cohort=cohort if c == courses[1] else None) for c in courses])
    SupervisorAssignment.objects.create(
        supervisor=SupervisorFactory(), enrollment=Enrollment.objects.get(course=courses[0]))
    client.force_login(trainee)
    url = reverse("courses:my_learning")
    client.get(url)  # warm the cache

    def warm_count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    small, response = warm_count()
    assert response.content.decode().count("enrollment-card") == 2
    assert response.content.decode().count("Supervised by") == 2
    more = [practice_course(title=f"Practice {i}") for i in range(19)] + _courses(
        0, 19, curriculum)
    Enrollment.objects.bulk_create([
        Enrollment(trainee=trainee, course=c, course_key=c.translation_key) for c in more])
    client.get(url)
    large, response = warm_count()
    assert response.content.decode().count("enrollment-card") == 40
    assert small == large <= MY_LEARNING_WARM_QUERIES


def test_cohort_view_queries_do_not_grow(client, trainer, cohort, plan,
                                         django_assert_num_queries):
    password = User.objects.get(pk=trainer.pk).password

    def add_trainees(start, n):
        users = User.objects.bulk_create([
            User(email=f"bulk{i}@example.org", full_name=f"Bulk {i:04d}", password=password)
            for i in range(start, start + n)])
        enrollments = Enrollment.objects.bulk_create([
            Enrollment(trainee=u, course=cohort.course, cohort=cohort,
                       course_key=cohort.course.translation_key) for u in users])
        LessonProgress.objects.bulk_create([
            LessonProgress(enrollment=e, page_key=plan.required_lessons[0].translation_key)
            for e in enrollments])
        AssessmentAttempt.objects.bulk_create([
            AssessmentAttempt(enrollment=e, assessment_key=plan.post_test.translation_key,
                              kind="post_test", number=1, score=66.7, passed=True)
            for e in enrollments])

    add_trainees(0, 10)
    client.force_login(trainer)
    url = reverse("courses:cohort_detail", args=[cohort.pk])
    small, response = _count(client, url)
    assert "10 trainees" in response.content.decode()
    add_trainees(10, 490)
    large, response = _count(client, url)
    assert "500 trainees" in response.content.decode()
    assert small == large
    cache.clear()
    with django_assert_num_queries(COHORT_QUERIES):
        client.get(url)
    # The exports read the same way.
    csv_small = _count(client, reverse("courses:cohort_export_csv", args=[cohort.pk]))[0]
    assert csv_small <= COHORT_QUERIES
