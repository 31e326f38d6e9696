"""Rater calibration: supervisors rate a reference recording blind, and their ratings are
compared with the experts' reference and with each other's.

A sub-domain of its own (access rules, services, selectors and the agreement figures),
so that the statistics sit beside the rules that use them.

Who may do what:

* ``calibration.manage`` — lead trainers create, publish and reveal exercises and read
  every rater's result;
* ``calibration.rate`` — supervisors rate open exercises and read their own result once
  the reference is revealed; drafts stay invisible to them. Rating is done in one's own
  name, so it is a personal action (not borrowed by superusers).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import CompetencyTool
from lms import access
from lms.roles import Role
from lms.services import audit_record

from .models import CalibrationExercise, CalibrationRating, CalibrationReference

MANAGE = "calibration.manage"
RATE = "calibration.rate"

# What a reference recording may be: audio or video a phone or browser plays.
RECORDING_TYPES = {
    ".mp4": "video/mp4", ".webm": "video/webm", ".m4v": "video/mp4", ".mov": "video/quicktime",
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg",
    ".wav": "audio/wav",
}
DEFAULT_MAX_RECORDING_BYTES = 500 * 1024 * 1024


def max_recording_bytes() -> int:
    return getattr(settings, "SANAD_CALIBRATION_MAX_BYTES", DEFAULT_MAX_RECORDING_BYTES)


# --- Access ----------------------------------------------------------------------------


def manages_calibration(user):
    return Q() if user.has_role(Role.LEAD_TRAINER) else access.NOTHING


def rates_calibration(user):
    if not user.has_role(Role.SUPERVISOR):
        return access.NOTHING
    return Q(state__in=[CalibrationExercise.State.OPEN, CalibrationExercise.State.REVEALED])


def register_access(registry: access.AccessRegistry) -> None:
    registry.define(MANAGE, CalibrationExercise)
    registry.grant(MANAGE, "lead_trainer", manages_calibration)
    registry.define(RATE, CalibrationExercise, personal=True)
    registry.grant(RATE, "supervisor", rates_calibration)


# --- Agreement and reliability -----------------------------------------------------------


@dataclass
class ItemAgreement:
    competency: object
    level: int | None
    reference: int

    @property
    def exact(self) -> bool:
        return self.level is not None and self.level == self.reference

    @property
    def within_one(self) -> bool:
        return self.level is not None and abs(self.level - self.reference) <= 1


@dataclass
class RaterAgreement:
    """One rater's agreement with the reference over the exercise's items."""

    rater: object
    items: list[ItemAgreement]
    pass_threshold: int

    @property
    def rated(self) -> int:
        return sum(item.level is not None for item in self.items)

    @property
    def exact_percent(self) -> float:
        return _percent(sum(item.exact for item in self.items), len(self.items))

    @property
    def within_one_percent(self) -> float:
        return _percent(sum(item.within_one for item in self.items), len(self.items))

    @property
    def passed(self) -> bool:
        # The same comparison as calibrated_raters, in integers so 4 of 5 meets 80.
        within = sum(item.within_one for item in self.items)
        return bool(self.items) and 100 * within >= self.pass_threshold * len(self.items)


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


@dataclass
class Reliability:
    """Intraclass correlations of a targets × raters table (Shrout & Fleiss 1979), from
    the two-way analysis of variance: MSR between targets (rows, here the items), MSC
    between raters (columns) and MSE the residual."""

    targets: int
    raters: int
    msr: float
    msc: float
    mse: float

    @property
    def icc_2_1(self) -> float | None:
        """Two-way random effects, absolute agreement, single rater."""
        n, k = self.targets, self.raters
        denominator = self.msr + (k - 1) * self.mse + k * (self.msc - self.mse) / n
        return (self.msr - self.mse) / denominator if denominator else None

    @property
    def icc_3_1(self) -> float | None:
        """Two-way mixed effects, consistency, single rater."""
        denominator = self.msr + (self.raters - 1) * self.mse
        return (self.msr - self.mse) / denominator if denominator else None


def reliability(table: list[list[float]]) -> Reliability | None:
    """ICC figures of `table` (one row per target, one column per rater, complete), or
    None when there are fewer than two targets or two raters."""
    n = len(table)
    k = len(table[0]) if table else 0
    if n < 2 or k < 2:
        return None
    grand = sum(map(sum, table)) / (n * k)
    row_means = [sum(row) / k for row in table]
    column_means = [sum(row[j] for row in table) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_columns = n * sum((m - grand) ** 2 for m in column_means)
    ss_total = sum((value - grand) ** 2 for row in table for value in row)
    ss_error = ss_total - ss_rows - ss_columns
    return Reliability(targets=n, raters=k, msr=ss_rows / (n - 1), msc=ss_columns / (k - 1),
                       mse=ss_error / ((n - 1) * (k - 1)))


# --- Selectors ---------------------------------------------------------------------------


def exercise_to_manage(user, pk) -> CalibrationExercise:
    """The exercise for a lead trainer, or 404."""
    return access.get_or_404(user, MANAGE, pk, queryset=CalibrationExercise.objects
                             .select_related("tool", "created_by"))


def exercise_to_rate(user, pk) -> CalibrationExercise:
    """An open or revealed exercise for a supervisor, or 404 (drafts look missing)."""
    return access.get_or_404(user, RATE, pk,
                             queryset=CalibrationExercise.objects.select_related("tool"))


def exercises_to_manage(user):
    return access.queryset(user, MANAGE, CalibrationExercise.objects.select_related("tool"))


def exercises_to_rate(user) -> list[dict]:
    """The exercises a supervisor may rate or has rated, each with whether they rated
    it: two queries."""
    exercises = list(access.queryset(user, RATE, CalibrationExercise.objects
                                     .select_related("tool")))
    rated = set(CalibrationRating.objects.filter(
        rater_id=user.pk, exercise_id__in=[e.pk for e in exercises])
        .values_list("exercise_id", flat=True).distinct())
    return [{"exercise": e, "rated": e.pk in rated} for e in exercises]


def tool_items(tool_id: int) -> list:
    """The tool's competencies in the tool's order, with their harmful behaviours."""
    from content.models import CompetencyToolItem

    return [item.competency for item in CompetencyToolItem.objects.filter(tool_id=tool_id)
            .select_related("competency").prefetch_related("competency__harmful_behaviours")
            .order_by("sort_order", "pk")]


def exercise_items(exercise: CalibrationExercise) -> list:
    """The items of the exercise: the competencies its reference rates, in the tool's
    order (a tool edited later does not change an exercise already rated)."""
    references = {r.competency_id for r in exercise.references.all()}
    return [c for c in tool_items(exercise.tool_id) if c.pk in references]


def rater_ratings(exercise: CalibrationExercise, rater) -> dict[int, CalibrationRating]:
    return {r.competency_id: r for r in CalibrationRating.objects.filter(
        exercise=exercise, rater=rater).prefetch_related("harmful_behaviours")}


def rater_agreement(exercise: CalibrationExercise, rater) -> RaterAgreement | None:
    """The rater's agreement with the revealed reference; None before the reveal or
    when they did not rate."""
    if exercise.state != CalibrationExercise.State.REVEALED:
        return None
    ratings = rater_ratings(exercise, rater)
    if not ratings:
        return None
    references = {r.competency_id: r for r in exercise.references.all()}
    items = [ItemAgreement(competency=c, level=getattr(ratings.get(c.pk), "level", None),
                           reference=references[c.pk].level)
             for c in exercise_items(exercise)]
    return RaterAgreement(rater=rater, items=items, pass_threshold=exercise.pass_threshold)


@dataclass
class CalibrationReport:
    exercise: CalibrationExercise
    items: list
    raters: list[RaterAgreement] = field(default_factory=list)
    reliability: Reliability | None = None
    complete_raters: int = 0

    @property
    def flagged(self) -> list[RaterAgreement]:
        return [r for r in self.raters if not r.passed]


def calibration_report(exercise: CalibrationExercise) -> CalibrationReport:
    """Every rater's agreement with the reference and the group's reliability.

    A fixed number of queries for any number of raters: items, references and ratings
    (with their raters) are each read once.
    """
    from lms.models import User

    items = exercise_items(exercise)
    references = {r.competency_id: r.level for r in
                  CalibrationReference.objects.filter(exercise=exercise)}
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    for rater_id, competency_id, level in CalibrationRating.objects.filter(
            exercise=exercise).values_list("rater_id", "competency_id", "level"):
        levels[rater_id][competency_id] = level
    raters = {u.pk: u for u in User.objects.filter(pk__in=levels).order_by("full_name", "pk")}
    report = CalibrationReport(exercise=exercise, items=items)
    for rater_id, rater in raters.items():
        report.raters.append(RaterAgreement(
            rater=rater, pass_threshold=exercise.pass_threshold,
            items=[ItemAgreement(competency=c, level=levels[rater_id].get(c.pk),
                                 reference=references[c.pk]) for c in items]))
    # Reliability among the raters who rated every item: a complete table is what the
    # two-way analysis of variance needs.
    complete = [rater_id for rater_id in raters
                if all(c.pk in levels[rater_id] for c in items)]
    report.complete_raters = len(complete)
    report.reliability = reliability(
        [[levels[rater_id][c.pk] for rater_id in complete] for c in items])
    return report


def calibrated_raters(tool_id: int, rater_ids: Iterable[int]) -> set[int]:
    """The raters among `rater_ids` who have passed calibration on the tool: on at least
    one revealed exercise of the tool, the share of items they rated within one level of
    the reference reaches the exercise's pass mark. Two queries for any number of raters
    (none when `rater_ids` is empty)."""
    rater_ids = {int(pk) for pk in rater_ids}
    if not rater_ids:
        return set()
    revealed = Q(exercise__tool_id=tool_id,
                 exercise__state=CalibrationExercise.State.REVEALED)
    reference = {}
    thresholds = {}
    for exercise_id, competency_id, level, threshold in CalibrationReference.objects.filter(
            revealed).values_list("exercise_id", "competency_id", "level",
                                  "exercise__pass_threshold"):
        reference[exercise_id, competency_id] = level
        thresholds[exercise_id] = threshold
    if not reference:
        return set()
    items = defaultdict(int)
    for exercise_id, _competency in reference:
        items[exercise_id] += 1
    close = defaultdict(int)
    for rater_id, exercise_id, competency_id, level in CalibrationRating.objects.filter(
            revealed, rater_id__in=rater_ids).values_list(
            "rater_id", "exercise_id", "competency_id", "level"):
        expected = reference.get((exercise_id, competency_id))
        if expected is not None and abs(expected - level) <= 1:
            close[rater_id, exercise_id] += 1
    return {rater for (rater, exercise), count in close.items()
            if 100 * count >= thresholds[exercise] * items[exercise]}


# --- Services ----------------------------------------------------------------------------


@dataclass
class ItemLevel:
    """A level given to one item, with the harmful behaviours ticked (their ids)."""

    competency_id: int
    level: int
    behaviour_ids: frozenset[int] = frozenset()


def _check_item_levels(items: list, levels: Iterable[ItemLevel]) -> list[ItemLevel]:
    """Every item once, levels 1–4, behaviours of that item only, and any behaviour
    making the level 1. Raises ValidationError naming what is wrong."""
    by_item = {}
    for item in levels:
        if item.competency_id in by_item:
            raise ValidationError(_("An item was rated twice."))
        by_item[item.competency_id] = item
    known = {c.pk: c for c in items}
    errors = []
    if set(by_item) - set(known):
        errors.append(_("A rating names an item that is not part of this tool."))
    for competency in items:
        rated = by_item.get(competency.pk)
        if rated is None:
            errors.append(_("Rate every item: %(item)s has no level.")
                          % {"item": competency.localised()})
            continue
        if rated.level not in (1, 2, 3, 4):
            errors.append(_("%(item)s: the level must be between 1 and 4.")
                          % {"item": competency.localised()})
        allowed = {b.pk for b in competency.harmful_behaviours.all()}
        if set(rated.behaviour_ids) - allowed:
            errors.append(_("%(item)s: a harmful behaviour ticked belongs to another item.")
                          % {"item": competency.localised()})
        elif rated.behaviour_ids and rated.level != 1:
            errors.append(_("%(item)s: a harmful behaviour was ticked, so the level must be "
                            "1 (potentially harmful).") % {"item": competency.localised()})
    if errors:
        raise ValidationError(errors)
    return [by_item[c.pk] for c in items]


@transaction.atomic
def calibration_exercise_create(*, author, tool: CompetencyTool, title: str,
                                instructions: str = "", recording=None, recording_url: str = "",
                                pass_threshold: int = 80,
                                references: Iterable[ItemLevel]) -> CalibrationExercise:
    """A draft exercise with the experts' reference level (and behaviours) on every item
    of the tool. Only lead trainers create exercises."""
    if not access.has_role(author, Role.LEAD_TRAINER):
        raise PermissionDenied
    if not recording and not recording_url:
        raise ValidationError(_("Upload the recording or give a link to it."))
    if not 1 <= int(pass_threshold) <= 100:
        raise ValidationError(_("The pass mark is a percentage between 1 and 100."))
    if tool.locale.language_code != settings.LANGUAGE_CODE:
        raise ValidationError(_("Choose the tool itself, not one of its translations."))
    items = tool_items(tool.pk)
    if not items:
        raise ValidationError(_("This tool has no items to rate."))
    checked = _check_item_levels(items, references)
    exercise = CalibrationExercise(tool=tool, title=title, instructions=instructions,
                                   recording_url=recording_url,
                                   pass_threshold=pass_threshold, created_by=author)
    if recording:
        exercise.recording.save(os.path.basename(recording.name), recording, save=False)
    exercise.save()
    for rated in checked:
        reference = CalibrationReference.objects.create(
            exercise=exercise, competency_id=rated.competency_id, level=rated.level)
        if rated.behaviour_ids:
            reference.harmful_behaviours.set(rated.behaviour_ids)
    return exercise


@transaction.atomic
def calibration_exercise_publish(*, exercise: CalibrationExercise,
                                 actor) -> CalibrationExercise:
    """Open a draft exercise to supervisors' blind ratings (audited)."""
    exercise = access.get_or_404(actor, MANAGE, exercise.pk,
                                 queryset=CalibrationExercise.objects.select_for_update())
    if exercise.state != CalibrationExercise.State.DRAFT:
        raise ValidationError(_("This exercise is already published."))
    exercise.state = CalibrationExercise.State.OPEN
    exercise.published_at = timezone.now()
    exercise.save(update_fields=["state", "published_at"])
    audit_record(actor=actor, action="calibration.publish", target=exercise,
                 tool=exercise.tool_id, pass_threshold=exercise.pass_threshold)
    return exercise


