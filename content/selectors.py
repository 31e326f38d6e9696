"""Reads over the content tree that the learner side and the templates share.

A course's plan is read through `course_plans` only: once per request, and from the
cache between requests until content changes. Every function here costs a fixed number
of queries whatever the size of the course.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID, uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Substr
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from .models import (
    AssessmentPage,
    CatalogueIndexPage,
    Competency,
    CoursePage,
    CurriculumPage,
    LessonPage,
    ModulePage,
    QuestionBank,
    ResourceIndexPage,
)

# --- A course's plan, read once and shared ---------------------------------------------
#
# The plan is plain data (ids, titles, paths, kinds, translation keys, requirements),
# never page instances: it is kept in the cache between requests, so nothing in it may
# go stale in a way a reader would act on. Any write to a page, a course requirement or
# a snippet the plan names moves the version on (see content.signals), and every cached
# plan is read afresh on its next use.

PLAN_VERSION_KEY = "content:plan-version"
PLAN_TIMEOUT = 60 * 60 * 24


def plan_version() -> str:
    """The current version of every course plan (a token changed on any content write)."""
    version = cache.get(PLAN_VERSION_KEY)
    if version is None:
        cache.add(PLAN_VERSION_KEY, uuid4().hex, None)
        version = cache.get(PLAN_VERSION_KEY) or ""
    return version


def plans_changed(**kwargs) -> None:
    """Receiver: content changed, so every cached plan is out of date."""
    cache.set(PLAN_VERSION_KEY, uuid4().hex, None)


def snippet_translations(model) -> dict:
    """{translation_key: {language: {field: text}}} for every row of a translated snippet
    model (competencies, harmful behaviours, activity kinds, tools, scenarios).

    These tables hold tens to hundreds of short rows: one map per model, cached with the
    course plans (any content write moves the version on), costs no query when warm.
    """
    key = f"content:snippet-translations:{model._meta.label_lower}:{plan_version()}"
    forms = cache.get(key)
    if forms is None:
        fields = [f.name for f in model._meta.get_fields()
                  if isinstance(f, (models.CharField, models.TextField))]
        forms = {}
        for row in model.objects.values("translation_key", "locale__language_code", *fields):
            language = row.pop("locale__language_code")[:2]
            forms.setdefault(row.pop("translation_key"), {})[language] = row
        cache.set(key, forms, PLAN_TIMEOUT)
    return forms


@dataclass
class PlanPage:
    """One page of a course's plan: a module, a lesson or an assessment (or the course).

    ``kind`` is the assessment's kind and empty for every other page, as on the page
    models, so templates tell an assessment by ``item.kind``. ``bound_url`` is set for
    the request that reads the plan (`CoursePlan.bind`), since it depends on the site.
    """

    pk: int
    title: str
    path: str
    depth: int
    url_path: str
    translation_key: UUID
    page_type: str  # "course", "module", "lesson" or "assessment"
    summary: str = ""
    optional: bool = False
    estimated_minutes: int = 0
    kind: str = ""
    pass_mark: int = 0
    max_attempts: int = 0
    bound_url: str = ""

    @property
    def url(self) -> str:
        """The page's URL for the request the plan was bound to (else without one)."""
        return self.bound_url or self.get_url()

    @property
    def is_lesson(self) -> bool:
        return self.page_type == "lesson"

    @property
    def is_assessment(self) -> bool:
        return self.page_type == "assessment"

    def get_kind_display(self) -> str:
        return str(AssessmentPage.Kind(self.kind).label) if self.kind else ""

    def get_url(self, request=None) -> str:
        if self.bound_url and request is not None:
            return self.bound_url
        # The URL comes from the url_path and the site root paths Wagtail caches (on the
        # request, else in the cache): an unsaved page carrying only the path asks
        # Wagtail the same question a live page would, without reading the database.
        return Page(url_path=self.url_path).get_url(request)


@dataclass
class ModuleOutline:
    """A module with its live lessons and assessments, in the order the tree gives them."""

    module: PlanPage
    items: list[PlanPage] = field(default_factory=list)

    @property
    def lessons(self) -> list[PlanPage]:
        return [item for item in self.items if item.is_lesson]

    @property
    def required_lessons(self) -> list[PlanPage]:
        return [lesson for lesson in self.lessons if not lesson.optional]

    @property
    def assessments(self) -> list[PlanPage]:
        return [item for item in self.items if item.is_assessment]


