import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.blocks import (
    MultipleChoiceQuestionBlock,
    SingleChoiceQuestionBlock,
    TrueFalseQuestionBlock,
)
from content.models import (
    AssessmentPage,
    CatalogueIndexPage,
    CoursePage,
    CurriculumPage,
    HomePage,
    LessonPage,
    ModulePage,
    ResourceIndexPage,
    ResourcePage,
)
from tests.factories import (
    AssessmentPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    single_choice_question,
)

from .test_authoring import form_data

pytestmark = pytest.mark.django_db


# --- tree rules ------------------------------------------------------------------------

ALLOWED = {
    HomePage: {CatalogueIndexPage, ResourceIndexPage},
    CatalogueIndexPage: {CurriculumPage},
    CurriculumPage: {CoursePage},
    CoursePage: {ModulePage, AssessmentPage},
    ModulePage: {LessonPage, AssessmentPage},
    LessonPage: set(),
    AssessmentPage: set(),
    ResourceIndexPage: {ResourcePage},
    ResourcePage: set(),
}


@pytest.mark.parametrize("parent", list(ALLOWED), ids=lambda m: m.__name__)
def test_tree_rules(parent):
    for child in ALLOWED:
        assert child.can_create_at(parent()) is (child in ALLOWED[parent]), (parent, child)
        assert (child in parent.allowed_subpage_models()) is (child in ALLOWED[parent])


def test_lesson_cannot_be_added_under_a_course_in_the_admin(superuser, course):
    client = Client()
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:add", args=("content", "lessonpage", course.pk)))
    # Wagtail refuses and sends the author back to the admin with a message.
    assert response.status_code in (302, 403)
    assert not LessonPage.objects.child_of(course).exists()


# --- question blocks -------------------------------------------------------------------


def choices(*flags):
    return [{"text": f"Choice {i}", "is_correct": flag} for i, flag in enumerate(flags)]


def question_value(block, flags):
    return block.to_python({"prompt": "Which?", "choices": choices(*flags),
                            "feedback_correct": "", "feedback_incorrect": ""})


@pytest.mark.parametrize("block_class", [SingleChoiceQuestionBlock, MultipleChoiceQuestionBlock])
def test_question_without_a_correct_answer_is_refused(block_class):
    block = block_class()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(question_value(block, [False, False]))
    assert "Mark at least one choice as correct." in str(error.value.block_errors["choices"])


def test_single_choice_with_two_correct_answers_is_refused():
    block = SingleChoiceQuestionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(question_value(block, [True, True, False]))
    assert "exactly one correct choice" in str(error.value.block_errors["choices"])


def test_multiple_choice_accepts_several_correct_answers():
    block = MultipleChoiceQuestionBlock()
    assert block.clean(question_value(block, [True, True, False]))


def test_true_false_needs_an_answer():
    block = TrueFalseQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"prompt": "Is it?", "answer": ""}))


# --- admin forms: refused with a message, nothing published changes ---------------------


def admin(user):
    client = Client()
    client.force_login(user)
    return client


def questions_data(flags):
    return nested_form_data({"questions": streamfield([
        ("single_choice", {"prompt": "Which?", "feedback_correct": "", "feedback_incorrect": "",
                           "choices": {**{str(i): {"value": {"text": f"Choice {i}",
                                                             "is_correct": "on" if flag else ""},
                                                   "deleted": "", "order": str(i)}
                                          for i, flag in enumerate(flags)},
                                       "count": str(len(flags))}})])})


def post_edit(client, page, changes, streams):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(client, url, streams=streams)
    data.update(changes)
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def assert_unchanged(page, **fields):
    fresh = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        assert getattr(fresh, name) == value
    assert fresh.latest_revision_id == page.latest_revision_id
    assert not fresh.has_unpublished_changes


@pytest.mark.parametrize("pass_mark", ["150", "-5"])
def test_pass_mark_outside_0_to_100_is_refused(superuser, pass_mark):
    assessment = AssessmentPageFactory(pass_mark=70)
    assessment.refresh_from_db()
    response = post_edit(admin(superuser), assessment, {"pass_mark": pass_mark},
                         questions_data([True, False]))
    assert response.status_code == 200
    assert "The page could not be saved due to validation errors" in response.content.decode()
    assert_unchanged(assessment, pass_mark=70)


def test_question_without_correct_answer_is_refused_in_the_admin(superuser):
    assessment = AssessmentPageFactory(questions=[single_choice_question()])
    assessment.refresh_from_db()
    response = post_edit(admin(superuser), assessment, {}, questions_data([False, False]))
    assert response.status_code == 200
    assert "Mark at least one choice as correct." in response.content.decode()
    assert_unchanged(assessment)


