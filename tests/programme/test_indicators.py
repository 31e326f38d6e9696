"""Each indicator on a small population whose figures are counted by hand in the
comments: numerator and denominator written out, one breakdown by site and one by sex,
and an event outside the period (the first quarter of 2026) that must not count."""

import datetime

import pytest

from courses.indicators import population
from lms.indicators import registry
from supervision.models import PracticeEntry
from tests.programme.conftest import EVERYTHING, Q1, at
from tests.programme.helpers import attempt, certificate, entry, event, rating, session

S = PracticeEntry.State


def values(table, row_key=None):
    """{measure: value} of the total (row_key None) or of the row keyed row_key."""
    row = table.total if row_key is None else next(r for r in table.rows if r.key == row_key)
    return {key: cell.value for key, cell in row.cells.items()}


def denominators(table, row_key=None):
    row = table.total if row_key is None else next(r for r in table.rows if r.key == row_key)
    return {key: cell.denominator for key, cell in row.cells.items()}


def compute(key, breakdown=None, filters=Q1, **kwargs):
    return registry.get(key).compute(population(EVERYTHING, filters), breakdown, filters,
                                     **kwargs)


# --- Knowledge gain -----------------------------------------------------------------

@pytest.fixture
def tested(world):
    a, b = world.cohort_a, world.cohort_b
    t1 = world.enrol(a, sex="female")
    attempt(t1, "pre", 40, "2026-01-06")  # the first pre-test counts …
    attempt(t1, "pre", 60, "2026-01-07")  # … not a later one
    attempt(t1, "post", 70, "2026-02-09")
    attempt(t1, "post", 80, "2026-02-10")  # the best post-test: gain 40
    t2 = world.enrol(a, sex="male")
    attempt(t2, "pre", 50, "2026-01-06")
    attempt(t2, "post", 50, "2026-03-01")  # gain 0: not improved
    t3 = world.enrol(b, sex="female")
    attempt(t3, "pre", 30, "2026-01-06")
    attempt(t3, "post", 60, "2026-01-20")  # gain 30
    t4 = world.enrol(b, sex="female")
    attempt(t4, "pre", 20, "2026-01-06")  # no post-test: left out
    t5 = world.enrol(a, sex="female")
    attempt(t5, "pre", 20, "2026-01-06")
    attempt(t5, "post", 90, "2026-04-15")  # post-test after the period: left out
    t6 = world.enrol(a, sex="male")
    attempt(t6, "post", 90, "2026-02-15")  # no pre-test: left out
    return world


def test_knowledge_gain_counts_trainees_with_both_tests_in_the_period(tested):
    table = compute("knowledge_gain")
    # n = t1, t2, t3. Pre (40+50+30)/3 = 40; post (80+50+60)/3 = 63.3; gain 23.3;
    # improved: t1 and t3 of 3 = 66.7 %.
    assert values(table) == {"tested": 3, "pre": 40.0, "post": 63.3, "gain": 23.3,
                             "improved": 66.7}
    assert denominators(table)["gain"] == 3
    assert (table.total.cells["improved"].numerator,
            table.total.cells["improved"].denominator) == (2, 3)


def test_knowledge_gain_by_site(tested):
    table = compute("knowledge_gain", "site")
    # Shatila: t1, t2 → pre 45, post 65, gain 20, improved 1 of 2. Zaatari: t3.
    assert values(table, tested.site_a.pk) == {"tested": 2, "pre": 45.0, "post": 65.0,
                                               "gain": 20.0, "improved": 50.0}
    assert values(table, tested.site_b.pk) == {"tested": 1, "pre": 30.0, "post": 60.0,
                                               "gain": 30.0, "improved": 100.0}
    assert {row.label for row in table.rows} == {"Shatila centre", "Zaatari clinic"}


