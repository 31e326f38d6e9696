"""Reads the learner side shares, scoped to what the user may see.

Pages that list many enrollments (My learning, a cohort's matrix) must cost the same
number of queries for 10 or 500 rows, so the reads here work on batches: the plan of
every course involved is read in one pass over the page tree, and lesson progress and
attempts in one query each. `prefetch_learning` attaches them to the enrollments so the
requirement registry and the templates read them without asking again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language, gettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from content import selectors as content_selectors
from content.models import AssessmentPage, CoursePage
from content.questions import ShownQuestion, has_questions, shown_questions
from lms import access

from . import grading
from .models import (
    AssessmentAttempt,
    Cohort,
    CohortInvitation,
    Enrollment,
    LessonProgress,
    Reflection,
)
from .requirements import RequirementStatus, registry

# --- Course plans --------------------------------------------------------------------

# One plan per course, read through content's selector (once per request, cached between
# requests): pages, the learner's context and the requirement registry share it.
CoursePlan = content_selectors.CoursePlan
ModulePlan = content_selectors.ModuleOutline


def course_plans(courses: Iterable[CoursePage], request=None) -> dict[int, CoursePlan]:
    """The plan of each course: no query when cached, a fixed number otherwise."""
    return content_selectors.course_plans(courses, request=request)


def course_plan(course: CoursePage, request=None) -> CoursePlan:
    return content_selectors.course_plan(course, request=request)


def course_for_page(page: Page) -> CoursePage | None:
    """The course a lesson, assessment or module belongs to (itself for a course)."""
    if isinstance(page, CoursePage):
        return page
    return CoursePage.objects.ancestor_of(page).first()


# --- Progress and attempts in batches ------------------------------------------------


@dataclass
class AttemptSummary:
    """How an enrollment stands on one assessment."""

    count: int = 0
    first_score: Decimal | None = None
    best_score: Decimal | None = None
    passed: bool = False
    last_number: int = 0


def completed_lesson_keys(enrollment_ids: Sequence[int]) -> dict[int, set[UUID]]:
    """Enrollment id → translation keys of the lessons it completed. One query."""
    result: dict[int, set[UUID]] = {pk: set() for pk in enrollment_ids}
    for enrollment_id, key in LessonProgress.objects.filter(
            enrollment_id__in=list(enrollment_ids)).values_list("enrollment_id", "page_key"):
        result[enrollment_id].add(key)
    return result


def attempt_summaries(enrollment_ids: Sequence[int]) -> dict[int, dict[UUID, AttemptSummary]]:
    """Enrollment id → assessment key → attempts summed up. One query."""
    result: dict[int, dict[UUID, AttemptSummary]] = {pk: {} for pk in enrollment_ids}
    rows = (AssessmentAttempt.objects.filter(enrollment_id__in=list(enrollment_ids))
            .order_by("enrollment_id", "assessment_key", "number")
            .values_list("enrollment_id", "assessment_key", "number", "score", "passed"))
    for enrollment_id, key, number, score, passed in rows:
        summary = result[enrollment_id].setdefault(key, AttemptSummary())
        summary.count += 1
        if summary.first_score is None:
            summary.first_score = score
        summary.best_score = score if summary.best_score is None else max(summary.best_score,
                                                                           score)
        summary.passed = summary.passed or passed
        summary.last_number = number
    return result


def attach_course_plans(enrollments: Sequence[Enrollment], request=None) -> None:
    """Attach `course_plan` to each enrollment that has none yet: no query when the
    plans are cached."""
    missing = [e for e in enrollments if not hasattr(e, "course_plan")]
    if missing:
        plans = course_plans({e.course_id for e in missing}, request=request)
        for enrollment in missing:
            enrollment.course_plan = plans[enrollment.course_id]


def prefetch_learning(enrollments: Sequence[Enrollment], request=None) -> Sequence[Enrollment]:
    """Attach `course_plan`, `lesson_keys_done` and `attempts_by_key` to each enrollment.

    A fixed number of queries for the whole batch; what is already attached is kept, so
    the requirement registry and a view can share one read.
    """
    attach_course_plans(enrollments, request=request)
    missing = [e.pk for e in enrollments if not hasattr(e, "lesson_keys_done")]
    if missing:
        done = completed_lesson_keys(missing)
        for enrollment in enrollments:
            if enrollment.pk in done:
                enrollment.lesson_keys_done = done[enrollment.pk]
    missing = [e.pk for e in enrollments if not hasattr(e, "attempts_by_key")]
    if missing:
        summaries = attempt_summaries(missing)
        for enrollment in enrollments:
            if enrollment.pk in summaries:
                enrollment.attempts_by_key = summaries[enrollment.pk]
    return enrollments


def feedback_released(enrollment: Enrollment, assessment, *, attempts_used: int,
                      passed: bool) -> bool:
    """Whether the enrollment may see the feedback on its attempts at ``assessment``
    (see `grading.feedback_released`). Reads nothing: `prefetch_learning` first."""
    post_test = enrollment.course_plan.post_test
    summary = (enrollment.attempts_by_key.get(post_test.translation_key)
               if post_test is not None else None)
    post_test_over = summary is not None and (summary.passed
                                              or summary.count >= post_test.max_attempts)
    return grading.feedback_released(
        assessment.feedback_timing, attempts_used=attempts_used,
        max_attempts=assessment.max_attempts, passed=passed, post_test_over=post_test_over,
        course_active=enrollment.status == Enrollment.Status.ACTIVE)


def bank_with_questions(banks, question_ids):
    """The first of ``banks`` (the reader's language first) that still has every one of
    these questions, or None."""
    return next((bank for bank in banks if has_questions(bank.questions, question_ids)), None)


def drawn_questions(bank, draw) -> list[ShownQuestion]:
    """The questions of a draw as they were shown: its order, its order of choices."""
    grading.stabilise_choice_ids(bank.questions)
    return shown_questions(bank.questions, draw.questions, draw.choice_order)


def step_done(enrollment: Enrollment, page) -> bool:
    """A lesson is done once marked complete; the post-test once passed; any other
    assessment once attempted."""
    if page.is_lesson:
        return page.translation_key in enrollment.lesson_keys_done
    summary = enrollment.attempts_by_key.get(page.translation_key)
    if summary is None:
        return False
    if page.kind == AssessmentPage.Kind.POST_TEST:
        return summary.passed
    return True


def next_step(enrollment: Enrollment):
    """Where the trainee picks up: the page last visited if it is not done yet, else the
    first step not done. None when every step is done."""
    plan = enrollment.course_plan
    if enrollment.last_page_key:
        last = plan.step_by_key(enrollment.last_page_key)
        if last is not None and not step_done(enrollment, last):
            return last
    return next((p for p in plan.sequence if not step_done(enrollment, p)), None)


@dataclass
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 / self.total)


def course_progress(enrollment: Enrollment) -> Progress:
    keys = enrollment.course_plan.required_lesson_keys
    return Progress(done=len(keys & enrollment.lesson_keys_done), total=len(keys))


def module_progress(enrollment: Enrollment, module: ModulePlan) -> Progress:
    keys = {lesson.translation_key for lesson in module.required_lessons}
    return Progress(done=len(keys & enrollment.lesson_keys_done), total=len(keys))


# --- Enrollments ---------------------------------------------------------------------


def enrollment_for_course(user, course: CoursePage) -> Enrollment | None:
    """The user's enrollment in this course, in whichever language they enrolled."""
    return (access.queryset(user, "enrollment.own")
            .filter(course_key=course.translation_key)
            .select_related("course", "cohort").first())


def enrollment_of_trainee(user, pk: int) -> Enrollment:
    """One of the user's own enrollments, or 404."""
    return access.get_or_404(user, "enrollment.own", pk,
                             queryset=Enrollment.objects.select_related("course"))


def can_preview_course(user, course: CoursePage) -> bool:
    """Trainers of a cohort of the course and people who may edit it read its lessons
    without enrolling (they cannot record progress)."""
    if not user.is_authenticated:
        return False
    if access.queryset(user, "cohort.teach").filter(
            course__translation_key=course.translation_key).exists():
        return True
    return course.permissions_for_user(user).can_edit()


def my_enrollments(user, request=None) -> list[Enrollment]:
    """The trainee's enrollments, with plans, progress, attempts and requirement statuses
    attached. A fixed number of queries however many enrollments there are (the plans
    cost one pass per batch of distinct courses)."""
    enrollments = list(access.queryset(user, "enrollment.own")
                       .select_related("course", "cohort")
                       .order_by("status", "-enrolled_at"))
    prefetch_learning(enrollments, request=request)
    statuses = registry.evaluate(enrollments)
    for enrollment in enrollments:
        enrollment.statuses = statuses[enrollment.pk]
        enrollment.progress = course_progress(enrollment)
        enrollment.next_page = (next_step(enrollment)
                                if enrollment.status == Enrollment.Status.ACTIVE else None)
    return enrollments


# --- Cohorts -------------------------------------------------------------------------


def visible_cohorts(user) -> QuerySet[Cohort]:
    """Cohorts the user may open (the `cohort.view` rule of `lms.access`): those they
    train, those of the organisation they manage programmes for. Supervisors work from
    their review queue instead."""
    return access.queryset(user, "cohort.view")


def cohort_for_user(user, pk: int) -> Cohort:
    """A cohort the user may open, or 404 (missing and not yours alike)."""
    return access.get_or_404(user, "cohort.view", pk,
                             queryset=Cohort.objects.select_related("course", "organisation"))


def cohort_for_export(user, pk: int) -> Cohort:
    """A cohort whose matrix the user may export, or 404 (missing and not yours alike)."""
    return access.get_or_404(user, "cohort.export", pk,
                             queryset=Cohort.objects.select_related("course", "organisation"))


def cohort_list_for_user(user) -> list[Cohort]:
    from django.db.models import Count

    return list(visible_cohorts(user).select_related("course", "organisation")
                .annotate(trainee_count=Count("enrollments", distinct=True))
                .order_by("-start_date", "name"))


def pending_invitations(cohort: Cohort) -> QuerySet[CohortInvitation]:
    """The cohort's invitations not accepted yet: waiting, or declined."""
    return cohort.invitations.filter(accepted_at__isnull=True).order_by("email")


def invitations_for_invitee(user) -> list[CohortInvitation]:
    """Invitations waiting for the user's answer on My learning."""
    return list(access.queryset(user, "invitation.answer")
                .filter(accepted_at__isnull=True, declined_at__isnull=True)
                .select_related("cohort__course", "cohort__organisation", "invited_by")
                .order_by("created_at", "pk"))


def invitation_for_invitee(user, pk: int) -> CohortInvitation:
    """An invitation made to the user's own account, answered or not, or 404 (missing
    and someone else's alike)."""
    return access.get_or_404(user, "invitation.answer", pk,
                             queryset=CohortInvitation.objects.select_related("cohort__course"))


@dataclass
class MatrixRow:
    enrollment: Enrollment
    modules: list[Progress]
    pre_test: AttemptSummary | None
    post_test: AttemptSummary | None
    statuses: list[RequirementStatus]

    @property
    def requirements_met(self) -> bool:
        return bool(self.statuses) and registry.all_met(self.statuses)


@dataclass
class CohortMatrix:
    cohort: Cohort
    plan: CoursePlan
    rows: list[MatrixRow]
    requirement_labels: list[tuple[str, str]]  # (key, label) of every column


MATRIX_STATUS_FILTERS = ("active", "completed", "withdrawn")
MATRIX_REQUIREMENT_FILTERS = ("met", "unmet")


def _matrix_enrollments(cohort: Cohort, status: str) -> QuerySet[Enrollment]:
    enrollments = Enrollment.objects.filter(cohort=cohort).select_related(
        "trainee__organisation", "course")
    if status in MATRIX_STATUS_FILTERS:
        enrollments = enrollments.filter(status=status)
    return enrollments.order_by("trainee__full_name", "pk")


def _matrix(cohort: Cohort, enrollments: list[Enrollment], requirements: str) -> CohortMatrix:
    plan = course_plan(cohort.course)
    # Every trainee is measured against the cohort course's plan: it is the same course.
    for enrollment in enrollments:
        if enrollment.course_id == cohort.course_id:
            enrollment.course = cohort.course
        enrollment.course_plan = plan
    prefetch_learning(enrollments)
    statuses = registry.evaluate(enrollments)
    pre_key = plan.pre_test.translation_key if plan.pre_test else None
    post_key = plan.post_test.translation_key if plan.post_test else None
    rows, columns = [], {}
    for enrollment in enrollments:
        row = MatrixRow(
            enrollment=enrollment,
            modules=[module_progress(enrollment, module) for module in plan.modules],
            pre_test=enrollment.attempts_by_key.get(pre_key) if pre_key else None,
            post_test=enrollment.attempts_by_key.get(post_key) if post_key else None,
            statuses=statuses[enrollment.pk],
        )
        for requirement_status in row.statuses:
            columns.setdefault(requirement_status.key, requirement_status.label)
        row.by_key = {s.key: s for s in row.statuses}
        if requirements == "met" and not row.requirements_met:
            continue
        if requirements == "unmet" and row.requirements_met:
            continue
        rows.append(row)
    for row in rows:
        # One cell per column, in column order, even where a requirement does not apply.
        row.requirement_cells = [row.by_key.get(key) for key in columns]
    return CohortMatrix(cohort=cohort, plan=plan, rows=rows,
                        requirement_labels=list(columns.items()))


def cohort_matrix(cohort: Cohort, *, status: str = "", requirements: str = "") -> CohortMatrix:
    """Trainees × modules of a cohort, with tests, knowledge gain and each requirement.

    Progress is matched by translation key, so a trainee reading the Arabic version is
    counted against the cohort course's modules all the same. A fixed number of queries.
    """
    return _matrix(cohort, list(_matrix_enrollments(cohort, status)), requirements)


MATRIX_BATCH = 500


def cohort_matrix_stream(cohort: Cohort, *, status: str = "", requirements: str = "",
                         batch_size: int | None = None) -> CohortMatrix:
    """The whole matrix for an export, evaluated ``batch_size`` trainees at a time as its
    ``rows`` are read (a generator: read them once). Memory stays flat with the cohort's
    size: a 20,000-trainee cohort evaluated at once held every row, and 385 MB."""
    batch_size = batch_size or MATRIX_BATCH
    ids = list(_matrix_enrollments(cohort, status).values_list("pk", flat=True))
    batches = (ids[start:start + batch_size] for start in range(0, len(ids), batch_size))

    def evaluate(batch_ids):
        return _matrix(cohort, list(_matrix_enrollments(cohort, status).filter(
            pk__in=batch_ids)), requirements)

    first = evaluate(next(batches, []))

    def rows():
        yield from first.rows
        for batch_ids in batches:
            yield from evaluate(batch_ids).rows

    # Every trainee is measured against the same plan, so the first batch names the
    # columns of all.
    return CohortMatrix(cohort=cohort, plan=first.plan, rows=rows(),
                        requirement_labels=first.requirement_labels)


def cohort_matrix_page(cohort: Cohort, *, status: str = "", requirements: str = "",
                       number=None, per_page: int) -> tuple[CohortMatrix, DjangoPage]:
    """One page of the matrix: the page's rows, and the paginator's page over them.

    Only the shown trainees are evaluated (a 500-trainee cohort cost 0.6 s to evaluate
    whole for 40 rows on screen), unless the filter is on requirements, which only the
    evaluation can tell.
    """
    if requirements in MATRIX_REQUIREMENT_FILTERS:
        matrix = cohort_matrix(cohort, status=status, requirements=requirements)
        return matrix, Paginator(matrix.rows, per_page).get_page(number)
    page = Paginator(_matrix_enrollments(cohort, status), per_page).get_page(number)
    matrix = _matrix(cohort, list(page.object_list), requirements)
    page.object_list = matrix.rows
    return matrix, page


def page_or_404(page_id: int, model):
    page = Page.objects.live().filter(pk=page_id).specific().first()
    if not isinstance(page, model):
        raise Http404
    return page


# --- Reflections ---------------------------------------------------------------------


def reflections_for_lesson(enrollment: Enrollment, lesson_key) -> dict[str, Reflection]:
    """The enrollment's reflections on one lesson, by prompt block id (one query)."""
    return {r.block_id: r for r in Reflection.objects.filter(enrollment=enrollment,
                                                              lesson_key=lesson_key)}


def _in_plan_order(reflections: list[Reflection], items) -> list[Reflection]:
    """Reflections in the order of their lessons in ``items`` (plan pages), each given the
    lesson it answers as ``lesson`` (None when the lesson left the course)."""
    position = {item.translation_key: index for index, item in enumerate(items)}
    pages = {item.translation_key: item for item in items}
    for reflection in reflections:
        reflection.lesson = pages.get(reflection.lesson_key)
    return sorted(reflections, key=lambda r: (position.get(r.lesson_key, len(position)),
                                              r.created_at))


def reflections_for_module(enrollment: Enrollment, items) -> list[Reflection]:
    """What the trainee wrote in a module's lessons, in lesson order (one query)."""
    keys = [item.translation_key for item in items]
    found = list(Reflection.objects.filter(enrollment=enrollment, lesson_key__in=keys)
                 .exclude(text=""))
    return _in_plan_order(found, items)


def my_reflections(user, request=None) -> list[Enrollment]:
    """The user's enrollments that hold reflections, each with its ``reflection_list`` in
    the order of the course's lessons. One query, whatever the number of reflections;
    lesson titles come from the courses' cached plans."""
    reflections = list(access.queryset(user, "reflection.own").exclude(text="")
                       .select_related("enrollment__course")
                       .order_by("-enrollment__enrolled_at", "created_at"))
    enrollments: dict[int, Enrollment] = {}
    by_enrollment: dict[int, list[Reflection]] = {}
    for reflection in reflections:
        enrollments.setdefault(reflection.enrollment_id, reflection.enrollment)
        by_enrollment.setdefault(reflection.enrollment_id, []).append(reflection)
    plans = course_plans([e.course for e in enrollments.values()], request=request)
    for pk, enrollment in enrollments.items():
        plan = plans.get(enrollment.course_id)
        enrollment.reflection_list = _in_plan_order(by_enrollment[pk],
                                                    plan.sequence if plan else [])
    return list(enrollments.values())


def reflection_of_trainee(user, pk: int) -> Reflection:
    """One of the user's own reflections, or 404."""
    return access.get_or_404(user, "reflection.own", pk)


# --- A course saved for offline ----------------------------------------------------------

# What a lesson page weighs besides its own text (header, navigation, learner's bar), as
# served uncompressed: what a device stores. Pages are not rendered to be measured; the
# sizes of files are exact.
PAGE_BASE_BYTES = 9_000
OFFLINE_IMAGE_FILTER = "width-960"  # the rendition templates/blocks/image_block.html shows


def enrollment_for_offline(user, pk: int) -> Enrollment:
    """One of the user's own enrollments that they still study or have completed, or 404
    (another's, a withdrawn one and a missing one alike)."""
    return access.get_or_404(
        user, "enrollment.own", pk,
        queryset=Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course"))


def _file_size(field_file) -> int | None:
    try:
        return field_file.size
    except (OSError, ValueError):
        return None


def offline_listing(enrollment: Enrollment, request) -> dict:
    """What saving the enrollment's course for offline stores, in the language being
    read: its pages (course, lessons, knowledge checks' question forms, My learning),
    files (images, documents) and optional audio, each with its size, and the videos,
    which are not saved (their transcripts are in the lesson pages).

    Never an assessment's result or feedback (those pages have ``?attempt=``), nor a
    pre-test or post-test. A fixed number of queries whatever the size of the course.
    """
    import json

    from django.urls import reverse
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from content.models import LessonPage

    language = get_supported_content_language_variant(get_language())
    course = content_selectors.live_translations([enrollment.course], language).get(
        enrollment.course.translation_key, enrollment.course)
    plan = course_plan(course, request=request)
    lessons = plan.lessons
    checks = [a for a in plan.assessments if a.kind == AssessmentPage.Kind.KNOWLEDGE_CHECK]
    bodies = {row.pk: row for row in LessonPage.objects.filter(
        pk__in=[lesson.pk for lesson in lessons]).only("pk", "body")}
    image_ids, document_ids, audio_ids = [], [], []
    transcripts, videos = [], []
    pages = [{"url": plan.course.url, "title": plan.course.title, "kind": "course",
              "size": PAGE_BASE_BYTES}]
    for lesson in lessons:
        body = bodies.get(lesson.pk)
        size = PAGE_BASE_BYTES
        if body is not None:
            # The stored values (ids, not objects): reading the blocks as objects would
            # fetch each lesson's images and documents on its own.
            raw = list(body.body.raw_data)
            size += len(json.dumps(raw, ensure_ascii=False).encode())
            for block in raw:
                kind, value = block.get("type"), block.get("value") or {}
                if kind == "image" and value.get("image"):
                    image_ids.append(value["image"])
                elif kind == "document" and value.get("document"):
                    document_ids.append(value["document"])
                elif kind in ("audio", "video"):
                    audio = value.get("audio") or value.get("audio_only")
                    if audio:
                        audio_ids.append(audio)
                    transcripts.append({"title": value.get("title", ""), "page": lesson.url})
                    if kind == "video" and value.get("video"):
                        videos.append({"title": value.get("title", ""), "page": lesson.url,
                                       "url": value["video"], "size": None})
        pages.append({"url": lesson.url, "title": lesson.title, "kind": "lesson",
                      "size": size})
    for check in checks:
        pages.append({"url": check.url, "title": check.title, "kind": "knowledge_check",
                      "size": PAGE_BASE_BYTES})
    pages.append({"url": reverse("courses:my_learning"), "title": gettext("My learning"),
                  "kind": "my_learning", "size": PAGE_BASE_BYTES})
    files = []
    images = get_image_model().objects.filter(pk__in=set(image_ids)).prefetch_renditions(
        OFFLINE_IMAGE_FILTER)
    for image in images:
        rendition = image.get_rendition(OFFLINE_IMAGE_FILTER)
        files.append({"url": rendition.url, "title": image.title, "kind": "image",
                      "size": _file_size(rendition.file) or 0})
    documents = {d.pk: d for d in get_document_model().objects.filter(
        pk__in=set(document_ids) | set(audio_ids))}
    for pk in dict.fromkeys(document_ids):
        if pk in documents:
            document = documents[pk]
            files.append({"url": document.url, "title": document.title, "kind": "document",
                          "size": document.file_size or _file_size(document.file) or 0})
    media = []
    for pk in dict.fromkeys(audio_ids):
        if pk in documents:
            document = documents[pk]
            media.append({"url": document.url, "title": document.title, "kind": "audio",
                          "size": document.file_size or _file_size(document.file) or 0})
    return {
        "course": {"title": plan.course.title, "url": plan.course.url},
        "pages": pages,
        "files": files,
        "media": media,
        "videos": videos,
        "transcripts": transcripts,
        "size": sum(item["size"] for item in pages + files),
        "media_size": sum(item["size"] for item in media),
    }
