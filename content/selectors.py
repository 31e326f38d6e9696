"""Reads over the content tree that the learner side and the templates share.

Every function here costs a fixed number of queries whatever the size of the course:
one pass over the course's live descendants, made specific per page type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Q
from wagtail.models import Page

from .models import (
    AssessmentPage,
    CatalogueIndexPage,
    CoursePage,
    CurriculumPage,
    LessonPage,
    ModulePage,
    ResourceIndexPage,
)


@dataclass
class ModuleOutline:
    """A module with its live lessons and assessments, in the order the tree gives them."""

    module: ModulePage
    items: list[LessonPage | AssessmentPage] = field(default_factory=list)

    @property
    def lessons(self) -> list[LessonPage]:
        return [item for item in self.items if isinstance(item, LessonPage)]

    @property
    def assessments(self) -> list[AssessmentPage]:
        return [item for item in self.items if isinstance(item, AssessmentPage)]


@dataclass
class CourseAssessments:
    """A course's live assessments, at course level and inside modules, in tree order."""

    all: list[AssessmentPage] = field(default_factory=list)

    def __iter__(self) -> Iterator[AssessmentPage]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def _first(self, kind: str) -> AssessmentPage | None:
        return next((a for a in self.all if a.kind == kind), None)

    @property
    def pre_test(self) -> AssessmentPage | None:
        return self._first(AssessmentPage.Kind.PRE_TEST)

    @property
    def post_test(self) -> AssessmentPage | None:
        return self._first(AssessmentPage.Kind.POST_TEST)

    @property
    def knowledge_checks(self) -> list[AssessmentPage]:
        return [a for a in self.all if a.kind == AssessmentPage.Kind.KNOWLEDGE_CHECK]


def _live_descendants(course: Page) -> list[Page]:
    # One base query plus one per page type present (module, lesson, assessment).
    return list(course.get_descendants().live().specific().order_by("path"))


def course_outline(course: CoursePage) -> list[ModuleOutline]:
    """The course's live modules, each with its live lessons and assessments, in tree order.

    Assessments placed directly under the course (pre-test, post-test) are not part of
    any module; ``course_assessments`` lists them.
    """
    outline: dict[str, ModuleOutline] = {}
    module_depth = course.depth + 1
    for page in _live_descendants(course):
        if page.depth == module_depth:
            if isinstance(page, ModulePage):
                outline[page.path] = ModuleOutline(module=page)
        elif page.depth == module_depth + 1:
            parent = outline.get(page.path[: -Page.steplen])
            # A page under an unpublished module is not reachable, so it is not listed.
            if parent is not None and isinstance(page, LessonPage | AssessmentPage):
                parent.items.append(page)
    return list(outline.values())


def course_sequence(course: CoursePage) -> list[LessonPage | AssessmentPage]:
    """Every reachable live lesson and assessment of the course, in the order of the tree.

    This is the reading order: a pre-test placed first under the course comes first, a
    post-test placed last comes last. Pages under an unpublished module are left out.
    """
    sequence = []
    module_depth = course.depth + 1
    live_modules = set()
    for page in _live_descendants(course):
        if page.depth == module_depth and isinstance(page, ModulePage):
            live_modules.add(page.path)
        elif isinstance(page, LessonPage | AssessmentPage) and (
            page.depth == module_depth or page.path[: -Page.steplen] in live_modules
        ):
            sequence.append(page)
    return sequence


def course_assessments(course: CoursePage) -> CourseAssessments:
    """Pre-test, post-test and knowledge checks of the course, in tree order.

    Only assessments whose every ancestor up to the course is live are listed: one under
    an unpublished module cannot be reached by a trainee.
    """
    pages = AssessmentPage.objects.live().descendant_of(course).order_by("path")
    module_paths = set(
        ModulePage.objects.live().child_of(course).values_list("path", flat=True)
    )
    reachable = [
        page for page in pages
        if page.depth == course.depth + 1 or page.path[: -Page.steplen] in module_paths
    ]
    return CourseAssessments(all=reachable)


def course_for_page(page: Page) -> CoursePage | None:
    """The course a module, lesson or assessment belongs to (the course itself for a course)."""
    return CoursePage.objects.ancestor_of(page, inclusive=True).first()


def catalogue_for_locale(locale) -> CatalogueIndexPage | None:
    """The live catalogue page in this locale, if there is one."""
    return CatalogueIndexPage.objects.live().filter(locale=locale).first()


def resource_library_for_locale(locale) -> ResourceIndexPage | None:
    """The live resource library in this locale, if there is one."""
    return ResourceIndexPage.objects.live().filter(locale=locale).first()


def catalogue_courses(*, curriculum_key=None, locale=None, audience: str = "",
                      query: str = ""):
    """Live courses for the catalogue, filtered and optionally searched.

    The catalogue lists every live course, whatever its language, so a trainee can find a
    course taught in another language; the language filter narrows the list. A curriculum
    is named by its translation key, so choosing it keeps its courses in every language.
    """
    courses = CoursePage.objects.live().public()
    if curriculum_key is not None:
        paths = CurriculumPage.objects.filter(translation_key=curriculum_key).values_list(
            "path", flat=True)
        in_curriculum = Q(pk__in=[])
        for path in paths:
            in_curriculum |= Q(path__startswith=path)
        courses = courses.filter(in_curriculum)
    if locale is not None:
        courses = courses.filter(locale=locale)
    if audience:
        courses = courses.filter(audience=audience)
    courses = courses.select_related("locale").order_by("title")
    if query:
        # The search backend filters only on indexed fields, so filter first, then search
        # among the matching ids.
        ids = list(courses.values_list("pk", flat=True))
        return (CoursePage.objects.filter(pk__in=ids).select_related("locale")
                .search(query, order_by_relevance=True))
    return courses


def live_translations(pages: Iterable[Page], language_code: str) -> dict[UUID, Page]:
    """The live page in `language_code` for each page's translation key (the page itself
    when it is already in that language): one query for any number of pages.

    Progress is keyed to `translation_key`, so a trainee who enrolled in one language
    keeps it while reading in another; lists show the titles and links they read.
    """
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    return {page.translation_key: page for page in Page.objects.live().filter(
        translation_key__in=keys, locale__language_code=language_code)}
