"""Small-cell suppression: a cell of fewer than 5 people, and any cell or total that
would give it back by subtraction, are hidden when the view crosses organisations."""

import pytest

from courses.indicators import population
from lms.indicators import Cell, Indicator, Kind, Measure, Row, Table, Viewer, registry, suppress
from tests.programme.conftest import Q1
from tests.programme.helpers import attempt

CROSSING = Viewer(user_id=1, organisation_ids=frozenset({1, 2}), aggregates_only=True,
                  suppress_small_cells=True)
ONE_ORGANISATION = Viewer(user_id=1, organisation_ids=frozenset({1}))


class Enrolled(Indicator):
    key = "test_enrolled"
    measures = (Measure("enrolled", "Enrolled", Kind.PEOPLE),
                Measure("active", "Active", Kind.PEOPLE),
                Measure("completed", "Completed", Kind.PEOPLE),
                Measure("rate", "Rate", Kind.PERCENT, headline=True),
                Measure("entries", "Entries", Kind.COUNT))


def table(rows, total, indicator=None):
    indicator = indicator or Enrolled()
    return Table(indicator=indicator, breakdown="site", measures=indicator.measures,
                 rows=[Row(key=i, label=str(i), cells=cells) for i, cells in enumerate(rows)],
                 total=Row(key=None, label="Total", cells=total))


def people(*values):
    return [{"enrolled": Cell(v)} for v in values]


def shown(row, key="enrolled"):
    return None if row.cells[key].suppressed else row.cells[key].value


def test_a_cell_of_four_is_hidden_with_the_smallest_other_so_the_total_cannot_reveal_it():
    # 10 + 6 + 4 = 20: hiding only the 4 would leave 20 − 10 − 6 = 4 readable.
    result = suppress(table(people(10, 6, 4), {"enrolled": Cell(20)}), CROSSING)
    assert [shown(row) for row in result.rows] == [10, None, None]
    assert shown(result.total) == 20
    hidden = result.rows[2].cells["enrolled"]
    assert hidden.value is None and hidden.suppressed  # nothing left to print by mistake


def test_a_lone_small_row_hides_the_total_that_would_reveal_it():
    # One row besides the total and nobody elsewhere: the total must go too.
    result = suppress(table(people(4, 0), {"enrolled": Cell(9)}), CROSSING)
    assert [shown(row) for row in result.rows] == [None, 0]
    assert shown(result.total) is None


def test_zero_and_five_are_shown_and_a_small_total_is_hidden():
    result = suppress(table(people(5, 0), {"enrolled": Cell(5)}), CROSSING)
    assert [shown(row) for row in result.rows] == [5, 0]
    assert shown(result.total) == 5
    result = suppress(table(people(3, 0), {"enrolled": Cell(3)}), CROSSING)
    assert shown(result.total) is None


def test_two_small_cells_need_no_third():
    result = suppress(table(people(10, 3, 2), {"enrolled": Cell(15)}), CROSSING)
    assert [shown(row) for row in result.rows] == [10, None, None]
    assert shown(result.total) == 15


@pytest.mark.parametrize(("numerator", "denominator", "hidden"), [
    (50, 100, False),
    (98, 100, True),  # reveals that 2 did not complete
    (2, 100, True),  # reveals the 2 who did
    (0, 100, False),
    (100, 100, False),
    (4, 4, True),  # over fewer than 5 people
    (3, 10, True),
    (5, 10, False),
])
def test_a_rate_is_hidden_when_either_side_of_it_is_small(numerator, denominator, hidden):
    cell = Cell(round(100 * numerator / denominator, 1), numerator=numerator,
                denominator=denominator)
    result = suppress(table([{"rate": cell}], {"rate": Cell(None)}), CROSSING)
    assert result.rows[0].cells["rate"].suppressed is hidden