@dataclass
class PracticeRequirementRow:
    activity_kind_id: int
    activity_kind: str  # its name in the language the plan was read for
    minimum_hours: Decimal


@dataclass
class CompetencyRequirementRow:
    competency_id: int
    competency: str  # code and name in the language the plan was read for
    required_level: int

    def get_required_level_display(self) -> str:
        return str(Competency.Level(self.required_level).label)


@dataclass
class CompetencyToolRow:
    """A competency tool the course assesses, by its original row's id."""

    tool_id: int
    tool: str  # its name in the language the plan was read for
    required_level: int
    calibration_required: bool


@dataclass
class CoursePlan:
    """What a course asks of a trainee: its modules, every step in reading order, its
    assessments and its completion requirements. Read by `course_plans`."""

    course: PlanPage
    modules: list[ModuleOutline] = field(default_factory=list)
    sequence: list[PlanPage] = field(default_factory=list)
    prerequisites: list[PlanPage] = field(default_factory=list)
    practice_requirements: list[PracticeRequirementRow] = field(default_factory=list)
    competency_requirements: list[CompetencyRequirementRow] = field(default_factory=list)
    competency_tools: list[CompetencyToolRow] = field(default_factory=list)
    required_supervision_hours: Decimal = Decimal(0)

    @property
    def lessons(self) -> list[PlanPage]:
        return [p for p in self.sequence if p.is_lesson]

    @property
    def required_lessons(self) -> list[PlanPage]:
        return [p for p in self.lessons if not p.optional]

    @property
    def required_lesson_keys(self) -> set[UUID]:
        return {lesson.translation_key for lesson in self.required_lessons}

    @property
    def assessments(self) -> list[PlanPage]:
        return [p for p in self.sequence if p.is_assessment]

    @property
    def course_level_assessments(self) -> list[PlanPage]:
        return [p for p in self.assessments if p.depth == self.course.depth + 1]

    def _first(self, kind: str) -> PlanPage | None:
        return next((a for a in self.assessments if a.kind == kind), None)

    @property
    def pre_test(self) -> PlanPage | None:
        return self._first(AssessmentPage.Kind.PRE_TEST)

    @property
    def post_test(self) -> PlanPage | None:
        return self._first(AssessmentPage.Kind.POST_TEST)

    def step_by_key(self, key) -> PlanPage | None:
        return next((p for p in self.sequence if p.translation_key == key), None)

    def module_for(self, page) -> ModuleOutline | None:
        return next((m for m in self.modules
                     if any(item.translation_key == page.translation_key for item in m.items)),
                    None)

    def bind(self, request) -> CoursePlan:
        """Set each page's URL for this request (no query: see `PlanPage.get_url`)."""
        for page in [self.course, *self.sequence, *self.prerequisites,
                     *(m.module for m in self.modules)]:
            if not page.bound_url:
                page.bound_url = page.get_url(request)
        return self


@dataclass
class CourseAssessments:
    """A course's live assessments, at course level and inside modules, in tree order."""

    all: list[PlanPage] = field(default_factory=list)

    def __iter__(self) -> Iterator[PlanPage]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def _first(self, kind: str) -> PlanPage | None:
        return next((a for a in self.all if a.kind == kind), None)

    @property
    def pre_test(self) -> PlanPage | None:
        return self._first(AssessmentPage.Kind.PRE_TEST)

    @property
    def post_test(self) -> PlanPage | None:
        return self._first(AssessmentPage.Kind.POST_TEST)

    @property
    def knowledge_checks(self) -> list[PlanPage]:
        return [a for a in self.all if a.kind == AssessmentPage.Kind.KNOWLEDGE_CHECK]


_PAGE_FIELDS = ("pk", "title", "path", "depth", "url_path", "translation_key")


def _plan_page(row: dict, page_type: str, **extra) -> PlanPage:
    return PlanPage(**{f: row[f] for f in _PAGE_FIELDS}, page_type=page_type, **extra)


