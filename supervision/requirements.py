"""What supervised practice adds to a course's completion, registered with the course
requirement registry in SupervisionConfig.ready(). Each requirement evaluates a batch of
enrollments in a fixed number of queries. What a course requires is read from its plan
(`enrollment.course_plan`, cached between requests), not from the database again."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content.models import Competency
from courses import selectors as course_selectors
from courses.models import Enrollment
from courses.requirements import Requirement, RequirementStatus
from lms.plurals import plural_number

from . import selectors


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


def register(registry) -> None:
    registry.register(PracticeHoursRequirement())
    registry.register(SupervisionHoursRequirement())
    registry.register(CompetencyLevelsRequirement())