def test_knowledge_gain_by_sex(tested):
    table = compute("knowledge_gain", "sex")
    # Women: t1, t3 → pre 35, post 70, gain 35, both improved. Men: t2 → 50, 50, 0.
    assert values(table, "female") == {"tested": 2, "pre": 35.0, "post": 70.0, "gain": 35.0,
                                       "improved": 100.0}
    assert values(table, "male") == {"tested": 1, "pre": 50.0, "post": 50.0, "gain": 0.0,
                                     "improved": 0.0}


def test_knowledge_gain_by_month_of_the_post_test(tested):
    table = compute("knowledge_gain", "month")
    # January: t3; February: t1; March: t2.
    assert {row.key: row.cells["tested"].value for row in table.rows} == {
        datetime.date(2026, 1, 1): 1, datetime.date(2026, 2, 1): 1,
        datetime.date(2026, 3, 1): 1}


# --- Practice -----------------------------------------------------------------------

@pytest.fixture
def practised(world, supervisor):
    a, b = world.cohort_a, world.cohort_b
    e1 = world.enrol(a, sex="female")
    x = entry(e1, minutes=120, approved="2026-01-10", approver=supervisor)
    entry(e1, minutes=60, approved="2026-02-10", approver=supervisor)
    old = entry(e1, minutes=600, date="2025-12-10", approved="2025-12-20", approver=supervisor)
    entry(e1, state=S.SUBMITTED, minutes=30, submitted="2026-03-01")  # waiting
    e2 = world.enrol(a, sex="male")
    entry(e2, minutes=60, approved="2026-03-15", approver=supervisor)
    entry(e2, state=S.SUBMITTED, submitted="2026-04-02")  # submitted after the period
    e3 = world.enrol(b, sex="female")
    y = entry(e3, minutes=240, approved="2026-02-07", approver=supervisor)
    entry(e3, minutes=60, approved="2026-02-02", approver=supervisor)
    # Decisions: x 2 days after submission; y returned after 1 day, approved 4 days
    # after it was sent again; the December decision is outside the period.
    event(x, e1.trainee, S.DRAFT, S.SUBMITTED, at("2026-01-08"))
    event(x, supervisor, S.SUBMITTED, S.APPROVED, at("2026-01-10"))
    event(y, e3.trainee, S.DRAFT, S.SUBMITTED, at("2026-02-01"))
    event(y, supervisor, S.SUBMITTED, S.RETURNED, at("2026-02-02"))
    event(y, e3.trainee, S.RETURNED, S.SUBMITTED, at("2026-02-03"))
    event(y, supervisor, S.SUBMITTED, S.APPROVED, at("2026-02-07"))
    event(old, e1.trainee, S.DRAFT, S.SUBMITTED, at("2025-12-10"))
    event(old, supervisor, S.SUBMITTED, S.APPROVED, at("2025-12-20"))
    return world


def test_practice_counts_hours_approved_in_the_period(practised):
    table = compute("practice")
    # Approved in Q1: e1 120+60, e2 60, e3 240+60 = 540 min = 9 h (not December's 600).
    # Per trainee 180, 60, 300 min → median 3 h. Waiting: e1's entry of 1 March (e2's
    # was submitted after the period). Decisions: 2, 1 and 4 days → median 2.
    assert values(table) == {"approved_hours": 9.0, "trainees": 3, "median_hours": 3.0,
                             "waiting": 1, "decision_days": 2.0}
    assert denominators(table)["decision_days"] == 2  # e1 and e3 had decisions


def test_practice_by_site(practised):
    table = compute("practice", "site")
    # Shatila: e1 180 + e2 60 = 4 h; median of 180, 60 → 2 h; one decision of 2 days.
    assert values(table, practised.site_a.pk) == {
        "approved_hours": 4.0, "trainees": 2, "median_hours": 2.0, "waiting": 1,
        "decision_days": 2.0}
    # Zaatari: e3 300 min = 5 h; decisions of 1 and 4 days → median 2.5.
    assert values(table, practised.site_b.pk) == {
        "approved_hours": 5.0, "trainees": 1, "median_hours": 5.0, "waiting": 0,
        "decision_days": 2.5}


