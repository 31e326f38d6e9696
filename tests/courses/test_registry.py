"""The requirement registry: the one place that decides completion."""

from decimal import Decimal

import pytest

from courses import services
from courses.models import Enrollment, LessonProgress
from courses.requirements import Requirement, RequirementStatus, registry
from tests.courses.conftest import answers, as_answers
from tests.factories import CoursePageFactory, EnrollmentFactory, TraineeFactory

pytestmark = pytest.mark.django_db


class FakeRequirement(Requirement):
    """Met when the trainee's name starts with "Met"; counts its calls."""

    key = "fake"
    order = 99
    calls = 0

    def evaluate(self, enrollments):
        FakeRequirement.calls += 1
        return {e.pk: [RequirementStatus(key=self.key, label="Fake", met=e.trainee.full_name.startswith("Met"),
                                         progress="fake progress")] for e in enrollments}


@pytest.fixture
def fake_requirement():
    FakeRequirement.calls = 0
    registry.register(FakeRequirement())
    yield FakeRequirement
    registry.unregister("fake")


def _complete_learning(enrollment, lessons, post_test):
    for lesson in lessons:
        services.lesson_complete(trainee=enrollment.trainee, lesson=lesson)
    services.assessment_submit(trainee=enrollment.trainee, assessment=post_test,
                               answers=as_answers(answers(post_test)))


def test_learning_requirements_are_registered():
    keys = [r.key for r in registry.requirements]
    assert keys.index("lessons") < keys.index("post_test")


def test_lessons_status_says_how_far(enrollment, lessons):
    services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])
    statuses = registry.evaluate([Enrollment.objects.get(pk=enrollment.pk)])[enrollment.pk]
    lessons_status = next(s for s in statuses if s.key == "lessons")
    assert lessons_status.progress == "1 of 4 lessons completed"
    assert not lessons_status.met and lessons_status.done == 1 and lessons_status.target == 4
    post = next(s for s in statuses if s.key == "post_test")
    assert not post.met and "Not attempted" in post.progress


def test_course_without_lessons_or_post_test_has_no_learning_statuses(trainee):
    enrollment = EnrollmentFactory(trainee=trainee, course=CoursePageFactory())
    assert registry.evaluate([enrollment])[enrollment.pk] == []


def test_fake_requirement_gates_completion(fake_requirement, cohort, lessons, post_test):
    blocked = EnrollmentFactory(cohort=cohort, trainee=TraineeFactory(full_name="Nadia"))
    _complete_learning(blocked, lessons, post_test)
    blocked.refresh_from_db()
    assert blocked.status == "active"
    statuses = registry.evaluate([blocked])[blocked.pk]
    assert [s.key for s in statuses] == ["lessons", "post_test", "fake"]
    assert [s.met for s in statuses] == [True, True, False]

    allowed = EnrollmentFactory(cohort=cohort, trainee=TraineeFactory(full_name="Met Someone"))
    _complete_learning(allowed, lessons, post_test)
    allowed.refresh_from_db()
    assert allowed.status == "completed"


def test_informational_status_never_gates(cohort, lessons, post_test):
    class Info(Requirement):
        key = "info"

        def evaluate(self, enrollments):
            return {e.pk: [RequirementStatus(key="info", label="Info", met=False, progress="",
                                             gating=False)] for e in enrollments}

    registry.register(Info())
    try:
        enrollment = EnrollmentFactory(cohort=cohort)
        _complete_learning(enrollment, lessons, post_test)
        enrollment.refresh_from_db()
        assert enrollment.status == "completed"
    finally:
        registry.unregister("info")


def test_unregistered_requirement_is_gone(fake_requirement):
    registry.unregister("fake")
    assert "fake" not in [r.key for r in registry.requirements]
    registry.register(FakeRequirement())  # the fixture unregisters it again


@pytest.mark.parametrize("size", [3, 30])
def test_registry_costs_the_same_for_any_batch(size, cohort, lessons,
                                               django_assert_max_num_queries):
    enrollments = Enrollment.objects.bulk_create(
        [Enrollment(trainee=TraineeFactory(), course=cohort.course, cohort=cohort,
                    course_key=cohort.course.translation_key) for _ in range(size)])
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrollment=e, page_key=lessons[0].translation_key) for e in enrollments])
    batch = list(Enrollment.objects.filter(cohort=cohort).select_related("course"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        statuses = registry.evaluate(batch)
    assert all(s[0].done == Decimal(1) for s in statuses.values())
    # Fixed whatever the size: plans (one pass + a query per page type), progress,
    # attempts, and what the supervision and certificate layers register.
    assert len(queries) <= 20
    test_registry_costs_the_same_for_any_batch.counts = getattr(
        test_registry_costs_the_same_for_any_batch, "counts", set()) | {len(queries)}
    assert len(test_registry_costs_the_same_for_any_batch.counts) == 1