def _under(courses: list[PlanPage], model):
    """Live pages of `model` under any of the courses: one query, one IN per course depth."""
    rows = model.objects.live()
    condition = Q(pk__in=[])
    for depth in sorted({c.depth for c in courses}):
        prefix = f"course_prefix_{depth}"
        rows = rows.annotate(**{prefix: Substr("path", 1, depth * Page.steplen)})
        condition |= Q(**{f"{prefix}__in": [c.path for c in courses if c.depth == depth],
                          "depth__gt": depth})
    return rows.filter(condition)


def _read_plans(course_ids: list[int]) -> dict[int, CoursePlan]:
    """Read the plans of these courses from the database: a fixed number of queries
    (eight, and the tools' names when not cached) whatever the number of courses and
    pages."""
    rows = list(CoursePage.objects.filter(pk__in=course_ids).values(
        *_PAGE_FIELDS, "required_supervision_hours"))
    plans = {row["pk"]: CoursePlan(course=_plan_page(row, "course"),
                                   required_supervision_hours=row["required_supervision_hours"])
             for row in rows}
    courses = [plan.course for plan in plans.values()]
    if not plans:
        return plans
    pages: list[PlanPage] = []
    for row in _under(courses, ModulePage).values(*_PAGE_FIELDS, "summary"):
        pages.append(_plan_page(row, "module", summary=row["summary"]))
    for row in _under(courses, LessonPage).values(*_PAGE_FIELDS, "summary", "optional",
                                                   "estimated_minutes"):
        pages.append(_plan_page(row, "lesson", summary=row["summary"],
                                optional=row["optional"],
                                estimated_minutes=row["estimated_minutes"]))
    for row in _under(courses, AssessmentPage).values(*_PAGE_FIELDS, "kind", "pass_mark",
                                                       "max_attempts"):
        pages.append(_plan_page(row, "assessment", kind=row["kind"],
                                pass_mark=row["pass_mark"], max_attempts=row["max_attempts"]))
    by_path = {c.path: plans[c.pk] for c in courses}
    modules: dict[str, ModuleOutline] = {}
    for page in sorted(pages, key=lambda p: p.path):
        plan = next((by_path[page.path[:depth * Page.steplen]]
                     for depth in range(page.depth - 1, 0, -1)
                     if page.path[:depth * Page.steplen] in by_path), None)
        if plan is None:
            continue
        at_course_level = page.depth == plan.course.depth + 1
        if at_course_level and page.page_type == "module":
            modules[page.path] = ModuleOutline(module=page)
            plan.modules.append(modules[page.path])
        elif page.page_type in ("lesson", "assessment"):
            # A page under an unpublished module cannot be reached, so it is left out.
            if at_course_level:
                plan.sequence.append(page)
            elif page.path[:-Page.steplen] in modules:
                modules[page.path[:-Page.steplen]].items.append(page)
                plan.sequence.append(page)
    from .models import (
        CompetencyTool,
        CourseCompetency,
        CourseCompetencyTool,
        CoursePracticeRequirement,
        CoursePrerequisite,
    )

    prerequisites = list(CoursePrerequisite.objects.filter(
        course_id__in=plans, prerequisite__live=True).select_related("prerequisite")
        .order_by("course_id", "sort_order"))
    # Each prerequisite in the language being read where a translation is live.
    shown = live_translations([row.prerequisite for row in prerequisites],
                              get_supported_content_language_variant(get_language()))
    for row in prerequisites:
        page = shown.get(row.prerequisite.translation_key, row.prerequisite)
        plans[row.course_id].prerequisites.append(PlanPage(
            pk=page.pk, title=page.title, path=page.path, depth=page.depth,
            url_path=page.url_path, translation_key=page.translation_key,
            page_type="course"))
    for row in CoursePracticeRequirement.objects.filter(course_id__in=plans).select_related(
            "activity_kind").order_by("course_id", "sort_order", "pk"):
        plans[row.course_id].practice_requirements.append(PracticeRequirementRow(
            activity_kind_id=row.activity_kind_id, activity_kind=str(row.activity_kind),
            minimum_hours=row.minimum_hours))
    for row in CourseCompetency.objects.filter(course_id__in=plans).select_related(
            "competency").order_by("course_id", "sort_order", "pk"):
        plans[row.course_id].competency_requirements.append(CompetencyRequirementRow(
            competency_id=row.competency_id, competency=str(row.competency),
            required_level=row.required_level))
    tool_rows = list(CourseCompetencyTool.objects.filter(course_id__in=plans)
                     .select_related("tool__locale").order_by("course_id", "sort_order", "pk"))
    # A translated course page may name the translated tool; assessments name the original.
    translated = {row.tool.translation_key for row in tool_rows
                  if row.tool.locale.language_code != settings.LANGUAGE_CODE}
    originals = dict(CompetencyTool.objects.filter(
        translation_key__in=translated, locale__language_code=settings.LANGUAGE_CODE)
        .values_list("translation_key", "pk")) if translated else {}
    for row in tool_rows:
        plans[row.course_id].competency_tools.append(CompetencyToolRow(
            tool_id=originals.get(row.tool.translation_key, row.tool_id),
            tool=row.tool.localised(), required_level=row.required_level,
            calibration_required=row.calibration_required))
    return plans