def test_practice_by_sex(practised):
    table = compute("practice", "sex")
    # Women: e1 180 + e3 300 = 8 h, median of 180, 300 → 4 h. Men: e2 60 min.
    assert values(table, "female")["approved_hours"] == 8.0
    assert values(table, "female")["median_hours"] == 4.0
    assert values(table, "male")["approved_hours"] == 1.0
    assert values(table, "male")["trainees"] == 1


def test_practice_by_month_of_approval(practised):
    table = compute("practice", "month")
    # January 120 min, February 60 + 240 + 60 = 360 min, March 60 min.
    hours = {row.key: row.cells["approved_hours"].value for row in table.rows
             if row.key is not None}
    assert hours == {datetime.date(2026, 1, 1): 2.0, datetime.date(2026, 2, 1): 6.0,
                     datetime.date(2026, 3, 1): 1.0}


# --- Supervision --------------------------------------------------------------------

@pytest.fixture
def supervised(world, supervisor):
    a, b = world.cohort_a, world.cohort_b
    e1 = world.enrol(a, sex="female")
    entry(e1, state=S.SUBMITTED, date="2026-03-10", submitted="2026-03-10")
    session(supervisor, "2026-03-20", 60, e1)  # in the last 30 days: supervised
    session(supervisor, "2026-01-15", 60, e1)
    e2 = world.enrol(a, sex="male")
    entry(e2, date="2026-03-25", approver=supervisor)
    session(supervisor, "2026-02-01", 60, e2)  # before the last 30 days
    e3 = world.enrol(b, sex="female")
    entry(e3, date="2026-02-10", approver=supervisor)  # practised, not in the last 30 days
    e4 = world.enrol(b, sex="female")
    entry(e4, state=S.DRAFT, date="2026-03-15")  # a draft is not practice yet
    session(supervisor, "2026-03-16", 120, e4)
    e5 = world.enrol(a, sex="female")
    entry(e5, date="2026-04-05", approver=supervisor)  # after the period
    session(supervisor, "2026-04-06", 60, e5)
    return world


def test_supervision_of_practising_trainees_in_the_last_30_days(supervised):
    table = compute("supervision")
    # Practising in 2–31 March: e1, e2; supervised in those days: e1 → 1 of 2 = 50 %.
    # Practised in the period: e1, e2, e3; their session hours 2 + 1 + 0 = 3 h → 1 h each.
    assert values(table) == {"practising": 2, "supervised": 50.0, "hours_per_trainee": 1.0}
    assert denominators(table)["hours_per_trainee"] == 3


def test_supervision_by_site(supervised):
    table = compute("supervision", "site")
    # Shatila: e1, e2 practising, e1 supervised; (2 + 1) h over 2 trainees.
    assert values(table, supervised.site_a.pk) == {
        "practising": 2, "supervised": 50.0, "hours_per_trainee": 1.5}
    # Zaatari: nobody practising in the last 30 days; e3 practised with no session.
    assert values(table, supervised.site_b.pk) == {
        "practising": 0, "supervised": None, "hours_per_trainee": 0.0}


def test_supervision_by_sex(supervised):
    table = compute("supervision", "sex")
    # Women: e1 practising and supervised; e1, e3 practised: 2 h over 2.
    assert values(table, "female") == {"practising": 1, "supervised": 100.0,
                                       "hours_per_trainee": 1.0}
    assert values(table, "male") == {"practising": 1, "supervised": 0.0,
                                     "hours_per_trainee": 1.0}


def test_supervision_declares_it_has_no_month_breakdown():
    assert "month" not in registry.get("supervision").breakdowns
    assert "site" in registry.get("supervision").breakdowns


# --- Competence ---------------------------------------------------------------------

