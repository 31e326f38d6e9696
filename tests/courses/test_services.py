"""The state rules of the learner's journey."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from content.models import CoursePrerequisite
from courses import services
from courses.models import AssessmentAttempt, Enrollment, LessonProgress
from courses.signals import enrollment_completed
from lms.models import AuditEvent
from tests.courses.conftest import answers, as_answers
from tests.factories import CoursePageFactory, EnrollmentFactory, TrainerFactory

pytestmark = pytest.mark.django_db


# --- Enrolment -----------------------------------------------------------------------


def test_open_course_enrols_with_course_key(trainee, course):
    enrollment = services.enrollment_create(trainee=trainee, course=course)
    assert enrollment.status == "active"
    assert enrollment.course_key == course.translation_key
    assert enrollment.cohort is None


def test_enrolling_twice_returns_the_same_enrollment(trainee, course):
    first = services.enrollment_create(trainee=trainee, course=course)
    second = services.enrollment_create(trainee=trainee, course=course)
    assert first.pk == second.pk
    assert Enrollment.objects.count() == 1


def test_key_course_needs_the_right_key(trainee):
    course = CoursePageFactory(enrolment="key", enrolment_key="MEDIATE-2026")
    with pytest.raises(ValidationError, match="enrolment key is not right"):
        services.enrollment_create(trainee=trainee, course=course, key="wrong")
    with pytest.raises(ValidationError, match="enrolment key is not right"):
        services.enrollment_create(trainee=trainee, course=course, key="")
    assert not Enrollment.objects.exists()
    assert services.enrollment_create(trainee=trainee, course=course, key=" MEDIATE-2026 ")


def test_cohort_only_course_refuses_self_enrolment(trainee):
    course = CoursePageFactory(enrolment="cohort")
    with pytest.raises(ValidationError, match="cohorts only"):
        services.enrollment_create(trainee=trainee, course=course)
    assert not Enrollment.objects.exists()


def test_unpublished_course_refuses_enrolment(trainee):
    course = CoursePageFactory(live=False)
    with pytest.raises(ValidationError, match="not published"):
        services.enrollment_create(trainee=trainee, course=course)
    assert not Enrollment.objects.exists()


def test_only_trainees_enrol(trainer, course):
    with pytest.raises(PermissionDenied):
        services.enrollment_create(trainee=trainer, course=course)


def test_prerequisite_is_named_until_completed(trainee, course):
    first = CoursePageFactory(title="Psychological first aid")
    CoursePrerequisite.objects.create(course=course, prerequisite=first, sort_order=0)
    with pytest.raises(ValidationError, match="Complete “Psychological first aid” first"):
        services.enrollment_create(trainee=trainee, course=course)
    assert not Enrollment.objects.filter(course_key=course.translation_key).exists()
    EnrollmentFactory(trainee=trainee, course=first, status="completed",
                      completed_at="2026-01-01T00:00Z")
    assert services.enrollment_create(trainee=trainee, course=course).status == "active"


def test_withdraw_then_reenrol_reactivates_the_same_enrollment(trainee, course, lessons):
    enrollment = services.enrollment_create(trainee=trainee, course=course)
    services.lesson_complete(trainee=trainee, lesson=lessons[0])
    services.enrollment_withdraw(trainee=trainee, enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn" and enrollment.withdrawn_at
    again = services.enrollment_create(trainee=trainee, course=course)
    assert again.pk == enrollment.pk and again.status == "active" and again.withdrawn_at is None
    assert LessonProgress.objects.filter(enrollment=again).count() == 1


def test_withdrawn_cohort_member_may_return_to_a_cohort_only_course(trainee, cohort):
    cohort.course.enrolment = "cohort"
    cohort.course.save()
    enrollment = EnrollmentFactory(trainee=trainee, cohort=cohort, status="withdrawn")
    assert services.enrollment_create(trainee=trainee, course=cohort.course).pk == enrollment.pk


def test_someone_else_cannot_withdraw_an_enrollment(enrollment, trainer):
    with pytest.raises(PermissionDenied):
        services.enrollment_withdraw(trainee=trainer, enrollment=enrollment)


def test_unique_trainee_course_key_is_a_database_constraint(enrollment):
    with pytest.raises(IntegrityError):
        Enrollment.objects.create(trainee=enrollment.trainee, course=enrollment.course)


# --- Lessons -------------------------------------------------------------------------


def test_marking_a_lesson_twice_records_it_once(enrollment, lessons):
    _, created = services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])
    _, again = services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])
    assert created and not again
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1


def test_lesson_progress_is_keyed_to_translation_key(enrollment, lessons):
    progress, _ = services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])
    assert progress.page_key == lessons[0].translation_key


def test_not_enrolled_cannot_complete_a_lesson(trainee, lessons):
    with pytest.raises(ValidationError, match="Enrol"):
        services.lesson_complete(trainee=trainee, lesson=lessons[0])
    assert not LessonProgress.objects.exists()


def test_withdrawn_cannot_complete_a_lesson(enrollment, lessons):
    services.enrollment_withdraw(trainee=enrollment.trainee, enrollment=enrollment)
    with pytest.raises(ValidationError):
        services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])


# --- Assessments ---------------------------------------------------------------------


def test_submission_is_graded_recorded_and_audited(enrollment, post_test):
    attempt = services.assessment_submit(trainee=enrollment.trainee, assessment=post_test,
                                         answers=as_answers(answers(post_test)))
    assert attempt.number == 1 and attempt.passed and attempt.score == Decimal("100.0")
    assert attempt.assessment_key == post_test.translation_key
    event = AuditEvent.objects.get(action="assessment.graded")
    assert event.actor == enrollment.trainee and event.target_id == str(attempt.pk)
    assert event.details["passed"] is True and event.details["score"] == "100.0"


def test_unknown_choice_saves_nothing(enrollment, post_test):
    data = as_answers(answers(post_test))
    data[next(iter(data))] = ["forged-choice"]
    with pytest.raises(ValidationError, match="has no choice"):
        services.assessment_submit(trainee=enrollment.trainee, assessment=post_test, answers=data)
    assert not AssessmentAttempt.objects.exists() and not AuditEvent.objects.exists()


def test_attempt_beyond_the_maximum_is_refused(enrollment, post_test):
    wrong = as_answers(answers(post_test, right=False))
    for _ in range(post_test.max_attempts):
        services.assessment_submit(trainee=enrollment.trainee, assessment=post_test, answers=wrong)
    with pytest.raises(ValidationError, match="all 2 attempts"):
        services.assessment_submit(trainee=enrollment.trainee, assessment=post_test,
                                   answers=as_answers(answers(post_test)))
    assert AssessmentAttempt.objects.count() == 2


def test_two_simultaneous_submissions_cannot_both_count(enrollment, post_test, monkeypatch):
    """The second of two racing requests numbers its attempt like the first: the unique
    (enrollment, assessment, number) constraint refuses it and nothing else is saved."""
    data = as_answers(answers(post_test))
    services.assessment_submit(trainee=enrollment.trainee, assessment=post_test, answers=data)
    from django.db.models import QuerySet

    real_count = QuerySet.count

    def stale_count(queryset):
        if queryset.model is AssessmentAttempt:
            return 0  # what a request that read before the first commit would see
        return real_count(queryset)

    monkeypatch.setattr(QuerySet, "count", stale_count)
    with pytest.raises(ValidationError, match="same moment"):
        services.assessment_submit(trainee=enrollment.trainee, assessment=post_test, answers=data)
    monkeypatch.undo()
    assert AssessmentAttempt.objects.count() == 1
    assert AuditEvent.objects.filter(action="assessment.graded").count() == 1


def test_pre_test_never_blocks(enrollment, pre_test, lessons):
    services.assessment_submit(trainee=enrollment.trainee, assessment=pre_test,
                               answers=as_answers(answers(pre_test, right=False)))
    services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])  # carries on


def test_knowledge_gain_is_best_post_minus_first_pre(enrollment, pre_test, post_test):
    trainee = enrollment.trainee
    services.assessment_submit(trainee=trainee, assessment=pre_test,
                               answers=as_answers(answers(pre_test, right=False)))
    wrong = as_answers(answers(post_test, right=False))
    services.assessment_submit(trainee=trainee, assessment=post_test, answers=wrong)
    enrollment.refresh_from_db()
    assert enrollment.knowledge_gain == Decimal("0.0")
    services.assessment_submit(trainee=trainee, assessment=post_test,
                               answers=as_answers(answers(post_test)))
    enrollment.refresh_from_db()
    assert enrollment.knowledge_gain == Decimal("100.0")


# --- Completion ----------------------------------------------------------------------


def test_completion_needs_every_required_lesson_and_the_post_test(enrollment, lessons,
                                                                  post_test,
                                                                  django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, enrollment_id, **kwargs):
        received.append(enrollment_id)

    enrollment_completed.connect(receiver)
    try:
        trainee = enrollment.trainee
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in lessons:
                services.lesson_complete(trainee=trainee, lesson=lesson)
        enrollment.refresh_from_db()
        assert enrollment.status == "active"
        with django_capture_on_commit_callbacks(execute=True):
            services.assessment_submit(trainee=trainee, assessment=post_test,
                                       answers=as_answers(answers(post_test, right=False)))
        enrollment.refresh_from_db()
        assert enrollment.status == "active"
        with django_capture_on_commit_callbacks(execute=True):
            services.assessment_submit(trainee=trainee, assessment=post_test,
                                       answers=as_answers(answers(post_test)))
        enrollment.refresh_from_db()
        assert enrollment.status == "completed" and enrollment.completed_at
        assert received == [enrollment.pk]
        # Recorded once: checking again changes nothing and sends nothing.
        with django_capture_on_commit_callbacks(execute=True):
            assert services.enrollment_check_completion(enrollment_ids=[enrollment.pk]) == []
        assert received == [enrollment.pk]
    finally:
        enrollment_completed.disconnect(receiver)


def test_optional_lessons_do_not_count(enrollment, plan):
    optional = [p for p in plan.sequence if getattr(p, "optional", False)]
    assert optional and all(o not in plan.required_lessons for o in optional)


def test_completed_enrollment_cannot_withdraw(enrollment):
    enrollment.status, enrollment.completed_at = "completed", "2026-01-01T00:00Z"
    enrollment.save()
    with pytest.raises(ValidationError, match="completed"):
        services.enrollment_withdraw(trainee=enrollment.trainee, enrollment=enrollment)


def test_trainer_creating_a_cohort_trains_it(course):
    from courses.models import Cohort
    from tests.factories import OrganisationFactory

    trainer = TrainerFactory()
    cohort = services.cohort_create(actor=trainer, cohort=Cohort(
        course=course, name="Tripoli", organisation=OrganisationFactory(), country="LB",
        start_date="2026-03-01", end_date="2026-04-01"))
    assert list(cohort.trainers.all()) == [trainer]
