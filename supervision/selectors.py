"""Reads of supervised practice, scoped to what the reader may see.

Fetching is the permission check: the `*_for_*` helpers return the object or raise 404,
the same for "missing" and "not yours". The batch helpers at the top take enrollment ids
and cost one query whatever their number; the certificates layer imports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum

from content.models import (
    Competency,
    CompetencyTool,
    CompetencyToolItem,
    CourseCompetencyTool,
    HarmfulBehaviour,
    RolePlayScenario,
)
from courses.models import Cohort, Enrollment
from lms import access
from lms.roles import Role

from .models import (
    CompetencyAssessment,
    CompetencyRating,
    CourseSupervisor,
    FollowUp,
    ItemRating,
    ItemResult,
    PracticeEntry,
    SupervisionRequest,
    SupervisionSession,
    SupervisorAssignment,
)

MINUTES_PER_HOUR = Decimal(60)
HOURS_QUANTUM = Decimal("0.01")


def minutes_to_hours(minutes: int | None) -> Decimal:
    """Minutes as hours, to two decimal places (90 → Decimal("1.50"))."""
    return (Decimal(minutes or 0) / MINUTES_PER_HOUR).quantize(HOURS_QUANTUM)


# --- Batch reads used by requirements, exports and certificates ----------------------


def approved_practice_minutes_by_kind(enrollment_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """Enrollment id → activity kind id → approved minutes. Every id asked for is a key."""
    ids = list(enrollment_ids)
    result: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    if not ids:
        return result
    rows = (PracticeEntry.objects
            .filter(enrollment_id__in=ids, state=PracticeEntry.State.APPROVED)
            .values("enrollment_id", "activity_kind_id")
            .annotate(minutes=Sum("duration_minutes"))
            .order_by())
    for row in rows:
        result[row["enrollment_id"]][row["activity_kind_id"]] = row["minutes"] or 0
    return result


def approved_practice_hours_by_kind(enrollment_ids: Iterable[int]) -> dict[int, dict[int, Decimal]]:
    """Enrollment id → activity kind id → approved practice hours (Decimal, 2 places).

    Only approved entries count. Every id asked for is a key (an empty dict when nothing
    is approved yet). One query.
    """
    return {enrollment_id: {kind_id: minutes_to_hours(minutes)
                            for kind_id, minutes in by_kind.items()}
            for enrollment_id, by_kind in approved_practice_minutes_by_kind(enrollment_ids).items()}


def supervision_minutes(enrollment_ids: Iterable[int]) -> dict[int, int]:
    ids = list(enrollment_ids)
    result = {pk: 0 for pk in ids}
    if not ids:
        return result
    through = SupervisionSession.enrollments.through
    rows = (through.objects.filter(enrollment_id__in=ids)
            .values("enrollment_id")
            .annotate(minutes=Sum("supervisionsession__duration_minutes"))
            .order_by())
    for row in rows:
        result[row["enrollment_id"]] = row["minutes"] or 0
    return result


def supervision_hours(enrollment_ids: Iterable[int]) -> dict[int, Decimal]:
    """Enrollment id → hours of supervision received (sessions the trainee attended).

    Every id asked for is a key (Decimal("0.00") when none). One query.
    """
    return {pk: minutes_to_hours(minutes)
            for pk, minutes in supervision_minutes(enrollment_ids).items()}


def latest_competency_ratings(enrollment_ids: Iterable[int]) -> dict[int, dict[int, CompetencyRating]]:
    """Enrollment id → competency id → the latest rating (the one that counts).

    Ratings come with `competency` and `supervisor` loaded. Every id asked for is a key.
    One query: ratings are few per enrollment, so the newest is picked in Python, which
    works the same on SQLite and PostgreSQL.
    """
    ids = list(enrollment_ids)
    result: dict[int, dict[int, CompetencyRating]] = {pk: {} for pk in ids}
    if not ids:
        return result
    ratings = (CompetencyRating.objects.filter(enrollment_id__in=ids)
               .select_related("competency", "supervisor")
               .order_by("enrollment_id", "competency_id", "-rated_at", "-id"))
    for rating in ratings:
        result[rating.enrollment_id].setdefault(rating.competency_id, rating)
    return result


# --- Who supervises and reads whom ---------------------------------------------------


# Every function here asks `lms.access`, where the rules live (see access_rules.py).


def supervised_enrollments(user) -> QuerySet[Enrollment]:
    """Enrollments the user supervises: assigned one by one, or through the cohort."""
    return access.queryset(user, "enrollment.supervise")


def readable_cohorts(user) -> QuerySet[Cohort]:
    """Cohorts whose logbooks the user may read without reviewing: the cohort's trainers,
    and the programme managers of the cohort's organisation."""
    return access.queryset(user, "cohort.view")