@pytest.fixture
def rated(world, supervisor):
    a, b = world.cohort_a, world.cohort_b
    c1, c2 = world.competencies  # both required at level 3
    e1 = world.enrol(a, sex="female")
    rating(e1, c1, 2, "2026-01-10", supervisor)
    rating(e1, c1, 3, "2026-02-10", supervisor)
    rating(e1, c2, 4, "2026-03-01", supervisor)  # latest 3 and 4: competent
    e2 = world.enrol(a, sex="male")
    rating(e2, c1, 1, "2026-01-15", supervisor)  # level 1 in the period
    rating(e2, c1, 3, "2026-03-10", supervisor)  # c2 never rated: not competent
    e3 = world.enrol(b, sex="female")
    rating(e3, c1, 3, "2025-11-01", supervisor)  # before the period, still the latest
    rating(e3, c2, 3, "2026-02-20", supervisor)
    rating(e3, c1, 2, "2026-04-10", supervisor)  # after the period: not yet
    e4 = world.enrol(b, sex="female")
    rating(e4, c1, 1, "2025-12-01", supervisor)  # not rated in the period: left out
    e5 = world.enrol(a, sex="female")
    rating(e5, c1, 4, "2026-03-05", supervisor)
    rating(e5, c2, 4, "2026-03-05", supervisor, harmful=True)  # flagged: not competent
    return world


def test_competence_in_the_period(rated):
    table = compute("competence")
    # Rated in Q1: e1, e2, e3, e5 (not e4). Competent on both: e1, e3 → 2 of 4.
    # Level 1 or harmful flagged in Q1: e2, e5 → 2 of 4.
    # Pairs rated in Q1 (first → latest): e1·c1 2→3, e1·c2 4→4, e2·c1 1→3, e3·c2 3→3,
    # e5·c1 4→4, e5·c2 4→4: baseline 18/6 = 3.0, latest 21/6 = 3.5.
    assert values(table) == {"rated": 4, "competent": 50.0, "harmful": 50.0,
                             "baseline": 3.0, "latest": 3.5}
    assert denominators(table)["baseline"] == 4


def test_competence_by_site(rated):
    table = compute("competence", "site")
    # Shatila e1, e2, e5: competent 1 of 3, harmful 2 of 3; pairs baseline
    # (2+4+1+4+4)/5 = 3.0, latest (3+4+3+4+4)/5 = 3.6.
    assert values(table, rated.site_a.pk) == {"rated": 3, "competent": 33.3,
                                              "harmful": 66.7, "baseline": 3.0,
                                              "latest": 3.6}
    assert values(table, rated.site_b.pk) == {"rated": 1, "competent": 100.0,
                                              "harmful": 0.0, "baseline": 3.0,
                                              "latest": 3.0}


def test_competence_by_sex(rated):
    table = compute("competence", "sex")
    # Women e1, e3, e5: competent e1, e3 of 3; harmful e5; baseline (2+4+3+4+4)/5 = 3.4,
    # latest (3+4+3+4+4)/5 = 3.6. Men e2: 0 of 1, harmful, 1 → 3.
    assert values(table, "female") == {"rated": 3, "competent": 66.7, "harmful": 33.3,
                                       "baseline": 3.4, "latest": 3.6}
    assert values(table, "male") == {"rated": 1, "competent": 0.0, "harmful": 100.0,
                                     "baseline": 1.0, "latest": 3.0}


# --- Certification ------------------------------------------------------------------

TODAY = datetime.date(2026, 5, 1)


@pytest.fixture
def certified(world):
    a, b = world.cohort_a, world.cohort_b
    e1 = world.enrol(a, sex="female")
    certificate(e1, "2026-02-04", expires="2027-01-01")  # valid; 30 days after enrolling
    e2 = world.enrol(a, sex="male")
    certificate(e2, "2026-03-06", expires="2026-06-01")  # valid, expires in 31 days; 60
    e3 = world.enrol(b, sex="female")
    certificate(e3, "2026-01-15", expires="2026-04-01")  # expired; 10 days
    e4 = world.enrol(b, sex="female")
    certificate(e4, "2026-02-14", expires="2028-01-01", revoked=True)  # revoked; 40
    e5 = world.enrol(a, sex="female")
    certificate(e5, "2025-12-01", expires="2027-12-01")  # issued before the period
    e6 = world.enrol(a, sex="female")
    certificate(e6, "2026-01-10", expires="2026-02-10")
    certificate(e6, "2026-03-20", expires="2028-03-20", cycle=2)  # the latest; 74 days
    return world


