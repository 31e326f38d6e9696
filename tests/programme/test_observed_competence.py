"""The observed-competence indicator (structured assessments) on a population whose
figures are counted by hand in the comments. The period is the first quarter of 2026."""

import datetime

import pytest

from content.models import (
    CompetencyTool,
    CompetencyToolItem,
    CourseCompetencyTool,
    HarmfulBehaviour,
)
from courses.indicators import population
from lms.indicators import registry
from supervision.models import CompetencyAssessment, ItemResult
from tests.factories import SupervisorFactory
from tests.programme.conftest import EVERYTHING, Q1
from tests.programme.test_indicators import compute, denominators, values

Kind = CompetencyAssessment.Kind


@pytest.fixture
def observed(world):
    listening, safety = (row.competency for row in world.competencies)
    listening_harm = HarmfulBehaviour.objects.create(competency=listening,
                                                     description="Interrupts to advise")
    safety_harm = HarmfulBehaviour.objects.create(competency=safety,
                                                  description="Promises secrecy about risk")
    tool = CompetencyTool.objects.create(name="Helping skills observation")
    for competency in (listening, safety):
        CompetencyToolItem.objects.create(tool=tool, competency=competency)
    CourseCompetencyTool.objects.create(course=world.course, tool=tool, required_level=3)
    supervisor = SupervisorFactory()

    def assess(enrollment, kind, day, listening_level, safety_level, harmful=(),
               state=CompetencyAssessment.State.FINAL):
        assessment = CompetencyAssessment.objects.create(
            enrollment=enrollment, tool=tool, kind=kind,
            observation_type=CompetencyAssessment.ObservationType.LIVE_SESSION,
            observed_on=datetime.date.fromisoformat(day), state=state, created_by=supervisor,
            finalised_by=supervisor if state == "final" else None,
            finalised_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
            if state == "final" else None)
        for competency, level in ((listening, listening_level), (safety, safety_level)):
            result = ItemResult.objects.create(assessment=assessment, competency=competency,
                                               level=level)
            result.harmful_behaviours.set([b for b in harmful if b.competency_id == competency.pk])
        return assessment

    a, b = world.cohort_a, world.cohort_b
    e1 = world.enrol(a, sex="female")
    assess(e1, Kind.BASELINE, "2026-01-10", 2, 1, harmful=[safety_harm])
    assess(e1, Kind.ENDLINE, "2026-03-01", 3, 4)
    e2 = world.enrol(a, sex="male")
    assess(e2, Kind.BASELINE, "2026-01-12", 3, 3)
    assess(e2, Kind.ENDLINE, "2026-02-20", 1, 3, harmful=[listening_harm])
    assess(e2, Kind.FOLLOW_UP, "2026-03-20", 3, 3)  # the latest: clean and competent
    e3 = world.enrol(b, sex="female")
    assess(e3, Kind.BASELINE, "2026-02-01", 1, 2)
    assess(e3, Kind.ENDLINE, "2026-03-01", 4, 4, state=CompetencyAssessment.State.CONSENSUS)
    assess(e3, Kind.ENDLINE, "2026-04-10", 4, 4)  # after the period
    e4 = world.enrol(b, sex="female")
    assess(e4, Kind.ENDLINE, "2026-03-15", 2, 1, harmful=[safety_harm])  # no baseline
    e5 = world.enrol(a, sex="female")
    assess(e5, Kind.BASELINE, "2025-12-01", 1, 2, harmful=[listening_harm])  # before Q1
    assess(e5, Kind.ENDLINE, "2026-02-01", 4, 3)
    return world


def test_observed_competence_in_the_period(observed):
    table = compute("observed_competence")
    # Endline or follow-up in Q1: e1, e2, e4, e5 (e3's is unagreed, then after Q1).
    # Competent on every item at the latest: e1, e2 (its follow-up), e5 → 3 of 4.
    # Baseline in Q1: e1, e2, e3; harmful at it: e1 → 1 of 3.
    # Harmful at the latest endline: e4 → 1 of 4.
    # Change (latest after baseline − baseline): e1 +1 +3, e2 0 0, e5 +3 +1 → 8 / 6.
    assert values(table) == {"endline": 4, "competent": 75.0, "harmful_baseline": 33.3,
                             "harmful_endline": 25.0, "change": 1.33}
    assert denominators(table)["change"] == 3
    assert denominators(table)["harmful_baseline"] == 3


def test_observed_competence_by_site(observed):
    table = compute("observed_competence", "site")
    # Shatila (e1, e2, e5): 3 of 3 competent; harmful at baseline 1 of 2; none at endline.
    assert values(table, observed.site_a.pk) == {
        "endline": 3, "competent": 100.0, "harmful_baseline": 50.0, "harmful_endline": 0.0,
        "change": 1.33}
    # Zaatari (e3, e4): e4 short and harmful; e3's baseline clean; no pair with a change.
    assert values(table, observed.site_b.pk) == {
        "endline": 1, "competent": 0.0, "harmful_baseline": 0.0, "harmful_endline": 100.0,
        "change": None}


def test_observed_competence_costs_the_same_at_two_sizes(observed, django_assert_num_queries):
    indicator = registry.get("observed_competence")
    # Two grouped queries per figure set, and one for the sites' names.
    with django_assert_num_queries(5):
        indicator.compute(population(EVERYTHING, Q1), "site", Q1)
    for _ in range(5):
        observed.enrol(observed.cohort_a)
    with django_assert_num_queries(5):
        indicator.compute(population(EVERYTHING, Q1), "site", Q1)


def test_observed_competence_item_by_item(observed):
    listening, safety = (row.competency for row in observed.competencies)
    table = registry.get("observed_competence").detail(population(EVERYTHING, Q1), Q1)
    rows = {row.key: {k: c.value for k, c in row.cells.items()} for row in table.rows}
    # Listening: e1 2→3, e2 3→3, e5 1→4: baseline 6/3 = 2.0, latest 10/3, change 4/3.
    assert rows[listening.pk] == {"baseline": 2.0, "latest": 3.33, "change": 1.33}
    # Safety: e1 1→4, e2 3→3, e5 2→3: baseline 2.0, latest 10/3, change 4/3.
    assert rows[safety.pk] == {"baseline": 2.0, "latest": 3.33, "change": 1.33}
    assert {k: c.value for k, c in table.total.cells.items()} == {
        "baseline": 2.0, "latest": 3.33, "change": 1.33}
    assert table.total.cells["change"].denominator == 3


def test_the_indicator_page_shows_the_item_table_to_a_programme_manager(observed, client):
    from django.urls import reverse

    from tests.factories import ManagerFactory

    manager = ManagerFactory(organisation=observed.org_a)
    client.force_login(manager)
    url = reverse("programme:indicator", args=["observed_competence"])
    html = client.get(url).content.decode()
    assert "Competent at endline on every item" in html
    assert "<caption>Item</caption>" in html and "Active listening" in html
