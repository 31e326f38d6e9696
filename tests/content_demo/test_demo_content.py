from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.utils.translation import override
from wagtail.models import Locale, Page

from content.models import (
    ActivityKind,
    AssessmentPage,
    Competency,
    CompetencyTool,
    CoursePage,
    HarmfulBehaviour,
    LessonPage,
    ModulePage,
    ResourcePage,
    RolePlayScenario,
)

from .conftest import run_seed

COURSES = {
    "counselling-methods": "basic-helping-skills",
    "cultural-mediation": "working-with-interpreters",
    "psychosocial-support-by-non-specialists": "psychological-first-aid",
}

pytestmark = pytest.mark.django_db


def english_course(slug):
    return CoursePage.objects.get(slug=slug, locale__language_code="en")


def snapshot():
    return (Counter(Page.objects.values_list("content_type__model", flat=True)),
            ActivityKind.objects.count(), Competency.objects.count(),
            HarmfulBehaviour.objects.count(), CompetencyTool.objects.count(),
            RolePlayScenario.objects.count(),
            sorted(CoursePage.objects.values_list("slug", "locale__language_code",
                                                  "competency_tools__tool__name")),
            sorted(Page.objects.values_list("url_path", flat=True)))


def test_seeding_twice_creates_nothing_new(demo_content):
    first = snapshot()
    run_seed()
    assert snapshot() == first
    assert not Page.objects.filter(live=False).exists()
    assert not Page.objects.filter(has_unpublished_changes=True).exists()


@pytest.mark.parametrize("curriculum_slug,course_slug", COURSES.items())
def test_each_course_is_complete(demo_content, curriculum_slug, course_slug):
    course = english_course(course_slug)
    assert course.get_parent().slug == curriculum_slug

    children = [page.specific for page in course.get_children()]
    assert isinstance(children[0], AssessmentPage) and children[0].kind == "pre_test"
    assert isinstance(children[-1], AssessmentPage) and children[-1].kind == "post_test"
    assert children[-1].pass_mark == 70 and children[-1].max_attempts == 3

    modules = [page for page in children if isinstance(page, ModulePage)]
    assert len(modules) >= 2
    for module in modules:
        kinds = Counter(type(page.specific) for page in module.get_children())
        assert kinds[LessonPage] >= 3
        assert AssessmentPage.objects.child_of(module).filter(kind="knowledge_check").exists()

    assert course.practice_requirements.exists()
    assert course.competency_requirements.exists()
    assert course.required_supervision_hours > 0


def test_course_requirements_match_what_other_layers_expect(demo_content):
    helping = english_course("basic-helping-skills")
    assert helping.enrolment == CoursePage.Enrolment.OPEN
    assert helping.certificate_validity_months == 24
    assert {(r.activity_kind.name, r.minimum_hours)
            for r in helping.practice_requirements.all()} == {
        ("Individual counselling session", 2), ("Group session", 1)}
    assert [r.required_level for r in helping.competency_requirements.all()] == [3, 3, 3]

    interpreters = english_course("working-with-interpreters")
    assert interpreters.enrolment == CoursePage.Enrolment.KEY
    assert interpreters.enrolment_key == "MEDIATE-2026"
    assert interpreters.required_supervision_hours == 2

    first_aid = english_course("psychological-first-aid")
    assert first_aid.enrolment == CoursePage.Enrolment.OPEN
    assert not first_aid.prerequisites.exists()
    assert {r.activity_kind.name for r in first_aid.practice_requirements.all()} == {
        "Psychological first aid", "Referral accompaniment"}


def test_every_question_has_a_correct_answer_and_feedback(demo_content):
    assessments = AssessmentPage.objects.select_related("question_bank")
    assert assessments.count() >= 12
    for assessment in assessments:
        assert 5 <= assessment.question_count <= 8, assessment.title
        questions = (assessment.question_bank.questions if assessment.draws_from_bank
                     else assessment.questions)
        for question in questions:
            value = question.value
            assert value["feedback_correct"] and value["feedback_incorrect"]
            if question.block_type == "true_false":
                assert value["answer"] in ("true", "false")
                continue
            correct = [choice for choice in value["choices"] if choice["is_correct"]]
            if question.block_type == "single_choice":
                assert len(correct) == 1, value["prompt"]
            else:
                assert correct, value["prompt"]
        # The blocks' own validation (no correct answer, two answers to a single choice)
        # accepts every demo question.
        questions.stream_block.clean(questions)


def test_helping_skills_tests_are_parallel_forms_from_one_bank(demo_content):
    english = english_course("basic-helping-skills")
    tests = {page.kind: page for page in AssessmentPage.objects.child_of(english)}
    pre, post = tests["pre_test"], tests["post_test"]
    assert pre.question_bank_id == post.question_bank_id
    assert pre.parallel_form and post.parallel_form
    assert len(pre.question_bank.questions) >= 2 * pre.questions_per_attempt
    assert (pre.feedback_timing, post.feedback_timing) == ("after_post_test", "once_passed")
    assert pre.max_attempts == 1
    # Every language has the bank, with the same question ids and its own words.
    ids = [q.id for q in pre.question_bank.questions]
    for code in ("fr", "ar"):
        translated = pre.get_translation(Locale.objects.get(language_code=code)).specific
        bank = translated.question_bank
        assert bank.locale.language_code == code
        assert [q.id for q in bank.questions] == ids
        assert bank.questions[0].value["prompt"] != pre.question_bank.questions[0].value["prompt"]
    checks = AssessmentPage.objects.filter(kind="knowledge_check")
    assert set(checks.values_list("feedback_timing", flat=True)) == {"after_each_attempt"}