def test_certification_in_the_period(certified):
    table = compute("certification", today=TODAY)
    # Certified in Q1: e1, e2, e3, e4, e6. Valid: e1, e2, e6; expiring by 30 June: e2;
    # expired: e3; revoked: e4. Days 30, 60, 10, 40, 74 → median 40.
    assert values(table) == {"valid": 3, "expiring": 1, "expired": 1, "revoked": 1,
                             "days_to_certificate": 40.0}
    assert denominators(table)["days_to_certificate"] == 5


def test_certification_by_site(certified):
    table = compute("certification", "site", today=TODAY)
    # Shatila e1, e2, e6: days 30, 60, 74 → 60. Zaatari e3, e4: 10, 40 → 25.
    assert values(table, certified.site_a.pk) == {
        "valid": 3, "expiring": 1, "expired": 0, "revoked": 0, "days_to_certificate": 60.0}
    assert values(table, certified.site_b.pk) == {
        "valid": 0, "expiring": 0, "expired": 1, "revoked": 1, "days_to_certificate": 25.0}


def test_certification_by_sex(certified):
    table = compute("certification", "sex", today=TODAY)
    # Women e1, e3, e4, e6: days 30, 10, 40, 74 → 35. Men e2: 60.
    assert values(table, "female") == {
        "valid": 2, "expiring": 0, "expired": 1, "revoked": 1, "days_to_certificate": 35.0}
    assert values(table, "male") == {
        "valid": 1, "expiring": 1, "expired": 0, "revoked": 0, "days_to_certificate": 60.0}


# --- Supervisor load ----------------------------------------------------------------

@pytest.fixture
def loaded(world, supervisor_factory):
    from supervision.models import SupervisorAssignment

    a, b = world.cohort_a, world.cohort_b
    s1, s2, s3 = (supervisor_factory() for _ in range(3))
    e1 = world.enrol(a, sex="female")
    e2 = world.enrol(a, sex="male")
    e3 = world.enrol(b, sex="female")
    e4 = world.enrol(b, sex="female")
    e5 = world.enrol(a, sex="female", status="withdrawn")
    for supervisor, enrollment in ((s1, e1), (s1, e2), (s1, e3), (s2, e4), (s3, e5)):
        SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=enrollment)
    entry(e1, state=S.SUBMITTED, submitted="2026-03-01")
    entry(e1, state=S.SUBMITTED, submitted="2026-03-02")
    entry(e3, state=S.SUBMITTED, submitted="2026-03-03")
    entry(e2, approver=s1)  # approved: not pending
    return world


def test_supervisor_load(loaded):
    table = compute("supervisor_load")
    # s1: e1, e2, e3 → 3 trainees, 3 pending; s2: e4 → 1, 0; s3 only a withdrawn
    # trainee → not counted. Medians (3+1)/2 = 2 and (3+0)/2 = 1.5.
    assert values(table) == {"supervisors": 2, "trainees_median": 2.0, "trainees_max": 3,
                             "pending_median": 1.5, "pending_max": 3}


def test_supervisor_load_by_the_trainees_site_and_sex(loaded):
    by_site = compute("supervisor_load", "site")
    # Shatila: s1 with e1, e2 (2 pending). Zaatari: s1 with e3 (1), s2 with e4 (0).
    assert values(by_site, loaded.site_a.pk) == {
        "supervisors": 1, "trainees_median": 2, "trainees_max": 2, "pending_median": 2,
        "pending_max": 2}
    assert values(by_site, loaded.site_b.pk) == {
        "supervisors": 2, "trainees_median": 1.0, "trainees_max": 1, "pending_median": 0.5,
        "pending_max": 1}
    by_sex = compute("supervisor_load", "sex")
    # Women: s1 with e1, e3 (3 pending), s2 with e4 (0). Men: s1 with e2 (0).
    assert values(by_sex, "female") == {
        "supervisors": 2, "trainees_median": 1.5, "trainees_max": 2, "pending_median": 1.5,
        "pending_max": 3}
    assert values(by_sex, "male") == {
        "supervisors": 1, "trainees_median": 1, "trainees_max": 1, "pending_median": 0,
        "pending_max": 0}


