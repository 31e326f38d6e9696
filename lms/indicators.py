"""Programme indicators: the registry the programme pages iterate.

Each layer registers the indicators it knows in its AppConfig.ready() (`courses`:
enrolment and knowledge gain; `supervision`: practice, supervision, competence,
supervisor load; `certificates`: certification). The pages, exports and reports only
iterate `registry`, so no layer imports upwards.

An indicator computes over a *population*: the enrollments a viewer may count, narrowed
by `Filters`. The population queryset is built by `courses.indicators.population`, since
enrollments live there; this module knows only people-level vocabulary (organisations,
consortia, sites, cadres) and the shape of a result.

Every indicator returns a `Table`: one row per value of the requested breakdown (or none),
a total row, and one `Cell` per measure. It must run a bounded number of aggregate
queries whatever the size of the population.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models import QuerySet

# A cell that counts fewer people than this is shown as "fewer than 5" in any view that
# crosses organisations.
SUPPRESSION_THRESHOLD = 5

# The ways a population can be filtered and broken down, in the order pages offer them.
DIMENSIONS: dict[str, Any] = {
    "organisation": _("Organisation"),
    "country": _("Country"),
    "site": _("Site"),
    "curriculum": _("Curriculum"),
    "course": _("Course"),
    "cohort": _("Cohort"),
    "cadre": _("Cadre"),
    "sex": _("Sex"),
    "month": _("Month"),
    "quarter": _("Quarter"),
}


@dataclass(frozen=True)
class Filters:
    """What a viewer narrowed the population to. Empty tuples mean "all"."""

    organisation: tuple[int, ...] = ()
    country: tuple[str, ...] = ()
    site: tuple[int, ...] = ()
    curriculum: tuple[int, ...] = ()
    course: tuple[int, ...] = ()
    cohort: tuple[int, ...] = ()
    cadre: tuple[int, ...] = ()
    sex: tuple[str, ...] = ()
    # The period: events (completions, approvals, ratings…) dated within [start, end].
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Viewer:
    """What one person may count, decided once per request from their roles."""

    user_id: int | None
    # None means every organisation (administrators).
    organisation_ids: frozenset[int] | None
    # Trainers see their own cohorts only; None means no cohort restriction.
    cohort_ids: frozenset[int] | None = None
    # Coordinators: consortium aggregates only, never a person's record.
    aggregates_only: bool = False
    # Cells under SUPPRESSION_THRESHOLD are hidden when the view crosses organisations.
    suppress_small_cells: bool = False


class Kind:
    """What a measure counts; decides its formatting and whether it can be suppressed."""

    PEOPLE = "people"  # a count of trainees or supervisors
    COUNT = "count"  # a count of things (entries, certificates)
    PERCENT = "percent"  # numerator / denominator people, 0–100
    HOURS = "hours"
    DAYS = "days"
    SCORE = "score"  # a mean test score or gain, in percentage points
    LEVEL = "level"  # a mean competency level, 1–4


@dataclass(frozen=True)
class Measure:
    key: str
    label: Any  # lazy translatable string
    kind: str
    # The measure shown on the overview and charted in the trend.
    headline: bool = False


@dataclass
class Cell:
    value: float | int | None
    # For rates and means: how many people the figure is over (the n shown beside it).
    numerator: int | None = None
    denominator: int | None = None
    suppressed: bool = False


@dataclass
class Row:
    key: Any  # the breakdown value (an id, a country code, a date); None for the total
    label: Any
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Table:
    indicator: Indicator
    breakdown: str | None
    measures: Sequence[Measure]
    rows: list[Row]
    total: Row


class Indicator:
    """Base class. Subclasses set the class attributes and implement `compute`."""

    key: str = ""
    name: Any = ""
    # Numerator, denominator and period rule, in words, shown next to the figures.
    definition: Any = ""
    order: int = 100
    measures: Sequence[Measure] = ()

    def compute(self, population: QuerySet, breakdown: str | None,
                filters: Filters) -> Table:
        """The indicator over `population` (an Enrollment queryset), one row per value
        of `breakdown` (a key of DIMENSIONS, or None for the total alone)."""
        raise NotImplementedError

    @property
    def headline(self) -> Measure:
        return next((m for m in self.measures if m.headline), self.measures[0])


@dataclass
class IndicatorRegistry:
    _indicators: dict[str, Indicator] = field(default_factory=dict)

    def register(self, indicator: Indicator) -> Indicator:
        self._indicators[indicator.key] = indicator
        return indicator

    def unregister(self, key: str) -> None:
        self._indicators.pop(key, None)

    @property
    def indicators(self) -> list[Indicator]:
        return sorted(self._indicators.values(), key=lambda i: (i.order, i.key))

    def get(self, key: str) -> Indicator | None:
        return self._indicators.get(key)


registry = IndicatorRegistry()


def viewer_for(user) -> Viewer | None:
    """What `user` may count on the programme pages, or None if they may not see them.

    Programme managers: their organisation. Coordinators: the member organisations of
    the consortia they coordinate, as aggregates with small cells suppressed. Trainers:
    the cohorts they train. Administrators: everything. Trainees and supervisors: nothing.
    A person with several of these roles gets the widest.
    """
    from . import access
    from .models import Organisation
    from .roles import Role

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Viewer(user_id=user.pk, organisation_ids=None,
                      suppress_small_cells=Organisation.objects.count() > 1)
    if access.has_role(user, Role.COORDINATOR):
        organisation_ids = frozenset(Organisation.objects.filter(
            consortia__coordinators=user).values_list("pk", flat=True))
        if organisation_ids:
            return Viewer(user_id=user.pk, organisation_ids=organisation_ids,
                          aggregates_only=True, suppress_small_cells=True)
    organisation_id = access.managed_organisation_id(user)
    if organisation_id:
        return Viewer(user_id=user.pk, organisation_ids=frozenset({organisation_id}))
    if access.has_role(user, Role.TRAINER):
        cohort_ids = frozenset(access.queryset(user, "cohort.teach").values_list("pk", flat=True))
        return Viewer(user_id=user.pk, organisation_ids=None, cohort_ids=cohort_ids)
    return None


# --- pages fallback ---
# Simple versions of the suppression and trend helpers, for the programme pages to call
# before the indicators branch lands; the integrator keeps that branch's versions.

# Kinds whose value is itself a count: suppressed when it counts 1–4.
_COUNTED_KINDS = frozenset({Kind.PEOPLE, Kind.COUNT})


def _small(count) -> bool:
    return count is not None and 0 < count < SUPPRESSION_THRESHOLD


def suppress(table: Table, viewer: Viewer) -> Table:
    """The table with every cell that counts fewer than SUPPRESSION_THRESHOLD people
    marked suppressed (and its value dropped), when the viewer's view crosses
    organisations. A column with a single small cell also loses its next smallest
    cell, so the total minus the other rows cannot give the hidden one back."""
    if not viewer.suppress_small_cells:
        return table
    rows = [*table.rows, table.total]
    for measure in table.measures:
        for row in rows:
            cell = row.cells.get(measure.key)
            if cell is None:
                continue
            if measure.kind in _COUNTED_KINDS:
                small = _small(cell.value)
            else:
                # A rate or a mean over few people tells about each of them.
                small = _small(cell.denominator) or _small(cell.numerator)
            if small:
                cell.suppressed, cell.value = True, None
        if measure.kind not in _COUNTED_KINDS:
            continue
        cells = [row.cells[measure.key] for row in table.rows if measure.key in row.cells]
        hidden = [cell for cell in cells if cell.suppressed]
        shown = sorted((cell for cell in cells if not cell.suppressed and cell.value),
                       key=lambda cell: cell.value)
        if len(hidden) == 1 and shown:
            shown[0].suppressed, shown[0].value = True, None
    return table


def _months_back(today: date, months: int) -> list[date]:
    first = today.replace(day=1)
    starts = []
    for _step in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(starts))


def trend(indicator, population, filters, months=12, today=None) -> Table:
    """The indicator by month over the last `months` months (this one included), one
    row per month, empty months kept so every trend has the same length."""
    import dataclasses

    from django.utils import timezone

    today = today or timezone.localdate()
    starts = _months_back(today, months)
    table = indicator.compute(population, "month",
                              dataclasses.replace(filters, start=starts[0], end=today))
    by_month = {}
    for row in table.rows:
        key = row.key.date() if hasattr(row.key, "date") else row.key
        if key is not None:
            by_month[key.replace(day=1)] = row
    # A month with nothing to count is 0 people, but no rate or mean.
    table.rows = [by_month.get(start) or Row(
        key=start, label=start.strftime("%Y-%m"),
        cells={m.key: Cell(0 if m.kind in _COUNTED_KINDS else None) for m in table.measures})
        for start in starts]
    for row, start in zip(table.rows, starts, strict=True):
        row.key = start
    return table