def test_single_choice_with_two_correct_is_refused_in_the_admin(superuser):
    assessment = AssessmentPageFactory()
    assessment.refresh_from_db()
    response = post_edit(admin(superuser), assessment, {}, questions_data([True, True]))
    assert response.status_code == 200
    assert "exactly one correct choice" in response.content.decode()
    assert_unchanged(assessment)


def test_valid_assessment_edit_is_published(superuser):
    assessment = AssessmentPageFactory(pass_mark=70)
    response = post_edit(admin(superuser), assessment, {"pass_mark": "80"},
                         questions_data([False, True]))
    assert response.status_code == 302
    assert AssessmentPage.objects.get(pk=assessment.pk).pass_mark == 80


def course_edit(client, course, changes):
    return post_edit(client, course, changes, {})


@pytest.mark.parametrize("field", ["estimated_hours", "required_supervision_hours"])
def test_negative_hours_are_refused(superuser, field):
    course = CoursePageFactory(estimated_hours=10)
    course.refresh_from_db()
    response = course_edit(admin(superuser), course, {field: "-2"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert_unchanged(course, estimated_hours=10)


def test_negative_practice_hours_are_refused(superuser):
    from tests.factories import ActivityKindFactory

    course = CoursePageFactory()
    course.refresh_from_db()
    kind = ActivityKindFactory()
    response = course_edit(admin(superuser), course, {
        "practice_requirements-TOTAL_FORMS": "1",
        "practice_requirements-0-activity_kind": str(kind.pk),
        "practice_requirements-0-minimum_hours": "-3",
        "practice_requirements-0-ORDER": "1", "practice_requirements-0-DELETE": "",
        "practice_requirements-0-id": "",
    })
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert_unchanged(course)
    assert not course.practice_requirements.exists()


def prerequisite_row(prerequisite):
    return {
        "prerequisites-TOTAL_FORMS": "1",
        "prerequisites-0-prerequisite": str(prerequisite.pk),
        "prerequisites-0-ORDER": "1", "prerequisites-0-DELETE": "", "prerequisites-0-id": "",
    }


def test_course_cannot_be_its_own_prerequisite(superuser):
    course = CoursePageFactory()
    course.refresh_from_db()
    response = course_edit(admin(superuser), course, prerequisite_row(course))
    assert response.status_code == 200
    assert "A course cannot be its own prerequisite, in any language." in response.content.decode()
    assert_unchanged(course)
    assert not course.prerequisites.exists()


def test_course_cannot_list_its_translation_as_prerequisite(superuser):
    course = CoursePageFactory()
    arabic = Locale.objects.get(language_code="ar")
    catalogue = course.get_parent().get_parent()
    home = catalogue.get_parent()
    home.copy_for_translation(arabic)
    catalogue.copy_for_translation(arabic)
    course.get_parent().copy_for_translation(arabic)
    translation = course.copy_for_translation(arabic)
    course.refresh_from_db()
    response = course_edit(admin(superuser), course, prerequisite_row(translation))
    assert response.status_code == 200
    assert "cannot be its own prerequisite" in response.content.decode()
    assert_unchanged(course)


def test_another_course_may_be_a_prerequisite(superuser):
    course, other = CoursePageFactory(), CoursePageFactory()
    response = course_edit(admin(superuser), course, prerequisite_row(other))
    assert response.status_code == 302
    assert [p.prerequisite_id for p in CoursePage.objects.get(pk=course.pk).prerequisites.all()] \
        == [other.pk]


def test_enrolment_key_is_required_when_enrolment_is_by_key(superuser):
    course = CoursePageFactory()
    course.refresh_from_db()
    response = course_edit(admin(superuser), course, {"enrolment": "key", "enrolment_key": " "})
    assert response.status_code == 200
    assert "Give the enrolment key trainees will type" in response.content.decode()
    assert_unchanged(course, enrolment="open")


def test_trainer_sees_the_same_messages(trainer):
    module = ModulePageFactory()
    assessment = AssessmentPageFactory(parent=module, pass_mark=70)
    assessment.refresh_from_db()
    response = post_edit(admin(trainer), assessment, {"pass_mark": "101"},
                         questions_data([True, False]))
    assert response.status_code == 200
    assert "less than or equal to 100" in response.content.decode()
    assert_unchanged(assessment, pass_mark=70)
