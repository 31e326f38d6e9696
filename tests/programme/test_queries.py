"""Every indicator runs a fixed number of queries, the same for 6 trainees as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.indicators import population
from lms.indicators import registry
from supervision.models import PracticeEntry, SupervisorAssignment
from tests.programme.conftest import EVERYTHING, Q1, at
from tests.programme.helpers import attempt, certificate, entry, event, rating, session

S = PracticeEntry.State
# Queries with no breakdown, and by site (the grouped query, its total and the labels).
PINNED = {
    "enrolment": (1, 3),
    "knowledge_gain": (1, 3),
    "practice": (4, 8),
    "supervision": (1, 3),
    "competence": (2, 5),
    "supervisor_load": (1, 2),  # one query for both sources, and the labels
    "certification": (1, 3),
}


def grow(world, supervisor, count):
    """`count` more trainees with every kind of event, alternating between the sites."""
    c1, c2 = world.competencies
    for n in range(count):
        cohort = world.cohort_a if n % 2 else world.cohort_b
        e = world.enrol(cohort, sex="female" if n % 3 else "male")
        attempt(e, "pre", 40, "2026-01-06")
        attempt(e, "post", 70 + n % 3, "2026-02-06")
        x = entry(e, approved="2026-02-10", approver=supervisor)
        entry(e, minutes=30 + n, approved="2026-03-10", approver=supervisor)
        entry(e, state=S.SUBMITTED, date="2026-03-20", submitted="2026-03-21")
        event(x, e.trainee, S.DRAFT, S.SUBMITTED, at("2026-02-08"))
        event(x, supervisor, S.SUBMITTED, S.APPROVED, at("2026-02-10"))
        session(supervisor, "2026-03-25", 60, e)
        rating(e, c1, 2, "2026-01-20", supervisor)
        rating(e, c1, 3, "2026-03-01", supervisor)
        rating(e, c2, 3 + n % 2, "2026-03-02", supervisor)
        certificate(e, "2026-03-15", expires="2028-03-15", revoked=n == 3)
        SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=e)


def queries(key, breakdown):
    with CaptureQueriesContext(connection) as captured:
        registry.get(key).compute(population(EVERYTHING, Q1), breakdown, Q1)
    return len(captured.captured_queries)


@pytest.mark.parametrize("key", list(PINNED))
def test_query_count_does_not_grow_with_the_population(world, supervisor, key,
                                                       django_assert_num_queries):
    grow(world, supervisor, 6)
    small = (queries(key, None), queries(key, "site"))
    grow(world, supervisor, 24)
    for breakdown, pinned in zip((None, "site"), PINNED[key], strict=True):
        with django_assert_num_queries(pinned):
            table = registry.get(key).compute(population(EVERYTHING, Q1), breakdown, Q1)
        if breakdown:
            assert len([row for row in table.rows if row.key is not None]) == 2
    assert small == PINNED[key]
