import pytest
from wagtail.models import Page

from courses import selectors
from tests.factories import CohortFactory, EnrollmentFactory, learning_course


@pytest.fixture
def course(db):
    return learning_course(title="Basic helping skills", slug="basic-helping-skills")


@pytest.fixture
def plan(course):
    return selectors.course_plan(course)


def _page(step):
    # The plan is plain data; services and the grader take the page itself.
    return Page.objects.get(pk=step.pk).specific if step is not None else None


@pytest.fixture
def lessons(plan):
    return [_page(step) for step in plan.required_lessons]


@pytest.fixture
def post_test(plan):
    return _page(plan.post_test)


@pytest.fixture
def pre_test(plan):
    return _page(plan.pre_test)


@pytest.fixture
def cohort(course, trainer, supervisor):
    cohort = CohortFactory(course=course, name="Beirut spring")
    cohort.trainers.add(trainer)
    cohort.supervisors.add(supervisor)
    return cohort


@pytest.fixture
def enrollment(course, trainee, cohort):
    return EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)


def answers(assessment, *, right=True):
    """Form data answering every question right (or every question wrong)."""
    data = {}
    for question in assessment.questions:
        name = f"q-{question.id}"
        if question.block_type == "true_false":
            truth = question.value["answer"]
            data[name] = [truth if right else ("true" if truth == "false" else "false")]
            continue
        choices = [(str(c.id), c.value["is_correct"]) for c in question.value["choices"].bound_blocks]
        if right:
            data[name] = [cid for cid, ok in choices if ok]
        else:
            data[name] = [next(cid for cid, ok in choices if not ok)]
    return data


def as_answers(data):
    """Form data → the service's answers mapping (question id → values)."""
    return {name[2:]: values for name, values in data.items()}