@transaction.atomic
def calibration_exercise_reveal(*, exercise: CalibrationExercise,
                                actor) -> CalibrationExercise:
    """Show the reference to the raters and close rating (audited)."""
    exercise = access.get_or_404(actor, MANAGE, exercise.pk,
                                 queryset=CalibrationExercise.objects.select_for_update())
    if exercise.state != CalibrationExercise.State.OPEN:
        raise ValidationError(_("Only an exercise open for rating can be revealed."))
    exercise.state = CalibrationExercise.State.REVEALED
    exercise.revealed_at = timezone.now()
    exercise.save(update_fields=["state", "revealed_at"])
    raters = CalibrationRating.objects.filter(exercise=exercise).values("rater_id").distinct()
    audit_record(actor=actor, action="calibration.reveal", target=exercise,
                 raters=raters.count())
    return exercise


def calibration_rating_submit(*, exercise: CalibrationExercise, rater,
                              ratings: Iterable[ItemLevel]) -> list[CalibrationRating]:
    """Record a supervisor's blind rating of every item, once. Refused, with nothing
    saved, once the reference is revealed, on a second submission, or with a level or
    behaviour that does not fit the item."""
    try:
        with transaction.atomic():
            # Locked, so a reveal cannot slip between the check and the write.
            exercise = access.get_or_404(rater, RATE, exercise.pk,
                                         queryset=CalibrationExercise.objects
                                         .select_for_update())
            if exercise.state == CalibrationExercise.State.REVEALED:
                raise ValidationError(_("The reference has already been revealed, so this "
                                        "exercise no longer takes ratings. Nothing was "
                                        "saved."))
            if CalibrationRating.objects.filter(exercise=exercise, rater=rater).exists():
                raise ValidationError(_("You have already rated this exercise; a rating "
                                        "cannot be changed. Nothing was saved."))
            checked = _check_item_levels(exercise_items(exercise), ratings)
            saved = []
            for rated in checked:
                rating = CalibrationRating.objects.create(
                    exercise=exercise, rater=rater, competency_id=rated.competency_id,
                    level=rated.level)
                if rated.behaviour_ids:
                    rating.harmful_behaviours.set(rated.behaviour_ids)
                saved.append(rating)
            return saved
    except IntegrityError:
        # The same rater submitting twice at once: the second meets the unique index.
        raise ValidationError(_("You have already rated this exercise; a rating cannot be "
                                "changed. Nothing was saved.")) from None

