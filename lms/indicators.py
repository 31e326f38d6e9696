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

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Aggregate, FloatField
from django.utils import timezone
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
    # Set when the figures were kept from an earlier computation (see the pages' trends).
    computed_at: datetime | None = None


class Indicator:
    """Base class. Subclasses set the class attributes and implement `compute`."""

    key: str = ""
    name: Any = ""
    # Numerator, denominator and period rule, in words, shown next to the figures.
    definition: Any = ""
    order: int = 100
    measures: Sequence[Measure] = ()
    # The breakdowns this indicator can compute; pages offer only these. An indicator
    # whose figure is a snapshot (a window before the period's end, today's assignments)
    # has no event date to put in a month, and leaves month and quarter out.
    breakdowns: tuple[str, ...] = tuple(DIMENSIONS)
    # Measures that are the sum of others in the same row (enrolled = active + completed
    # + withdrawn): suppression treats each such group like a column and its total.
    row_totals: dict[str, tuple[str, ...]] = {}

    def compute(self, population: QuerySet, breakdown: str | None,
                filters: Filters) -> Table:
        """The indicator over `population` (an Enrollment queryset), one row per value
        of `breakdown` (a key of DIMENSIONS, or None for the total alone)."""
        raise NotImplementedError

    # A second table on the indicator's page, by something that is not a dimension of
    # the population (competency by competency): its heading, or "" for none.
    detail_title: Any = ""

    def detail(self, population: QuerySet, filters: Filters) -> Table | None:
        """The second table (rows keyed by what `detail_title` names), or None."""
        return None

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
    A coordinator sees as a coordinator even if they also manage an organisation:
    suppressed aggregates, never the records of one organisation through this role.
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


# --- Medians -----------------------------------------------------------------------