def _plan_key(version: str, course_id: int, language: str) -> str:
    # Names of activity kinds, competencies and prerequisites are read in a language.
    return f"content:plan:{version}:{course_id}:{language}"


def course_plans(courses: Iterable, request=None) -> dict[int, CoursePlan]:
    """The plan of each course (pages or ids), from the cache where it is there.

    Costs no query when every plan is cached, and seven for any number of courses when
    some are not. With ``request``, plans are kept on it too, so every reader of the
    request shares one read, and their URLs are set for it.
    """
    ids = list(dict.fromkeys(getattr(c, "pk", c) for c in courses))
    memo = getattr(request, "_course_plans", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._course_plans = memo
    language = get_language() or ""
    result = {pk: memo[pk] for pk in ids if pk in memo}
    missing = [pk for pk in ids if pk not in result]
    if missing:
        version = plan_version()
        keys = {pk: _plan_key(version, pk, language) for pk in missing}
        cached = cache.get_many(keys.values())
        for pk in missing:
            if keys[pk] in cached:
                result[pk] = cached[keys[pk]]
        unread = [pk for pk in missing if pk not in result]
        if unread:
            read = _read_plans(unread)
            cache.set_many({keys[pk]: plan for pk, plan in read.items()}, PLAN_TIMEOUT)
            result.update(read)
        for pk in missing:
            if pk in result:
                if request is not None:
                    result[pk].bind(request)
                memo[pk] = result[pk]
    return {pk: result[pk] for pk in ids if pk in result}


def course_plan(course, request=None) -> CoursePlan:
    """The plan of one course (see `course_plans`)."""
    pk = getattr(course, "pk", course)
    return course_plans([pk], request=request)[pk]


def course_outline(course: CoursePage) -> list[ModuleOutline]:
    """The course's live modules, each with its live lessons and assessments, in tree order.

    Assessments placed directly under the course (pre-test, post-test) are not part of
    any module; ``course_assessments`` lists them.
    """
    return course_plan(course).modules


def course_sequence(course: CoursePage) -> list[PlanPage]:
    """Every reachable live lesson and assessment of the course, in the order of the tree.

    This is the reading order: a pre-test placed first under the course comes first, a
    post-test placed last comes last. Pages under an unpublished module are left out.
    """
    return course_plan(course).sequence


def course_assessments(course: CoursePage) -> CourseAssessments:
    """Pre-test, post-test and knowledge checks of the course, in tree order.

    Only assessments whose every ancestor up to the course is live are listed: one under
    an unpublished module cannot be reached by a trainee.
    """
    return CourseAssessments(all=course_plan(course).assessments)


def _course_ids_by_path() -> dict[str, int]:
    """Path → id of every course page, cached with the plans (one query when cold)."""
    key = f"content:course-paths:{plan_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = dict(CoursePage.objects.values_list("path", "pk"))
        cache.set(key, paths, PLAN_TIMEOUT)
    return paths


def course_plan_for_page(page: Page, request=None) -> CoursePlan | None:
    """The plan of the course a module, lesson or assessment belongs to (of the course
    itself for a course), without reading the tree: the course is found by path."""
    if isinstance(page, CoursePage):
        return course_plan(page, request=request)
    paths = _course_ids_by_path()
    course_id = next((paths[page.path[:depth * Page.steplen]]
                      for depth in range(page.depth - 1, 0, -1)
                      if page.path[:depth * Page.steplen] in paths), None)
    if course_id is None:
        return None
    return course_plans([course_id], request=request).get(course_id)


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
                      query: str = "", reader_locale_id: int | None = None):
    """Live courses for the catalogue, filtered and optionally searched.

    The catalogue lists every live course, whatever its language, so a trainee can find a
    course taught in another language; the language filter narrows the list. A curriculum
    is named by its translation key, so choosing it keeps its courses in every language.

    Each course is listed once: in the reader's locale (`reader_locale_id`) where it has
    a live translation, else in its original language (the version created first). Choosing a language lists
    that language's versions only.
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
    if query:
        # Searched in every language before one version of each course is chosen, so a
        # course is found by its title in any of its languages. The search backend
        # filters only on indexed fields, so filter first, then search among those ids.
        ids = list(courses.values_list("pk", flat=True))
        found = {page.translation_key for page in
                 CoursePage.objects.filter(pk__in=ids).search(query, order_by_relevance=False)}
        courses = courses.filter(translation_key__in=found)
    order = ["title"]
    if locale is None and reader_locale_id is not None:
        courses = courses.filter(pk__in=_one_version_per_course(courses, reader_locale_id))
        # What the reader can read comes first; courses in other languages follow.
        courses = courses.annotate(in_other_language=Case(
            When(locale_id=reader_locale_id, then=Value(0)), default=Value(1)))
        order = ["in_other_language", "title"]
    return courses.select_related("locale").order_by(*order)


def _one_version_per_course(courses, reader_locale_id: int) -> list[int]:
    """The id of the version of each course to list: the reader's, else the original."""
    chosen: dict[UUID, tuple[int, int]] = {}
    for pk, key, locale_id in courses.order_by("pk").values_list("pk", "translation_key",
                                                                   "locale_id"):
        if key not in chosen or (locale_id == reader_locale_id
                                 and chosen[key][1] != reader_locale_id):
            chosen[key] = (pk, locale_id)
    return [pk for pk, _locale_id in chosen.values()]


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


