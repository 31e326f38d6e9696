"""Course, lesson and My learning pages cost a fixed number of queries, at most 12.

Each page is measured warm (the course plan already cached by an earlier request, as it
is for every reader after the first) at two sizes of course and of enrolment; the counts
must be equal across sizes and within the limit.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import LessonPage
from courses.models import Enrollment, LessonProgress
from tests.factories import EnrollmentFactory, learning_course

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def _warm_count(client, url):
    client.get(url)  # fills the caches every later reader shares
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def _course(size):
    modules, lessons = size
    return learning_course(title=f"Course {modules}x{lessons}", slug=f"course-{modules}x{lessons}",
                           modules=modules, lessons_per_module=lessons, optional_lessons=0)


def _enrolled(trainee, course):
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    first = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    LessonProgress.objects.create(enrollment=enrollment, page_key=first.translation_key)
    return enrollment


def _pages(course):
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    return course.url, lessons[len(lessons) // 2].url


@pytest.mark.parametrize("which", ["course", "lesson"])
def test_course_and_lesson_pages_do_not_grow_with_the_course(client, trainee, which):
    counts = []
    for size in ((3, 4), (6, 8)):
        course = _course(size)
        _enrolled(trainee, course)
        course_url, lesson_url = _pages(course)
        client.force_login(trainee)
        count, response = _warm_count(client, course_url if which == "course" else lesson_url)
        if which == "course":
            assert response.content.decode().count('class="outline-item ') == size[0] * (size[1] + 1)
        counts.append(count)
    assert counts[0] == counts[1], counts
    assert counts[1] <= MAX_QUERIES, counts


def test_my_learning_does_not_grow_with_enrollments(client, trainee):
    courses = [_course((3, 4)), *[learning_course(title=f"Other {i}", slug=f"other-{i}",
                                                   modules=2, lessons_per_module=3)
                                 for i in range(4)]]
    client.force_login(trainee)
    url = reverse("courses:my_learning")
    _enrolled(trainee, courses[0])
    one, response = _warm_count(client, url)
    assert response.content.decode().count("enrollment-card") == 1
    for course in courses[1:]:
        _enrolled(trainee, course)
    assert Enrollment.objects.filter(trainee=trainee).count() == 5
    five, response = _warm_count(client, url)
    assert response.content.decode().count("enrollment-card") == 5
    assert one == five, (one, five)
    assert five <= MAX_QUERIES, five
