import pytest

from content.models import AssessmentPage, LessonPage, ModulePage
from content.selectors import course_assessments, course_for_page, course_outline
from tests.factories import (
    AssessmentPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.django_db


def build_course(modules=2, lessons=3):
    course = CoursePageFactory()
    AssessmentPageFactory(parent=course, kind=AssessmentPage.Kind.PRE_TEST, title="Pre-test")
    for m in range(modules):
        module = ModulePageFactory(parent=course, title=f"Module {m + 1}")
        for n in range(lessons):
            LessonPageFactory(parent=module, title=f"Lesson {m + 1}.{n + 1}")
        AssessmentPageFactory(parent=module, title=f"Check {m + 1}")
    AssessmentPageFactory(parent=course, kind=AssessmentPage.Kind.POST_TEST, title="Post-test")
    return course


def test_outline_lists_modules_with_their_pages_in_tree_order():
    course = build_course(modules=2, lessons=2)
    outline = course_outline(course)
    assert [m.module.title for m in outline] == ["Module 1", "Module 2"]
    assert [p.title for p in outline[0].items] == ["Lesson 1.1", "Lesson 1.2", "Check 1"]
    assert [p.title for p in outline[1].lessons] == ["Lesson 2.1", "Lesson 2.2"]
    assert [p.title for p in outline[1].assessments] == ["Check 2"]
    # Pages come back as their specific type, ready to read their fields.
    assert outline[0].lessons[0].estimated_minutes == 15


def test_outline_leaves_out_drafts_and_pages_under_draft_modules():
    course = CoursePageFactory()
    module = ModulePageFactory(parent=course, title="Live module")
    LessonPageFactory(parent=module, title="Published")
    LessonPageFactory(parent=module, title="Draft", live=False)
    hidden = ModulePageFactory(parent=course, title="Draft module", live=False)
    LessonPageFactory(parent=hidden, title="Under a draft")
    outline = course_outline(course)
    assert [m.module.title for m in outline] == ["Live module"]
    assert [p.title for p in outline[0].items] == ["Published"]


def test_outline_query_count_does_not_grow_with_the_course(django_assert_num_queries):
    small, large = build_course(modules=1, lessons=1), build_course(modules=4, lessons=5)
    # Read once: the course, each page type (module, lesson, assessment), prerequisites,
    # practice and competency requirements, competency tools; then from the cache, with
    # no query.
    with django_assert_num_queries(8):
        course_outline(small)
    with django_assert_num_queries(8):
        assert sum(len(m.lessons) for m in course_outline(large)) == 20
    with django_assert_num_queries(0):
        assert sum(len(m.lessons) for m in course_outline(large)) == 20


def test_course_assessments_include_course_level_tests_and_module_checks():
    course = build_course(modules=2, lessons=1)
    assessments = course_assessments(course)
    assert [a.title for a in assessments] == ["Pre-test", "Check 1", "Check 2", "Post-test"]
    assert assessments.pre_test.title == "Pre-test"
    assert assessments.post_test.title == "Post-test"
    assert [a.title for a in assessments.knowledge_checks] == ["Check 1", "Check 2"]
    assert len(assessments) == 4


def test_course_assessments_leave_out_drafts_and_unreachable_checks():
    course = CoursePageFactory()
    AssessmentPageFactory(parent=course, kind=AssessmentPage.Kind.POST_TEST, live=False)
    hidden = ModulePageFactory(parent=course, live=False)
    AssessmentPageFactory(parent=hidden)
    assessments = course_assessments(course)
    assert list(assessments) == []
    assert assessments.pre_test is None and assessments.post_test is None


def test_course_for_page_finds_the_course_from_any_level():
    course = CoursePageFactory()
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(parent=module)
    check = AssessmentPageFactory(parent=module)
    for page in (course, module, lesson, check, lesson.page_ptr):
        assert course_for_page(page) == course
    assert course_for_page(course.get_parent()) is None


def test_plan_is_cached_until_the_course_changes(django_assert_num_queries):
    from content.selectors import course_plan

    course = build_course(modules=2, lessons=2)
    course_plan(course)
    with django_assert_num_queries(0):
        plan = course_plan(course)
    lesson = LessonPage.objects.get(pk=plan.lessons[0].pk)
    # A new title, published: read afresh.
    lesson.title = "Listening, renamed"
    lesson.save_revision().publish()
    assert course_plan(course).lessons[0].title == "Listening, renamed"
    # Unpublished: gone from the plan.
    lesson.unpublish()
    assert "Listening, renamed" not in [p.title for p in course_plan(course).lessons]
    # Moved to the other module: listed there.
    second = LessonPage.objects.get(pk=plan.lessons[1].pk)
    target = ModulePage.objects.get(pk=plan.modules[1].module.pk)
    second.move(target, pos="last-child")
    moved = course_plan(course)
    assert second.pk in [p.pk for p in moved.modules[1].items]
    assert second.pk not in [p.pk for p in moved.modules[0].items]
    # Deleted: gone.
    ModulePage.objects.get(pk=plan.modules[0].module.pk).delete()
    assert [m.module.title for m in course_plan(course).modules] == ["Module 2"]


def test_plan_holds_plain_data_only():
    import pickle

    from content.selectors import course_plan

    plan = course_plan(build_course(modules=1, lessons=1))
    # Nothing in the cached plan is a model instance that could go stale.
    assert b"wagtailcore" not in pickle.dumps(plan) and b"content.models" not in pickle.dumps(plan)


def test_routes_are_cached_and_follow_unpublishing(client, django_assert_max_num_queries):
    course = build_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    assert client.get(course.url).status_code == 200
    # Warm: the page is read with one query; no site, locale or ancestor lookups.
    with django_assert_max_num_queries(6):
        assert client.get(course.url).status_code == 200
    lesson.unpublish()
    assert client.get(lesson.url_path.replace("/home", "", 1)).status_code == 404