def test_a_mean_over_four_people_is_hidden_and_counts_of_things_are_not():
    indicator = Enrolled()
    indicator.measures = (*indicator.measures, Measure("score", "Score", Kind.SCORE))
    rows = [{"score": Cell(72.5, denominator=4), "entries": Cell(3)},
            {"score": Cell(60.0, denominator=12), "entries": Cell(40)}]
    result = suppress(table(rows, {"score": Cell(63.0, denominator=16), "entries": Cell(43)},
                            indicator), CROSSING)
    assert result.rows[0].cells["score"].suppressed
    assert result.rows[1].cells["score"].suppressed  # its complement
    assert not result.total.cells["score"].suppressed
    assert [row.cells["entries"].value for row in result.rows] == [3, 40]


def test_a_row_total_cannot_reveal_its_parts():
    indicator = Enrolled()
    indicator.row_totals = {"enrolled": ("active", "completed")}
    rows = [{"enrolled": Cell(20), "active": Cell(3), "completed": Cell(17)},
            {"enrolled": Cell(30), "active": Cell(10), "completed": Cell(20)}]
    total = {"enrolled": Cell(50), "active": Cell(13), "completed": Cell(37)}
    result = suppress(table(rows, total, indicator), CROSSING)
    # Row 0: active 3 hidden; enrolled − completed would give it back, so completed goes;
    # each column then has one hidden cell, so row 1's smallest goes as well.
    assert shown(result.rows[0], "active") is None
    assert shown(result.rows[0], "completed") is None
    assert shown(result.rows[1], "active") is None
    assert shown(result.rows[1], "completed") is None
    assert shown(result.total, "enrolled") == 50


def test_nothing_is_hidden_within_one_organisation():
    result = suppress(table(people(10, 6, 4), {"enrolled": Cell(20)}), ONE_ORGANISATION)
    assert [shown(row) for row in result.rows] == [10, 6, 4]
    assert suppress(table(people(4), {"enrolled": Cell(4)}), None).total.cells[
        "enrolled"].value == 4


def test_a_real_table_seen_by_a_coordinator(world):
    # Knowledge gain by site: 6 trainees tested at Shatila, 4 at Zaatari.
    for _ in range(6):
        enrollment = world.enrol(world.cohort_a)
        attempt(enrollment, "pre", 40, "2026-01-06")
        attempt(enrollment, "post", 80, "2026-02-06")
    for _ in range(4):
        enrollment = world.enrol(world.cohort_b)
        attempt(enrollment, "pre", 40, "2026-01-06")
        attempt(enrollment, "post", 50, "2026-02-06")
    indicator = registry.get("knowledge_gain")
    coordinator = Viewer(user_id=None, aggregates_only=True, suppress_small_cells=True,
                         organisation_ids=frozenset({world.org_a.pk, world.org_b.pk}))
    pop = population(coordinator, Q1)
    result = suppress(indicator.compute(pop, "site", Q1), coordinator)
    zaatari = next(row for row in result.rows if row.key == world.site_b.pk)
    shatila = next(row for row in result.rows if row.key == world.site_a.pk)
    assert all(cell.suppressed for cell in zaatari.cells.values())
    # Shatila's 6 would give Zaatari's 4 back from the total of 10.
    assert shatila.cells["tested"].suppressed
    assert result.total.cells["tested"].value == 10


def test_a_figure_per_supervisor_over_few_supervisors_is_hidden():
    indicator = registry.get("supervisor_load")
    rows = [{"supervisors": Cell(1), "trainees_max": Cell(9, denominator=1),
             "pending_max": Cell(4, denominator=1)},
            {"supervisors": Cell(8), "trainees_max": Cell(12, denominator=8),
             "pending_max": Cell(6, denominator=8)}]
    total = {"supervisors": Cell(9), "trainees_max": Cell(12, denominator=9),
             "pending_max": Cell(6, denominator=9)}
    result = suppress(table(rows, total, indicator), CROSSING)
    assert all(cell.suppressed for cell in result.rows[0].cells.values())
    assert result.total.cells["trainees_max"].value == 12