class Median(Aggregate):
    """The median of an expression, computed by the database in the one aggregate query.

    PostgreSQL has percentile_cont; SQLite gets a small aggregate function registered on
    its connection (`_SqliteMedian`), so no backend fetches the rows into Python.
    """

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_aggregate("SANAD_MEDIAN", 1, _SqliteMedian)
        return super().as_sql(compiler, connection, function="SANAD_MEDIAN",
                              template="%(function)s(%(expressions)s)%(filter)s",
                              **extra_context)


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def median(values: Iterable) -> float | None:
    """The median of numbers already fetched (one per person, never one per event)."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# --- Suppression -------------------------------------------------------------------

_SMALL = range(1, SUPPRESSION_THRESHOLD)


def _people_in(cell: Cell, kind: str) -> int | None:
    """How many people a cell is about, or None when it is not about people."""
    if kind == Kind.PEOPLE:
        return int(cell.value) if cell.value is not None else None
    # Rates, means and medians say how many people they are over; so does a COUNT that
    # is a figure per person (trainees per supervisor: over the supervisors).
    return cell.denominator


def _primary(cell: Cell, kind: str) -> bool:
    if cell.value is None and cell.denominator in (None, 0):
        return False
    people = _people_in(cell, kind)
    if people in _SMALL:
        return True
    if kind == Kind.PERCENT and cell.denominator:
        numerator = cell.numerator or 0
        return numerator in _SMALL or (cell.denominator - numerator) in _SMALL
    return False


def _hide(cell: Cell) -> None:
    cell.suppressed = True
    cell.value = cell.numerator = cell.denominator = None


def _complement(cells: list[tuple[Cell, str]], total: tuple[Cell, str] | None) -> None:
    """If exactly one cell of a group is hidden, hide the smallest other one that counts
    somebody, or the total when there is no other; then nothing can be subtracted out."""
    hidden = [cell for cell, _kind in cells if cell.suppressed]
    if len(hidden) != 1:
        return
    others = [(_people_in(cell, kind), id(cell), cell) for cell, kind in cells
              if not cell.suppressed and (_people_in(cell, kind) or 0) > 0]
    if others:
        _hide(min(others)[2])
    elif total is not None and not total[0].suppressed:
        _hide(total[0])


def suppress(table: Table, viewer: Viewer | None) -> Table:
    """Hide the cells that could identify fewer than SUPPRESSION_THRESHOLD people, when
    `viewer.suppress_small_cells` (views that cross organisations); otherwise `table`
    unchanged. The table is changed in place and returned.

    Primary suppression, cell by cell (rows and the total alike):
    - a PEOPLE cell counting 1–4 people;
    - a PERCENT, SCORE, LEVEL, HOURS or DAYS cell over 1–4 people (its denominator);
    - a PERCENT cell whose numerator, or whose denominator minus numerator, is 1–4: 98%
      of 100 says that 2 people did not complete.
    - any other cell that says it is over 1–4 people (a COUNT per person, such as the
      maximum trainees per supervisor over 3 supervisors).
    Zero is never suppressed: "nobody" identifies nobody. COUNT cells of things with no
    denominator (entries waiting for review) are left as they are.

    Complementary suppression, so that a total or a sibling cannot give a hidden cell
    back by subtraction: in each column, if exactly one row's cell is hidden, the
    smallest other row's cell that counts somebody is hidden too; if no other row counts
    anybody, the total's cell is hidden instead. The same applies across a row to the
    measures an indicator declares in `row_totals` (enrolled = active + completed +
    withdrawn). Hidden cells lose their value, numerator and denominator, so nothing
    downstream (a chart, an export) can print them by mistake.
    """
    if viewer is None or not viewer.suppress_small_cells:
        return table
    kinds = {m.key: m.kind for m in table.measures}
    for row in [*table.rows, table.total]:
        for key, cell in row.cells.items():
            if _primary(cell, kinds.get(key, Kind.COUNT)):
                _hide(cell)
    row_totals = getattr(table.indicator, "row_totals", {}) or {}
    # Two passes: hiding a cell across a row can leave one alone in its column.
    for _pass in range(2):
        for key, kind in kinds.items():
            column = [(row.cells[key], kind) for row in table.rows if key in row.cells]
            total = (table.total.cells[key], kind) if key in table.total.cells else None
            _complement(column, total)
        for row in [*table.rows, table.total]:
            for total_key, parts in row_totals.items():
                cells = [(row.cells[k], kinds[k]) for k in parts if k in row.cells]
                total = (row.cells[total_key], kinds[total_key]) \
                    if total_key in row.cells else None
                _complement(cells, total)
    return table


# --- Trend ---------------------------------------------------------------------------


def _month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date) -> date:
    following = _month_start(first, -1)
    return date.fromordinal(following.toordinal() - 1)


def _as_date(key) -> date | None:
    if isinstance(key, datetime):
        return timezone.localtime(key).date() if timezone.is_aware(key) else key.date()
    return key


def trend(indicator: Indicator, population: QuerySet, filters: Filters, months: int = 12,
          today: date | None = None) -> Table:
    """`indicator` month by month over the last `months` months (this one included), one
    row per month in order, a month without events as a row of empty cells.

    An indicator that can break down by month is computed once with that breakdown (its
    usual bounded queries); one that cannot (a snapshot such as "supervised in the last
    30 days") is computed once per month with the period set to that month, which is
    still a fixed number of queries: `months` times its own.
    """
    today = today or timezone.localdate()
    first = _month_start(today, months - 1)
    period = replace(filters, start=first, end=today)
    starts = [_month_start(today, back) for back in range(months - 1, -1, -1)]
    empty = {m.key: Cell(None) for m in indicator.measures}
    if "month" in indicator.breakdowns:
        table = indicator.compute(population, "month", period)
        by_month = {_as_date(row.key): row for row in table.rows if row.key is not None}
        rows = [by_month.get(start) or Row(key=start, label=start.strftime("%Y-%m"),
                                           cells={k: Cell(None) for k in empty})
                for start in starts]
        for row, start in zip(rows, starts, strict=True):
            row.key = start
        total = table.total
    else:
        rows = []
        for start in starts:
            month = replace(filters, start=start, end=min(_month_end(start), today))
            month_total = indicator.compute(population, None, month).total
            rows.append(Row(key=start, label=start.strftime("%Y-%m"),
                            cells=month_total.cells))
        total = indicator.compute(population, None, period).total
    return Table(indicator=indicator, breakdown="month", measures=indicator.measures,
                 rows=rows, total=total)
