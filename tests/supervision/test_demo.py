import io

import pytest
from django.core.management import call_command

from content.models import CoursePage
from courses.models import Enrollment
from courses.requirements import registry
from lms.models import User
from supervision import calibration, demo
from supervision.models import (
    CalibrationExercise,
    CalibrationRating,
    PracticeEntry,
    ReviewEvent,
    SupervisionSession,
)

pytestmark = pytest.mark.django_db


def test_demo_practice_is_idempotent_and_leaves_the_trainee_to_finish():
    call_command("seed_demo", stdout=io.StringIO())
    trainee = User.objects.get(email=demo.TRAINEE)
    course = CoursePage.objects.get(slug=demo.COURSE_SLUG, locale__language_code="en")
    enrollment, _ = Enrollment.objects.get_or_create(trainee=trainee, course_key=course.translation_key,
                                                     defaults={"course": course})
    demo.seed(io.StringIO())
    counts = (PracticeEntry.objects.count(), ReviewEvent.objects.count(),
              SupervisionSession.objects.count(), CalibrationExercise.objects.count(),
              CalibrationRating.objects.count())
    demo.seed(io.StringIO())
    assert (PracticeEntry.objects.count(), ReviewEvent.objects.count(),
            SupervisionSession.objects.count(), CalibrationExercise.objects.count(),
            CalibrationRating.objects.count()) == counts
    states = sorted(PracticeEntry.objects.filter(enrollment=enrollment)
                    .values_list("state", flat=True))
    assert states == ["approved", "draft", "returned", "submitted", "submitted"]
    returned = PracticeEntry.objects.get(enrollment=enrollment, state="returned")
    assert returned.events.last().comment == demo.RETURN_COMMENT
    enrollment.refresh_from_db()
    assert enrollment.status == "active"
    statuses = registry.evaluate([enrollment])[enrollment.pk]
    assert not registry.all_met(statuses)


def test_demo_calibration_is_revealed_with_figures_for_the_report():
    call_command("seed_demo", stdout=io.StringIO())
    exercise = CalibrationExercise.objects.get(title=demo.CALIBRATION_TITLE)
    assert exercise.state == "revealed" and exercise.recording_url and not exercise.recording
    report = calibration.calibration_report(exercise)
    assert {r.rater.email: r.passed for r in report.raters} == {
        "supervisor@sanad.example": True, "supervisor.lb@sanad.example": False}
    assert len(report.items) == 8
    assert report.reliability.raters == 2 and report.reliability.icc_2_1 > 0
    demo.seed(io.StringIO())
    assert CalibrationExercise.objects.count() == 1
    assert CalibrationRating.objects.count() == 16


def test_demo_skips_without_the_enrollment():
    out = io.StringIO()
    demo.seed(out)
    assert "skipped" in out.getvalue()


def test_the_demo_trainee_has_two_supervisors_to_rate_an_endline_together():
    from supervision import selectors

    call_command("seed_demo", stdout=io.StringIO())
    enrollment = Enrollment.objects.get(trainee__email=demo.TRAINEE,
                                        course__slug=demo.COURSE_SLUG)
    raters = selectors.supervisors_of([enrollment])[enrollment.pk]
    assert {User.objects.get(email=demo.SUPERVISOR).pk,
            User.objects.get(email=demo.CO_RATER).pk} <= set(raters)
    assert enrollment.course.specific.competency_tools.exists()
