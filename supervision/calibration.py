"""Rater calibration: supervisors rate a reference recording blind, and their ratings are
compared with the experts' reference and with each other's.

A sub-domain of its own (services, selectors and the agreement figures), so that the
statistics sit beside the rules that use them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .models import CalibrationExercise, CalibrationRating, CalibrationReference


def calibrated_raters(tool_id: int, rater_ids: Iterable[int]) -> set[int]:
    """The raters among `rater_ids` who have passed calibration on the tool: on at least
    one revealed exercise of the tool, the share of items they rated within one level of
    the reference reaches the exercise's pass mark. Three queries for any number of
    raters."""
    rater_ids = set(rater_ids)
    if not rater_ids:
        return set()
    exercises = {e.pk: e.pass_threshold for e in CalibrationExercise.objects.filter(
        tool_id=tool_id, state=CalibrationExercise.State.REVEALED)}
    if not exercises:
        return set()
    reference = {(r.exercise_id, r.competency_id): r.level
                 for r in CalibrationReference.objects.filter(exercise_id__in=exercises)}
    items = defaultdict(int)
    for exercise_id, _competency in reference:
        items[exercise_id] += 1
    close = defaultdict(int)
    for rating in CalibrationRating.objects.filter(exercise_id__in=exercises,
                                                  rater_id__in=rater_ids):
        level = reference.get((rating.exercise_id, rating.competency_id))
        if level is not None and abs(level - rating.level) <= 1:
            close[(rating.rater_id, rating.exercise_id)] += 1
    return {rater for (rater, exercise), count in close.items()
            if items[exercise] and 100 * count >= exercises[exercise] * items[exercise]}
