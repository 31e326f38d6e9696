"""The certification block: each course tool's latest counting endline or follow-up
assessment must have every item at the required level with no harmful behaviour, and no
follow-up may be open. Certificates wait for it and are issued once it is met."""

import pytest

from certificates.models import Certificate
from courses.models import Enrollment
from courses.requirements import registry
from courses.services import enrollment_check_completion
from supervision.models import CalibrationExercise, CalibrationRating, CalibrationReference
from supervision.requirements import CompetencyToolsRequirement
from tests.factories import CohortFactory, CoursePageFactory, EnrollmentFactory

from .assessment_world import add_tool, assess, competency_tool, items_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool_course(supervisor):
    """A course whose only requirement is the helping-skills tool at level 3."""
    course = CoursePageFactory(certificate_validity_months=24)
    tool = competency_tool()
    add_tool(course, tool, required_level=3)
    cohort = CohortFactory(course=course)
    cohort.supervisors.add(supervisor)
    return course, tool, cohort


@pytest.fixture
def tool_enrollment(tool_course, trainee):
    course, _tool, cohort = tool_course
    return EnrollmentFactory(trainee=trainee, cohort=cohort, course=course)


def status(enrollment):
    [row] = CompetencyToolsRequirement().evaluate([enrollment])[enrollment.pk]
    return row


def test_progress_names_the_items_at_level(tool_enrollment, supervisor, tool_course):
    _course, tool, _cohort = tool_course
    row = status(tool_enrollment)
    assert not row.met and row.label == "Competency tool: Helping skills tool"
    assert "not assessed at the endline yet" in row.progress
    # A baseline or during-training assessment does not count.
    assess(tool_enrollment, supervisor, tool, [4, 4, 4, 4], kind="during", days_ago=9)
    assert not status(tool_enrollment).met
    assess(tool_enrollment, supervisor, tool, [3, 2, 4, 3], days_ago=5)
    row = status(tool_enrollment)
    assert not row.met
    assert row.progress == ("Helping skills tool: 3 of 4 items at level 3 or above at the "
                            "endline")
    assert (row.done, row.target) == (3, 4)


def test_certificate_is_blocked_by_harm_and_released_by_a_clean_follow_up(
        tool_enrollment, supervisor, tool_course, django_capture_on_commit_callbacks):
    _course, tool, _cohort = tool_course
    enrollment_check_completion(enrollment_ids=[tool_enrollment.pk])
    tool_enrollment.refresh_from_db()
    assert tool_enrollment.status == Enrollment.Status.ACTIVE
    # Every level high enough, but a harmful behaviour ticked: level 1 and a follow-up.
    with django_capture_on_commit_callbacks(execute=True):
        assess(tool_enrollment, supervisor, tool, [4, 4, 4, 4], harmful={3: [0]}, days_ago=10)
    tool_enrollment.refresh_from_db()
    assert tool_enrollment.status == Enrollment.Status.ACTIVE
    assert not Certificate.objects.exists()
    row = status(tool_enrollment)
    assert row.progress.startswith("Follow-up open: a new observation showing none of the "
                                   "behaviours noted is needed")
    with django_capture_on_commit_callbacks(execute=True):
        assess(tool_enrollment, supervisor, tool, [3, 3, 4, 3], kind="follow_up", days_ago=2)
    tool_enrollment.refresh_from_db()
    assert tool_enrollment.status == Enrollment.Status.COMPLETED
    assert Certificate.objects.filter(enrollment=tool_enrollment).exists()


def test_the_registry_gates_completion_on_the_tool(tool_enrollment, supervisor, tool_course):
    _course, tool, _cohort = tool_course
    statuses = registry.evaluate([tool_enrollment])[tool_enrollment.pk]
    assert not registry.all_met(statuses)
    assess(tool_enrollment, supervisor, tool, [3, 3, 3, 3])
    statuses = registry.evaluate([tool_enrollment])[tool_enrollment.pk]
    assert registry.all_met(statuses)


def test_with_calibration_required_only_calibrated_raters_count(
        tool_enrollment, supervisor, tool_course):
    course, tool, _cohort = tool_course
    course.competency_tools.update(calibration_required=True)
    assess(tool_enrollment, supervisor, tool, [3, 3, 3, 3])
    assert not status(tool_enrollment).met
    exercise = CalibrationExercise.objects.create(
        tool=tool, title="Reference recording", recording_url="https://example.org/rec",
        state="revealed", created_by=supervisor)
    for competency in items_of(tool):
        CalibrationReference.objects.create(exercise=exercise, competency=competency, level=3)
        CalibrationRating.objects.create(exercise=exercise, rater=supervisor,
                                         competency=competency, level=3)
    assert status(tool_enrollment).met


def test_evaluation_is_batched(tool_course, supervisor, django_assert_max_num_queries):
    course, tool, cohort = tool_course
    for size in (2, 12):
        enrollments = [EnrollmentFactory(cohort=cohort, course=course) for _ in range(size)]
        for enrollment in enrollments:
            assess(enrollment, supervisor, tool, [3, 3, 2, 3], harmful={2: [0]})
        enrollments = list(Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]))
        # course tools, items, assessments (+ raters), results (+ behaviours), follow-ups
        with django_assert_max_num_queries(7):
            result = CompetencyToolsRequirement().evaluate(enrollments)
        assert all(not rows[0].met for rows in result.values())
