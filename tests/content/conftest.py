import pytest

from lms.roles import Role
from tests.factories import (
    AssessmentPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    TrainerFactory,
)


@pytest.fixture
def lead_trainer(db):
    return TrainerFactory(email="lead@example.org", full_name="Rania Khoury",
                          roles=[Role.TRAINER, Role.LEAD_TRAINER])


@pytest.fixture
def course(db):
    """A small live course: module with a lesson and a knowledge check, plus a post-test."""
    course = CoursePageFactory(title="Basic helping skills", slug="basic-helping-skills")
    module = ModulePageFactory(parent=course, title="Listening", slug="listening")
    LessonPageFactory(parent=module, title="Active listening", slug="active-listening")
    AssessmentPageFactory(parent=module, title="Check: listening", slug="check-listening")
    AssessmentPageFactory(parent=course, title="Post-test", slug="post-test", kind="post_test")
    return course
