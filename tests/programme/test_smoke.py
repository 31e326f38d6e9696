"""Every registered indicator computes with every breakdown it declares, on an empty
population and on a populated one, without a server error."""

import pytest

from courses.indicators import population
from lms.indicators import DIMENSIONS, registry, trend
from tests.programme.conftest import EVERYTHING, Q1


def test_the_registry_holds_every_indicator_of_the_issue(db):
    assert [i.key for i in registry.indicators] == [
        "enrolment", "knowledge_gain", "practice", "supervision", "competence",
        "observed_competence",
        "supervisor_load", "certification"]
    for indicator in registry.indicators:
        assert indicator.definition and indicator.name
        assert sum(m.headline for m in indicator.measures) == 1
        assert set(indicator.breakdowns) <= set(DIMENSIONS)


@pytest.mark.parametrize("indicator", registry.indicators, ids=lambda i: i.key)
def test_every_breakdown_computes(world, indicator):
    world.enrol(world.cohort_a)
    pop = population(EVERYTHING, Q1)
    for breakdown in (None, *indicator.breakdowns):
        table = indicator.compute(pop, breakdown, Q1)
        assert set(table.total.cells) == {m.key for m in indicator.measures}
        for row in table.rows:
            assert set(row.cells) == {m.key for m in indicator.measures}
    assert len(trend(indicator, pop, Q1).rows) == 12