def managed_cohorts(user) -> QuerySet[Cohort]:
    """Cohorts where the user may assign supervisors."""
    return access.queryset(user, "cohort.manage")


def visible_enrollments(user) -> QuerySet[Enrollment]:
    """Every enrollment whose logbook the user may open: their own, those they supervise,
    and those of cohorts they train or manage."""
    return access.queryset(user, "enrollment.view")


def user_supervises(user, enrollment: Enrollment) -> bool:
    return access.can(user, "enrollment.supervise", enrollment)


def enrollment_for_trainee(user, pk: int) -> Enrollment:
    return access.get_or_404(user, "enrollment.own", pk,
                             queryset=Enrollment.objects.select_related("course", "cohort"))


def enrollment_for_reader(user, pk: int) -> Enrollment:
    """An enrollment whose logbook the user may read, or 404."""
    return access.get_or_404(
        user, "enrollment.view", pk,
        queryset=Enrollment.objects.select_related("course", "cohort", "trainee"))


def enrollment_for_export(user, pk: int) -> Enrollment:
    """An enrollment whose logbook the user may export, or 404."""
    return access.get_or_404(
        user, "enrollment.export", pk,
        queryset=Enrollment.objects.select_related("course", "cohort", "trainee"))


def enrollment_for_supervisor(user, pk: int) -> Enrollment:
    """An enrollment the user supervises (never their own), or 404."""
    return access.get_or_404(
        user, "enrollment.supervise", pk,
        queryset=Enrollment.objects.select_related("course", "cohort", "trainee")
        .exclude(trainee_id=user.pk))


# --- Practice entries ----------------------------------------------------------------


def _entries() -> QuerySet[PracticeEntry]:
    return PracticeEntry.objects.select_related("activity_kind", "approved_by")


def entries_for_logbook(enrollment: Enrollment) -> QuerySet[PracticeEntry]:
    return _entries().filter(enrollment=enrollment).order_by("-date", "-id")


def entry_for_trainee(user, pk: int) -> PracticeEntry:
    return access.get_or_404(user, "entry.own", pk,
                             queryset=_entries().select_related("enrollment__course"))


def entry_for_reader(user, pk: int) -> PracticeEntry:
    return access.get_or_404(user, "entry.view", pk, queryset=_entries().select_related(
        "enrollment__course", "enrollment__trainee", "enrollment__cohort"))


def entry_for_reviewer(user, pk: int) -> PracticeEntry:
    """An entry of one of the user's trainees (never the user's own), or 404."""
    return access.get_or_404(user, "entry.review", pk, queryset=_entries().select_related(
        "enrollment__course", "enrollment__trainee", "enrollment__cohort"))


def review_queue(user, *, cohort_id: int | None = None,
                 trainee_id: int | None = None) -> QuerySet[PracticeEntry]:
    """Submitted entries of the user's trainees, oldest submission first."""
    # Not _entries(): a submitted entry has no approver, and each join more cost the
    # planner more than the query took to run (8 ms against 3 at 20,000 trainees).
    entries = access.queryset(user, "entry.review", PracticeEntry.objects.select_related(
        "activity_kind", "enrollment__trainee", "enrollment__cohort", "enrollment__course")
    ).filter(state=PracticeEntry.State.SUBMITTED)
    if cohort_id:
        entries = entries.filter(enrollment__cohort_id=cohort_id)
    if trainee_id:
        entries = entries.filter(enrollment__trainee_id=trainee_id)
    return entries.order_by("submitted_at", "id")


def review_queue_count(user) -> int:
    return (access.queryset(user, "entry.review")
            .filter(state=PracticeEntry.State.SUBMITTED).count())


def entries_waiting_since(before) -> QuerySet[PracticeEntry]:
    """Submitted entries waiting since before the given moment (for the digest)."""
    return (_entries().select_related("enrollment__trainee", "enrollment__cohort")
            .filter(state=PracticeEntry.State.SUBMITTED, submitted_at__lt=before)
            .order_by("submitted_at", "id"))