def test_lessons_use_a_variety_of_blocks(demo_content):
    used = Counter()
    for lesson in LessonPage.objects.filter(locale__language_code="en"):
        used.update(block.block_type for block in lesson.body)
        assert len(lesson.body) >= 3, lesson.title
    for block_type in ("rich_text", "case_vignette", "role_play", "reflection", "key_points",
                       "safety_note", "document"):
        assert used[block_type], block_type
    assert not used["video"]


def test_basic_helping_skills_is_translated_into_french_and_arabic(demo_content):
    english = english_course("basic-helping-skills")
    english_pages = [english, *english.get_descendants()]
    for code in ("fr", "ar"):
        locale = Locale.objects.get(language_code=code)
        for page in english_pages:
            translation = page.get_translation(locale).specific
            assert translation.translation_key == page.translation_key
            assert translation.live
            assert translation.title != page.title, (code, page.slug)
            if isinstance(translation, LessonPage):
                assert translation.body.raw_data != page.specific.body.raw_data
                # As wagtail-localize does: the same block ids, so a trainee's reflection
                # (keyed to its prompt block) is the same in every language.
                assert [b.id for b in translation.body] == [b.id for b in page.specific.body]
            if isinstance(translation, AssessmentPage) and not translation.draws_from_bank:
                assert translation.questions.raw_data != page.specific.questions.raw_data
                assert translation.kind == page.specific.kind
        course = english.get_translation(locale)
        assert course.practice_requirements.count() == 2
        assert course.url_path.endswith("/catalogue/counselling-methods/basic-helping-skills/")
    arabic = english.get_translation(Locale.objects.get(language_code="ar"))
    assert arabic.title == "مهارات المساعدة الأساسية"


def test_snippets_and_library(demo_content):
    originals = ActivityKind.objects.filter(locale__language_code="en")
    assert originals.count() == 6
    for language in ("fr", "ar"):
        translated = ActivityKind.objects.filter(locale__language_code=language)
        assert set(translated.values_list("translation_key", flat=True)) == set(
            originals.values_list("translation_key", flat=True))
        assert not set(translated.values_list("name", flat=True)) & set(
            originals.values_list("name", flat=True))
    competencies = Competency.objects.filter(framework="Sanad foundational helping skills",
                                             locale__language_code="en")
    assert sorted(competencies.values_list("code", flat=True)) == [
        f"FHS-{n}" for n in range(1, 9)]
    for competency in competencies:
        for language in ("fr", "ar"):
            with override(language):
                assert competency.localised() != competency.name
        assert all(competency.descriptor(level) for level in range(1, 5))
    resources = ResourcePage.objects.all()
    assert 4 <= resources.count() <= 5
    assert {r.kind for r in resources} == set(ResourcePage.Kind.values)
    assert all(r.tags.exists() for r in resources)
    assert resources.filter(document__isnull=False).exists()


# (course slug, tool's English name, number of items)
TOOLS = [("basic-helping-skills", "Sanad helping skills observation", 8),
         ("psychological-first-aid", "Sanad psychological first aid observation", 5),
         ("working-with-interpreters", "Sanad cultural mediation observation", 5)]


def _in_every_language(original, fields):
    """The snippet's French and Arabic texts differ from its English ones, field by field."""
    for language in ("fr", "ar"):
        with override(language):
            for field in fields:
                assert original.localised_language(field) == language, (original, field)
                assert original.localised(field) != getattr(original, field), (original, field)


@pytest.mark.parametrize("course_slug,name,size", TOOLS)
def test_three_tools_with_items_behaviours_and_scenarios_in_three_languages(
        demo_content, course_slug, name, size):
    tool = CompetencyTool.objects.get(name=name, locale__language_code="en")
    _in_every_language(tool, ["name", "description"])
    items = [item.competency for item in tool.items.select_related("competency")]
    assert len(items) == size
    assert all(c.locale.language_code == "en" for c in items)
    for competency in items:
        _in_every_language(competency, ["name", "description", *(
            f"level_{n}_descriptor" for n in range(1, 5))])
        behaviours = list(competency.harmful_behaviours.all())
        assert 2 <= len(behaviours) <= 3, competency
        for behaviour in behaviours:
            _in_every_language(behaviour, ["description"])
    scenarios = list(tool.scenarios.filter(locale__language_code="en"))
    assert 2 <= len(scenarios) <= 3
    for scenario in scenarios:
        _in_every_language(scenario, ["title", "background", "opening", "helpful_response",
                                      "unhelpful_response"])
    # The course, and each of its translations, assesses its tool at level 3.
    english = english_course(course_slug)
    for page in (english, *english.get_translations()):
        rows = list(page.specific.competency_tools.all())
        assert [(row.tool_id, row.required_level) for row in rows] == [(tool.pk, 3)]
    assert english.get_translations().count() == (2 if course_slug == "basic-helping-skills"
                                                   else 0)


def test_course_and_lesson_pages_render(demo_content, client):
    admin = get_user_model().objects.get(email="admin@sanad.example")
    english = english_course("basic-helping-skills")
    arabic = english.get_translation(Locale.objects.get(language_code="ar"))
    lesson = LessonPage.objects.get(slug="active-listening", locale__language_code="en")

    for page in (english, arabic, english_course("working-with-interpreters"),
                 english_course("psychological-first-aid")):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert "مهارات المساعدة الأساسية" in client.get(arabic.url).content.decode()

    # Lessons may be gated by enrolment: anonymous readers may be sent to log in or enrol.
    assert client.get(lesson.url).status_code in (200, 302)
    client.force_login(admin)
    every_lesson = LessonPage.objects.filter(locale__language_code="en")
    for page in [*every_lesson, *arabic.get_descendants().live()]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert "Samir, 52" in client.get(lesson.url).content.decode()
