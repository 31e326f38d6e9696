"""What supervised practice adds to a course's completion, registered with the course
requirement registry in SupervisionConfig.ready(). Each requirement evaluates a batch of
enrollments in a fixed number of queries. What a course requires is read from its plan
(`enrollment.course_plan`, cached between requests), not from the database again."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from content.models import Competency
from courses import selectors as course_selectors
from courses.models import Enrollment
from courses.requirements import Requirement, RequirementStatus
from lms.plurals import plural_number

from . import selectors
from .calibration import calibrated_raters
from .models import CompetencyAssessment, FollowUp

# How the progress line names the assessment that counted ("… at the endline").
ASSESSMENT_KIND_NAMES = {
    CompetencyAssessment.Kind.ENDLINE: gettext_lazy("endline"),
    CompetencyAssessment.Kind.FOLLOW_UP: gettext_lazy("follow-up assessment"),
}


def format_hours(hours: Decimal) -> str:
    """Hours without needless zeros: 2 → "2", 1.50 → "1.5", 0.75 → "0.75"."""
    hours = Decimal(hours).quantize(Decimal("0.01"))
    text = format(hours.normalize(), "f")
    return number_format(Decimal(text), decimal_pos=None, use_l10n=True)


class PracticeHoursRequirement(Requirement):
    """Approved practice hours for each activity kind the course lists."""

    key = "practice_hours"
    order = 40

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        result: dict[int, list[RequirementStatus]] = {e.pk: [] for e in enrollments}
        course_selectors.attach_course_plans(enrollments)
        requirements_by_course = {e.course_id: e.course_plan.practice_requirements
                                  for e in enrollments if e.course_plan.practice_requirements}
        if not requirements_by_course:
            return result
        approved = selectors.approved_practice_minutes_by_kind(
            [e.pk for e in enrollments if e.course_id in requirements_by_course])
        for enrollment in enrollments:
            for row in requirements_by_course.get(enrollment.course_id, []):
                done = selectors.minutes_to_hours(
                    approved[enrollment.pk].get(row.activity_kind_id, 0))
                target = row.minimum_hours
                result[enrollment.pk].append(RequirementStatus(
                    key=f"practice:{row.activity_kind_id}",
                    label=_("Practice: %(activity)s") % {"activity": row.activity_kind},
                    met=done >= target,
                    progress=ngettext("%(done)s of %(target)s hour approved",
                                      "%(done)s of %(target)s hours approved",
                                      plural_number(target)) % {
                        "done": format_hours(done), "target": format_hours(target)},
                    done=done, target=target,
                ))
        return result


class SupervisionHoursRequirement(Requirement):
    """Hours of supervision received, when the course asks for any."""

    key = "supervision_hours"
    order = 45

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        result: dict[int, list[RequirementStatus]] = {e.pk: [] for e in enrollments}
        course_selectors.attach_course_plans(enrollments)
        required = {e.course_id: e.course_plan.required_supervision_hours for e in enrollments
                    if e.course_plan.required_supervision_hours > 0}
        if not required:
            return result
        received = selectors.supervision_hours(
            [e.pk for e in enrollments if e.course_id in required])
        for enrollment in enrollments:
            target = required.get(enrollment.course_id)
            if target is None:
                continue
            done = received[enrollment.pk]
            result[enrollment.pk].append(RequirementStatus(
                key="supervision_hours",
                label=_("Supervision received"),
                met=done >= target,
                progress=ngettext("%(done)s of %(target)s hour of supervision",
                                  "%(done)s of %(target)s hours of supervision",
                                  plural_number(target)) % {
                    "done": format_hours(done), "target": format_hours(target)},
                done=done, target=target,
            ))
        return result


class CompetencyLevelsRequirement(Requirement):
    """The latest rating of each course competency reaches the required level and does
    not flag harmful behaviour."""

    key = "competency_levels"
    order = 50

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        result: dict[int, list[RequirementStatus]] = {e.pk: [] for e in enrollments}
        course_selectors.attach_course_plans(enrollments)
        by_course = {e.course_id: e.course_plan.competency_requirements
                     for e in enrollments if e.course_plan.competency_requirements}
        if not by_course:
            return result
        latest = selectors.latest_competency_ratings(
            [e.pk for e in enrollments if e.course_id in by_course])
        levels = dict(Competency.Level.choices)
        for enrollment in enrollments:
            for row in by_course.get(enrollment.course_id, []):
                rating = latest[enrollment.pk].get(row.competency_id)
                if rating is None:
                    met, progress, done = False, _("Not rated yet — level %(required)s needed") % {
                        "required": row.required_level}, Decimal(0)
                elif rating.harmful_behaviour:
                    met, done = False, Decimal(rating.level)
                    progress = _("Harmful behaviour flagged at the latest observation — "
                                 "a new observation is needed")
                else:
                    met, done = rating.level >= row.required_level, Decimal(rating.level)
                    progress = _("Rated %(level)s; level %(required)s needed") % {
                        "level": levels.get(rating.level, rating.level),
                        "required": row.required_level}
                result[enrollment.pk].append(RequirementStatus(
                    key=f"competency:{row.competency_id}",
                    label=_("Competency: %(competency)s") % {"competency": row.competency},
                    met=met, progress=progress, done=done,
                    target=Decimal(row.required_level),
                ))
        return result


class CompetencyToolsRequirement(Requirement):
    """For each competency tool of the course: the latest final endline or follow-up
    assessment that counts has every item at the required level or above and no harmful
    behaviour, and no follow-up is open.

    An assessment counts when the course asks nothing of its raters, or when every rater
    has passed calibration on the tool.
    """

    key = "competency_tools"
    order = 55
    KINDS = (CompetencyAssessment.Kind.ENDLINE, CompetencyAssessment.Kind.FOLLOW_UP)

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        result: dict[int, list[RequirementStatus]] = {e.pk: [] for e in enrollments}
        course_selectors.attach_course_plans(enrollments)
        tools_by_course = {e.course_id: e.course_plan.competency_tools for e in enrollments
                           if e.course_plan.competency_tools}
        ids = [e.pk for e in enrollments if e.course_id in tools_by_course]
        if not ids:
            return result
        tool_ids = {row.tool_id for rows in tools_by_course.values() for row in rows}
        items = selectors.tool_items(tool_ids)
        assessments = list(CompetencyAssessment.objects.filter(
            enrollment_id__in=ids, tool_id__in=tool_ids, kind__in=self.KINDS,
            state=CompetencyAssessment.State.FINAL)
            .prefetch_related("raters").order_by("-observed_on", "-finalised_at", "-pk"))
        calibrated = self._calibrated(assessments, tools_by_course, enrollments)
        by_key: dict[tuple[int, int], CompetencyAssessment] = {}
        for assessment in assessments:
            raters = {r.rater_id for r in assessment.raters.all()}
            needs_calibration = calibrated.get(assessment.tool_id)
            if needs_calibration is not None and not raters <= needs_calibration:
                continue
            by_key.setdefault((assessment.enrollment_id, assessment.tool_id), assessment)
        results = selectors.assessment_results(a.pk for a in by_key.values())
        follow_ups: dict[tuple[int, int], list[FollowUp]] = {}
        for follow_up in FollowUp.objects.filter(
                enrollment_id__in=ids, state=FollowUp.State.OPEN).select_related(
                "assessment").order_by("due_on", "pk"):
            follow_ups.setdefault((follow_up.enrollment_id, follow_up.assessment.tool_id),
                                  []).append(follow_up)
        for enrollment in enrollments:
            for row in tools_by_course.get(enrollment.course_id, []):
                result[enrollment.pk].append(self._status(
                    row, items[row.tool_id], by_key.get((enrollment.pk, row.tool_id)),
                    results, follow_ups.get((enrollment.pk, row.tool_id), [])))
        return result

    @staticmethod
    def _calibrated(assessments, tools_by_course, enrollments) -> dict[int, set[int]]:
        """Tool id → raters calibrated on it, for the tools whose course asks for it.
        Three queries per such tool (a course has one or two tools)."""
        courses = {e.course_id for e in enrollments}
        required = {row.tool_id for course_id in courses
                    for row in tools_by_course.get(course_id, []) if row.calibration_required}
        raters: dict[int, set[int]] = {tool_id: set() for tool_id in required}
        for assessment in assessments:
            if assessment.tool_id in raters:
                raters[assessment.tool_id].update(r.rater_id for r in assessment.raters.all())
        return {tool_id: calibrated_raters(tool_id, rater_ids) if rater_ids else set()
                for tool_id, rater_ids in raters.items()}

    def _status(self, row, items, assessment, results, open_follow_ups) -> RequirementStatus:
        tool = row.tool
        target = Decimal(len(items))
        done = Decimal(0)
        if assessment is None:
            met = False
            progress = _("%(tool)s: not assessed at the endline yet — level %(level)s or above "
                         "needed on every item") % {"tool": tool, "level": row.required_level}
        else:
            agreed = results[assessment.pk]
            at_level = sum(1 for c in items if c.pk in agreed
                           and agreed[c.pk].level >= row.required_level
                           and not agreed[c.pk].harmful_behaviours.all())
            done = Decimal(at_level)
            met = at_level == len(items) and not open_follow_ups
            progress = ngettext(
                "%(tool)s: %(done)s of %(count)s item at level %(level)s or above at the "
                "%(kind)s",
                "%(tool)s: %(done)s of %(count)s items at level %(level)s or above at the "
                "%(kind)s", len(items)) % {
                "tool": tool, "done": at_level, "count": len(items),
                "level": row.required_level,
                "kind": str(ASSESSMENT_KIND_NAMES[assessment.kind])}
        if open_follow_ups:
            met = False
            progress = _("Follow-up open: a new observation showing none of the behaviours "
                         "noted is needed (due %(date)s). %(progress)s") % {
                "date": date_format(open_follow_ups[0].due_on), "progress": progress}
        return RequirementStatus(
            key=f"competency_tool:{row.tool_id}",
            label=_("Competency tool: %(tool)s") % {"tool": tool},
            met=met, progress=progress, done=done, target=target)


def register(registry) -> None:
    registry.register(PracticeHoursRequirement())
    registry.register(SupervisionHoursRequirement())
    registry.register(CompetencyLevelsRequirement())
    registry.register(CompetencyToolsRequirement())
