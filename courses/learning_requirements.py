"""The learning requirements `courses` registers: lessons completed and post-test passed.

Both read the batch through `selectors.prefetch_learning`, so evaluating them for any
number of enrollments costs a fixed number of queries, and a page that has already
prefetched pays nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content.models import AssessmentPage

from . import selectors
from .models import Enrollment
from .requirements import Requirement, RequirementStatus


class LessonsRequirement(Requirement):
    """Every lesson not marked optional has been marked complete."""

    key = "lessons"
    order = 10

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        selectors.prefetch_learning(enrollments)
        result: dict[int, list[RequirementStatus]] = {}
        for enrollment in enrollments:
            required = enrollment.course_plan.required_lesson_keys
            if not required:
                # A course with no lessons yet asks nothing of the trainee here.
                result[enrollment.pk] = []
                continue
            done = len(required & enrollment.lesson_keys_done)
            total = len(required)
            result[enrollment.pk] = [RequirementStatus(
                key=self.key, label=_("Lessons"), met=done >= total,
                progress=ngettext("%(done)d of %(total)d lesson completed",
                                  "%(done)d of %(total)d lessons completed", total)
                % {"done": done, "total": total},
                done=Decimal(done), target=Decimal(total))]
        return result


class PostTestRequirement(Requirement):
    """The course's post-test is passed (when the course has one)."""

    key = "post_test"
    order = 20

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        selectors.prefetch_learning(enrollments)
        result: dict[int, list[RequirementStatus]] = {}
        for enrollment in enrollments:
            post_test = enrollment.course_plan.post_test
            if post_test is None:
                result[enrollment.pk] = []
                continue
            summary = enrollment.attempts_by_key.get(post_test.translation_key)
            if summary is None:
                progress = _("Not attempted yet — pass mark %(mark)d%%") % {
                    "mark": post_test.pass_mark}
            elif summary.passed:
                progress = _("Passed with %(score)s%%") % {
                    "score": number_format(summary.best_score, decimal_pos=None)}
            else:
                progress = ngettext(
                    "Best score %(score)s%% of %(mark)d%% needed — %(count)d attempt used",
                    "Best score %(score)s%% of %(mark)d%% needed — %(count)d attempts used",
                    summary.count) % {"score": number_format(summary.best_score),
                                      "mark": post_test.pass_mark, "count": summary.count}
            result[enrollment.pk] = [RequirementStatus(
                # The kind, not the page title: the checklist reads in the trainee's
                # language whichever translation they enrolled in.
                key=self.key, label=str(AssessmentPage.Kind.POST_TEST.label),
                met=bool(summary and summary.passed), progress=progress,
                done=summary.best_score if summary else Decimal(0),
                target=Decimal(post_test.pass_mark))]
        return result


def register(registry) -> None:
    registry.register(LessonsRequirement())
    registry.register(PostTestRequirement())