def submitted_minutes_by_kind(enrollment_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """Enrollment id → activity kind id → minutes submitted and waiting for review."""
    ids = list(enrollment_ids)
    result: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    rows = (PracticeEntry.objects
            .filter(enrollment_id__in=ids, state=PracticeEntry.State.SUBMITTED)
            .values("enrollment_id", "activity_kind_id")
            .annotate(minutes=Sum("duration_minutes"))
            .order_by())
    for row in rows:
        result[row["enrollment_id"]][row["activity_kind_id"]] = row["minutes"] or 0
    return result


def entry_state_counts(enrollment: Enrollment) -> dict[str, int]:
    rows = (PracticeEntry.objects.filter(enrollment=enrollment)
            .values("state").annotate(n=Count("id")).order_by())
    counts = {state: 0 for state in PracticeEntry.State.values}
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def trainees_supervised(user, *, name: str = "") -> QuerySet[Enrollment]:
    """The enrollments a supervisor follows (never their own), by trainee name; ``name``
    narrows them to trainees whose name or e-mail contains it."""
    enrollments = (supervised_enrollments(user).exclude(trainee=user)
                   .select_related("trainee__organisation", "course", "cohort"))
    if name:
        enrollments = enrollments.filter(Q(trainee__full_name__icontains=name)
                                         | Q(trainee__email__icontains=name))
    return enrollments.order_by("trainee__full_name", "pk")


def supervisors_of(enrollments: Iterable[Enrollment]) -> dict[int, set[int]]:
    """Enrollment id → ids of its supervisors (assigned or through the cohort). One query:
    the two sources as a UNION, each read through its own index."""
    result: dict[int, set[int]] = {e.pk: set() for e in enrollments}
    if not result:
        return result
    assigned = SupervisorAssignment.objects.filter(enrollment_id__in=result).values_list(
        "enrollment_id", "supervisor_id").order_by()
    through_cohort = Enrollment.objects.filter(
        pk__in=result, cohort__supervisors__isnull=False).values_list(
        "pk", "cohort__supervisors").order_by()
    for enrollment_id, supervisor_id in assigned.union(through_cohort, all=True):
        result[enrollment_id].add(supervisor_id)
    return result


# --- Supervision for self-paced trainees ---------------------------------------------


def enrollments_for_assigner(user) -> QuerySet[Enrollment]:
    """Every enrollment to which the user may assign a supervisor: those of the cohorts
    they manage, and the self-paced ones of the organisation they manage."""
    return access.queryset(user, "enrollment.assign_supervisor")


def self_paced_enrollments_for_assigner(user) -> QuerySet[Enrollment]:
    return enrollments_for_assigner(user).filter(cohort__isnull=True)


def enrollment_for_assigner(user, pk: int) -> Enrollment:
    """An enrollment the user may assign a supervisor to, or 404."""
    return access.get_or_404(user, "enrollment.assign_supervisor", pk,
                             queryset=Enrollment.objects.select_related("trainee", "course",
                                                                        "cohort"))


def may_manage_supervisor_pool(user, course) -> bool:
    """Trainers of a cohort of the course and people who may edit it set its pool."""
    from courses.selectors import can_preview_course

    return user.is_authenticated and can_preview_course(user, course)


def supervisor_pool(course) -> QuerySet[CourseSupervisor]:
    return (CourseSupervisor.objects.filter(course_key=course.translation_key)
            .select_related("supervisor__organisation").order_by("supervisor__full_name"))


def supervision_request_candidates(enrollment: Enrollment) -> QuerySet:
    """Supervisors a trainee may ask to supervise this enrollment: the supervisors of
    their organisation and the course's pool. Never the trainee."""
    from lms.models import User

    trainee = enrollment.trainee
    condition = Q(pk__in=CourseSupervisor.objects.filter(course_key=enrollment.course_key)
                  .values("supervisor_id"))
    if trainee.organisation_id:
        condition |= Q(organisation_id=trainee.organisation_id)
    return (User.objects.filter(condition, groups__name=Role.SUPERVISOR.value, is_active=True)
            .exclude(pk=trainee.pk).distinct()
            .select_related("organisation").order_by("full_name"))


def open_supervision_request(enrollment: Enrollment) -> SupervisionRequest | None:
    return (SupervisionRequest.objects.filter(enrollment=enrollment,
                                              status=SupervisionRequest.Status.REQUESTED)
            .select_related("supervisor").first())


def supervision_request_for_trainee(user, pk: int) -> SupervisionRequest:
    """One of the user's own supervision requests, or 404."""
    return access.get_or_404(user, "supervision_request.own", pk,
                             queryset=SupervisionRequest.objects.select_related(
                                 "enrollment", "supervisor"))


def supervision_request_for_supervisor(user, pk: int) -> SupervisionRequest:
    """A supervision request addressed to the user, or 404."""
    return access.get_or_404(user, "supervision_request.answer", pk,
                             queryset=SupervisionRequest.objects.select_related(
                                 "enrollment__trainee", "enrollment__course"))


def supervision_requests_waiting(user) -> QuerySet[SupervisionRequest]:
    """Requests addressed to the user and not answered yet, oldest first."""
    return (access.queryset(user, "supervision_request.answer")
            .filter(status=SupervisionRequest.Status.REQUESTED)
            .select_related("enrollment__trainee__organisation", "enrollment__course")
            .order_by("created_at", "pk"))


def supervision_standing(enrollments: Iterable[Enrollment]) -> dict[int, dict]:
    """Enrollment id → {"supervisors": [users], "open_request": request or None}.

    Who supervises each enrollment (never its own trainee) and the request waiting for
    an answer, for a whole batch in two queries: the supervisors of both sources as one
    UNION of people, then the open requests.
    """
    from lms.models import User

    enrollments = list(enrollments)
    ids = [e.pk for e in enrollments]
    people: dict[int, dict[int, User]] = {pk: {} for pk in ids}
    if ids:
        assigned = User.objects.filter(supervision_assignments__enrollment_id__in=ids).annotate(
            for_enrollment=F("supervision_assignments__enrollment_id")).order_by()
        through_cohort = User.objects.filter(
            cohorts_supervised__enrollments__pk__in=ids).annotate(
            for_enrollment=F("cohorts_supervised__enrollments__pk")).order_by()
        for person in assigned.union(through_cohort, all=True):
            people[person.for_enrollment][person.pk] = person
    open_requests = {r.enrollment_id: r for r in SupervisionRequest.objects.filter(
        enrollment_id__in=ids, status=SupervisionRequest.Status.REQUESTED).select_related(
        "supervisor")} if ids else {}
    return {e.pk: {"supervisors": sorted((person for pk, person in people[e.pk].items()
                                          if pk != e.trainee_id),
                                         key=lambda u: u.full_name),
                   "open_request": open_requests.get(e.pk)}
            for e in enrollments}


def has_supervisor(enrollment: Enrollment) -> bool:
    """Whether someone other than the trainee supervises the enrollment."""
    return bool(supervisors_of([enrollment])[enrollment.pk] - {enrollment.trainee_id})


# --- Structured competency assessments -----------------------------------------------


@dataclass(frozen=True)
class CourseToolRow:
    """A competency tool a course assesses, by its original (default-language) row."""

    tool: CompetencyTool
    required_level: int
    calibration_required: bool

    @property
    def tool_id(self) -> int:
        return self.tool.pk


def _original_tools(tools: Iterable[CompetencyTool]) -> dict[int, CompetencyTool]:
    """Tool id → the original row of that tool. A translated course page may point at a
    translated tool; assessments always store the original."""
    tools = list(tools)
    translated = {t.translation_key for t in tools
                  if t.locale.language_code != settings.LANGUAGE_CODE}
    originals = {t.translation_key: t for t in CompetencyTool.objects.filter(
        translation_key__in=translated, locale__language_code=settings.LANGUAGE_CODE)
    } if translated else {}
    return {t.pk: originals.get(t.translation_key, t) for t in tools}


def course_tool_rows(course_ids: Iterable[int]) -> dict[int, list[CourseToolRow]]:
    """Course id → the competency tools it assesses, in the course's order. One query
    (two when a course page is a translation pointing at translated tools)."""
    ids = list(dict.fromkeys(course_ids))
    result: dict[int, list[CourseToolRow]] = {pk: [] for pk in ids}
    if not ids:
        return result
    rows = list(CourseCompetencyTool.objects.filter(course_id__in=ids)
                .select_related("tool__locale").order_by("course_id", "sort_order", "pk"))
    originals = _original_tools(row.tool for row in rows)
    for row in rows:
        result[row.course_id].append(CourseToolRow(
            tool=originals[row.tool_id], required_level=row.required_level,
            calibration_required=row.calibration_required))
    return result


def tool_items(tool_ids: Iterable[int]) -> dict[int, list[Competency]]:
    """Tool id → its items (original competencies), in the tool's order. One query."""
    ids = list(dict.fromkeys(tool_ids))
    result: dict[int, list[Competency]] = {pk: [] for pk in ids}
    if not ids:
        return result
    for item in (CompetencyToolItem.objects.filter(tool_id__in=ids).select_related("competency")
                 .order_by("tool_id", "sort_order", "pk")):
        result[item.tool_id].append(item.competency)
    return result


def item_behaviours(competency_ids: Iterable[int]) -> dict[int, list[HarmfulBehaviour]]:
    """Competency id → its harmful behaviours (original rows), in order. One query."""
    ids = list(dict.fromkeys(competency_ids))
    result: dict[int, list[HarmfulBehaviour]] = {pk: [] for pk in ids}
    if not ids:
        return result
    for behaviour in HarmfulBehaviour.objects.filter(competency_id__in=ids).order_by(
            "competency_id", "sort_order", "pk"):
        result[behaviour.competency_id].append(behaviour)
    return result


def tool_scenarios(tool: CompetencyTool) -> list[RolePlayScenario]:
    """The tool's role-play scenarios (original rows), by title."""
    return list(RolePlayScenario.objects.filter(
        tool=tool, locale__language_code=settings.LANGUAGE_CODE).order_by("title", "pk"))


def scenarios_had(trainee_id: int, scenario_ids: Iterable[int]) -> set[int]:
    """The scenarios among these that the trainee has already played, in any course."""
    ids = list(scenario_ids)
    if not ids:
        return set()
    return set(CompetencyAssessment.objects.filter(
        enrollment__trainee_id=trainee_id, scenario_id__in=ids)
        .values_list("scenario_id", flat=True))


def _assessments() -> QuerySet[CompetencyAssessment]:
    return CompetencyAssessment.objects.select_related(
        "enrollment__trainee", "enrollment__course", "enrollment__cohort", "tool", "scenario",
        "created_by")


def assessment_for_supervisor(user, pk: int) -> CompetencyAssessment:
    """An assessment of a trainee the user supervises (never their own), or 404."""
    return access.get_or_404(user, "assessment.supervise", pk, queryset=_assessments())


def assessment_for_rater(user, pk: int) -> CompetencyAssessment:
    """An assessment the user is a rater of, of a trainee they supervise, or 404."""
    return access.get_or_404(user, "assessment.rate", pk, queryset=_assessments())


def follow_up_for_supervisor(user, pk: int) -> FollowUp:
    """A follow-up of a trainee the user supervises, or 404."""
    return access.get_or_404(user, "follow_up.plan", pk, queryset=FollowUp.objects.select_related(
        "enrollment__trainee", "enrollment__course", "assessment__tool", "supervisor"))


def open_follow_ups_for_supervisor(user) -> QuerySet[FollowUp]:
    """Open follow-ups of the user's trainees, soonest due first (the queue shows them)."""
    return (access.queryset(user, "follow_up.plan").filter(state=FollowUp.State.OPEN)
            .select_related("enrollment__trainee", "enrollment__course", "assessment__tool")
            .order_by("due_on", "pk"))


def assessments_waiting_for(user) -> QuerySet[CompetencyAssessment]:
    """Assessments where the user still has ratings to submit, or an agreement to reach."""
    waiting = (Q(state=CompetencyAssessment.State.RATING,
                 raters__rater_id=user.pk, raters__submitted_at__isnull=True)
               | Q(state=CompetencyAssessment.State.CONSENSUS))
    return (access.queryset(user, "assessment.rate", _assessments()).filter(waiting)
            .distinct().order_by("observed_on", "pk"))


def assessments_of_enrollment(enrollment: Enrollment) -> list[CompetencyAssessment]:
    """Every assessment of the enrollment, newest first, with its raters."""
    return list(_assessments().filter(enrollment=enrollment)
                .prefetch_related("raters__rater").order_by("-observed_on", "-pk"))


def rater_progress(assessment: CompetencyAssessment, rater_id: int) -> dict[int, ItemRating]:
    """Competency id → this rater's rating of it so far, behaviours loaded. Two queries."""
    return {r.competency_id: r for r in ItemRating.objects.filter(
        assessment=assessment, rater_id=rater_id).prefetch_related("harmful_behaviours")}


def assessment_ratings(assessment: CompetencyAssessment) -> dict[int, list[ItemRating]]:
    """Competency id → every rater's rating of it, raters and behaviours loaded."""
    result: dict[int, list[ItemRating]] = {}
    for rating in (ItemRating.objects.filter(assessment=assessment).select_related("rater")
                   .prefetch_related("harmful_behaviours").order_by("rater__full_name", "pk")):
        result.setdefault(rating.competency_id, []).append(rating)
    return result


def assessment_results(assessment_ids: Iterable[int]) -> dict[int, dict[int, ItemResult]]:
    """Assessment id → competency id → the agreed result, behaviours loaded. Two queries."""
    ids = list(assessment_ids)
    result: dict[int, dict[int, ItemResult]] = {pk: {} for pk in ids}
    if not ids:
        return result
    for row in ItemResult.objects.filter(assessment_id__in=ids).prefetch_related(
            "harmful_behaviours"):
        result[row.assessment_id][row.competency_id] = row
    return result


@dataclass
class ItemChange:
    """One item's level at the baseline and at the latest final assessment after it.

    `behaviours` are those agreed at the most recent of the two: what the trainee is
    asked to avoid now."""

    competency: Competency
    required_level: int
    baseline: int | None = None
    latest: int | None = None
    behaviours: list[HarmfulBehaviour] = field(default_factory=list)

    @property
    def change(self) -> int | None:
        if self.baseline is None or self.latest is None:
            return None
        return self.latest - self.baseline

    @property
    def current(self) -> int | None:
        return self.latest if self.latest is not None else self.baseline

    @property
    def to_work_on(self) -> bool:
        return self.current is not None and (self.current < self.required_level
                                             or bool(self.behaviours))

    @property
    def next_level(self) -> int | None:
        """The level to aim for next: one above the current one."""
        return None if self.current is None else min(4, self.current + 1)

    @property
    def next_descriptor_field(self) -> str:
        """The descriptor of the next level, by field name (to show it marked with its
        language)."""
        return f"level_{self.next_level}_descriptor" if self.next_level else ""


@dataclass
class ToolChange:
    """A tool's items for one enrollment, from the baseline to the latest assessment."""

    tool: CompetencyTool
    required_level: int
    items: list[ItemChange]
    baseline: CompetencyAssessment | None = None
    latest: CompetencyAssessment | None = None

    @property
    def to_work_on(self) -> list[ItemChange]:
        return [item for item in self.items if item.to_work_on]


def competency_change(enrollments: Iterable[Enrollment]) -> dict[int, list[ToolChange]]:
    """Enrollment id → for each of its course's tools, each item's baseline level (the
    earliest final baseline), its latest final level after that, and the change.

    A fixed number of queries for any number of enrollments: the course tools, their
    items, the final assessments, and their results with the behaviours agreed.
    """
    enrollments = list(enrollments)
    result: dict[int, list[ToolChange]] = {e.pk: [] for e in enrollments}
    if not enrollments:
        return result
    tools_by_course = course_tool_rows(e.course_id for e in enrollments)
    items = tool_items(row.tool_id for rows in tools_by_course.values() for row in rows)
    assessments = list(CompetencyAssessment.objects.filter(
        enrollment_id__in=[e.pk for e in enrollments], state=CompetencyAssessment.State.FINAL,
        tool_id__in=list(items)).order_by("observed_on", "finalised_at", "pk"))
    results = assessment_results(a.pk for a in assessments)
    by_enrollment_tool: dict[tuple[int, int], list[CompetencyAssessment]] = {}
    for assessment in assessments:
        by_enrollment_tool.setdefault((assessment.enrollment_id, assessment.tool_id),
                                      []).append(assessment)
    for enrollment in enrollments:
        for row in tools_by_course[enrollment.course_id]:
            done = by_enrollment_tool.get((enrollment.pk, row.tool_id), [])
            baseline = next((a for a in done if a.kind == CompetencyAssessment.Kind.BASELINE),
                            None)
            after = [a for a in done if baseline is None or (
                a.pk != baseline.pk and (a.observed_on, a.pk) > (baseline.observed_on,
                                                                baseline.pk))]
            latest = after[-1] if after else None
            changes = []
            for competency in items[row.tool_id]:
                item = ItemChange(competency=competency, required_level=row.required_level)
                agreed = None
                if baseline is not None and competency.pk in results[baseline.pk]:
                    agreed = results[baseline.pk][competency.pk]
                    item.baseline = agreed.level
                if latest is not None and competency.pk in results[latest.pk]:
                    agreed = results[latest.pk][competency.pk]
                    item.latest = agreed.level
                if agreed is not None:
                    item.behaviours = list(agreed.harmful_behaviours.all())
                changes.append(item)
            result[enrollment.pk].append(ToolChange(
                tool=row.tool, required_level=row.required_level, items=changes,
                baseline=baseline, latest=latest))
    return result
