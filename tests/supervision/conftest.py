import pytest

from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    PracticeEntryFactory,
    SupervisorFactory,
    TraineeFactory,
    practice_course,
)


@pytest.fixture
def course(db):
    return practice_course(
        practice=(("Individual counselling session", "2"), ("Group session", "1")),
        competencies=(("Active listening", 3), ("Safety and referral", 2)),
        supervision_hours="1")


@pytest.fixture
def cohort(course, trainer, supervisor):
    cohort = CohortFactory(course=course)
    cohort.trainers.add(trainer)
    cohort.supervisors.add(supervisor)
    return cohort


@pytest.fixture
def enrollment(cohort, trainee):
    return EnrollmentFactory(trainee=trainee, cohort=cohort, course=cohort.course)


@pytest.fixture
def other_cohort(course):
    """Another cohort of the same course, with its own supervisor and trainee."""
    cohort = CohortFactory(course=course)
    cohort.supervisors.add(SupervisorFactory(full_name="Other Supervisor"))
    return cohort


@pytest.fixture
def other_enrollment(other_cohort):
    return EnrollmentFactory(trainee=TraineeFactory(full_name="Other Trainee"),
                                        cohort=other_cohort, course=other_cohort.course)


@pytest.fixture
def other_supervisor(other_cohort):
    return other_cohort.supervisors.get()


@pytest.fixture
def kinds(course):
    return [r.activity_kind for r in course.practice_requirements.order_by("sort_order")]


@pytest.fixture
def make_entry(enrollment):
    def make(**kwargs):
        kwargs.setdefault("enrollment", enrollment)
        return PracticeEntryFactory(**kwargs)
    return make


@pytest.fixture
def co_supervisor(cohort):
    """A second supervisor of the cohort: a co-rater of its trainees' assessments."""
    colleague = SupervisorFactory(full_name="Rania Khoury")
    cohort.supervisors.add(colleague)
    return colleague