def question_banks_for(assessment: AssessmentPage) -> list[QuestionBank]:
    """The bank an assessment draws from, in the assessment's language first when it is
    translated, then the bank the assessment names. One query; empty without a bank.

    Questions keep their ids in every translation of a bank, so an attempt drawn while
    reading one language is shown and graded in another.
    """
    if assessment.question_bank_id is None:
        return []
    named = QuestionBank.objects.filter(pk=assessment.question_bank_id)
    banks = list(QuestionBank.objects.filter(
        Q(pk=assessment.question_bank_id)
        | Q(locale_id=assessment.locale_id, translation_key__in=named.values("translation_key"))))
    return sorted(banks, key=lambda bank: bank.locale_id != assessment.locale_id)


# --- Course titles in the reader's language --------------------------------------------

TITLES_KEY = "content:titles:{version}"


@dataclass(frozen=True)
class ReaderTitles:
    """Every live course's title by translation key and language, and each course's own
    language: what lists need to name a course in the reader's language. Modules are
    named through the course plan, which is read per language already."""

    by_key: dict[str, dict[str, str]]
    language_of: dict[int, str]

    def title(self, page, language: str) -> tuple[str, str]:
        """The title to show `page` with in `language`, and the language it is in:
        the live translation when there is one, otherwise the page's own title."""
        translated = self.by_key.get(str(page.translation_key), {}).get(language)
        if translated is not None:
            return translated, language
        return page.title, self.language_of.get(page.pk, language)


def _read_reader_titles() -> ReaderTitles:
    key = TITLES_KEY.format(version=plan_version())
    titles = cache.get(key)
    if titles is None:
        by_key: dict[str, dict[str, str]] = {}
        language_of: dict[int, str] = {}
        rows = (CoursePage.objects.live()
                .values_list("pk", "translation_key", "locale__language_code", "title"))
        for pk, translation_key, language, title in rows:
            by_key.setdefault(str(translation_key), {})[language] = title
            language_of[pk] = language
        titles = ReaderTitles(by_key=by_key, language_of=language_of)
        cache.set(key, titles, PLAN_TIMEOUT)
    return titles


def reader_titles() -> ReaderTitles:
    """Course titles for the whole site: one query when content has changed,
    none otherwise (cached until the next content write, and kept for the request), so a
    list of any length names its courses in the reader's language at no cost per row."""
    from lms.memo import remember

    return remember(("content:titles", plan_version()), _read_reader_titles)