def test_supervisor_load_counts_cohort_supervisors_once(loaded, supervisor_factory):
    # s4 supervises cohort b (e3, e4) as a whole; s2, already assigned e4 one by one,
    # also becomes a cohort b supervisor and must not count e4 twice.
    s4 = supervisor_factory()
    s2 = loaded.cohort_b.enrollments.get(supervisor_assignments__isnull=False,
                                         trainee__sex="female",
                                         practice_entries__isnull=True).supervisor_assignments.get().supervisor
    loaded.cohort_b.supervisors.add(s4, s2)
    table = compute("supervisor_load")
    # s1: e1, e2, e3 → 3 trainees, 3 pending; s2: e4 (assigned) and e3 (cohort) → 2, 1;
    # s4: e3, e4 → 2, 1. Medians of (3, 2, 2) = 2 and of (3, 1, 1) = 1.
    assert values(table) == {"supervisors": 3, "trainees_median": 2, "trainees_max": 3,
                             "pending_median": 1, "pending_max": 3}


# --- Trend --------------------------------------------------------------------------

def test_the_trend_is_twelve_months_in_order_with_empty_months(practised):
    from lms.indicators import trend

    indicator = registry.get("practice")
    table = trend(indicator, population(EVERYTHING, Q1), Q1,
                  today=datetime.date(2026, 3, 31))
    assert [row.key for row in table.rows][:2] == [datetime.date(2025, 4, 1),
                                                   datetime.date(2025, 5, 1)]
    assert len(table.rows) == 12 and table.rows[-1].key == datetime.date(2026, 3, 1)
    hours = {row.key.strftime("%Y-%m"): row.cells["approved_hours"].value
             for row in table.rows}
    # December's 600 min now falls inside the twelve months; April–November are empty.
    assert hours["2025-12"] == 10.0
    assert (hours["2026-01"], hours["2026-02"], hours["2026-03"]) == (2.0, 6.0, 1.0)
    assert hours["2025-06"] is None
    assert table.total.cells["approved_hours"].value == 19.0


def test_the_trend_of_a_snapshot_computes_each_month_as_its_period(supervised):
    from lms.indicators import trend

    table = trend(registry.get("supervision"), population(EVERYTHING, Q1), Q1,
                  today=datetime.date(2026, 3, 31))
    by_month = {row.key.strftime("%Y-%m"): values(table, row.key) for row in table.rows}
    # March: e1 and e2 practising, e1 supervised; practised in March e1, e2 with e1's
    # one hour in March → 0.5 h each.
    assert by_month["2026-03"] == {"practising": 2, "supervised": 50.0,
                                   "hours_per_trainee": 0.5}
    # February (30 Jan – 28 Feb): e3 practising, never supervised.
    assert by_month["2026-02"]["practising"] == 1
    assert by_month["2026-02"]["supervised"] == 0.0


def test_competence_change_per_competency(rated):
    c1, c2 = rated.competencies
    table = registry.get("competence").detail(population(EVERYTHING, Q1), Q1)
    # Active listening: e1 2→3, e2 1→3, e5 4→4 → 2.33 → 3.33.
    # Safety planning: e1 4→4, e3 3→3, e5 4→4 → 3.67 → 3.67.
    assert values(table, c1.competency_id) == {"baseline": 2.33, "latest": 3.33}
    assert values(table, c2.competency_id) == {"baseline": 3.67, "latest": 3.67}
    assert denominators(table, c1.competency_id)["baseline"] == 3
    assert values(table) == {"baseline": 3.0, "latest": 3.5}
