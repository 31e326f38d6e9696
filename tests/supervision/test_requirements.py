from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Enrollment
from courses.requirements import registry
from courses.selectors import attach_course_plans
from supervision import services
from supervision.models import CompetencyRating, SupervisionSession
from supervision.requirements import (
    CompetencyLevelsRequirement,
    PracticeHoursRequirement,
    SupervisionHoursRequirement,
    format_hours,
)
from tests.factories import EnrollmentFactory, PracticeEntryFactory

pytestmark = pytest.mark.django_db


def approved(enrollment, kind, minutes, supervisor):
    entry = PracticeEntryFactory(enrollment=enrollment, activity_kind=kind,
                                 duration_minutes=minutes)
    services.practice_entry_submit(trainee=enrollment.trainee, entry=entry)
    services.practice_entry_review(entry=entry, supervisor=supervisor, decision="approve")
    return entry


def test_registered_with_the_course_registry():
    keys = {r.key for r in registry.requirements}
    assert {"practice_hours", "supervision_hours", "competency_levels"} <= keys


def test_format_hours():
    assert format_hours(Decimal("2.00")) == "2"
    assert format_hours(Decimal("1.50")) == "1.5"
    assert format_hours(Decimal("0.75")) == "0.75"


def test_practice_hours_one_status_per_requirement_row(enrollment, kinds, supervisor):
    approved(enrollment, kinds[0], 90, supervisor)
    pending = PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[1],
                                   duration_minutes=600)
    services.practice_entry_submit(trainee=enrollment.trainee, entry=pending)
    statuses = PracticeHoursRequirement().evaluate([enrollment])[enrollment.pk]
    assert [s.key for s in statuses] == [f"practice:{kinds[0].pk}", f"practice:{kinds[1].pk}"]
    assert statuses[0].progress == "1.5 of 2 hours approved"
    assert not statuses[0].met and statuses[0].percent == 75
    assert not statuses[1].met  # submitted hours do not count
    approved(enrollment, kinds[0], 30, supervisor)
    assert PracticeHoursRequirement().evaluate([enrollment])[enrollment.pk][0].met


def test_supervision_hours(enrollment, supervisor):
    statuses = SupervisionHoursRequirement().evaluate([enrollment])[enrollment.pk]
    assert [s.met for s in statuses] == [False]
    services.supervision_session_record(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=60,
        format="individual", enrollments=[enrollment], topics="Boundaries")
    status = SupervisionHoursRequirement().evaluate([enrollment])[enrollment.pk][0]
    assert status.met and status.progress == "1 of 1 hour of supervision"


def test_competency_latest_rating_counts_and_harmful_blocks(enrollment, course, supervisor):
    listening, safety = [r.competency for r in course.competency_requirements.order_by(
        "sort_order")]

    def rate(competency, level, harmful=False):
        services.competency_ratings_record(
            supervisor=supervisor, enrollment=enrollment, observation="role_play",
            ratings=[services.RatingInput(competency=competency, level=level,
                                          harmful_behaviour=harmful)])

    def met():
        return [s.met for s in CompetencyLevelsRequirement().evaluate([enrollment])[enrollment.pk]]

    assert met() == [False, False]
    rate(listening, 4)
    rate(safety, 2)
    assert met() == [True, True]
    rate(listening, 2)  # the latest counts, even when lower
    assert met() == [False, True]
    rate(listening, 4, harmful=True)
    assert met() == [False, True]
    rate(listening, 3)
    assert met() == [True, True]
    assert CompetencyRating.objects.filter(competency=listening).count() == 4


def test_batch_evaluation_costs_a_fixed_number_of_queries(course, cohort, supervisor, kinds,
                                                          django_assert_num_queries):
    enrollments = [EnrollmentFactory(cohort=cohort, course=course) for _ in range(5)]
    session = SupervisionSession.objects.create(supervisor=supervisor, date=timezone.localdate(),
                                                duration_minutes=30, format="group",
                                                topics="Self-care")
    session.enrollments.set(enrollments)
    # What the course requires comes from its plan, read once for the batch (and cached);
    # each requirement then measures the whole batch with one query.
    attach_course_plans(enrollments)
    for requirement in (PracticeHoursRequirement(), SupervisionHoursRequirement(),
                        CompetencyLevelsRequirement()):
        with django_assert_num_queries(1):
            result = requirement.evaluate(enrollments)
        assert set(result) == {e.pk for e in enrollments}


def test_approval_checks_completion(enrollment, course, kinds, supervisor):
    approved(enrollment, kinds[0], 120, supervisor)
    approved(enrollment, kinds[1], 60, supervisor)
    services.supervision_session_record(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=60,
        format="individual", enrollments=[enrollment], topics="Boundaries")
    services.competency_ratings_record(
        supervisor=supervisor, enrollment=enrollment, observation="live_session",
        ratings=[services.RatingInput(competency=r.competency, level=3)
                 for r in course.competency_requirements.all()])
    ours = [s for s in registry.evaluate([enrollment])[enrollment.pk]
            if s.key.split(":")[0] in {"practice", "supervision_hours", "competency"}]
    assert ours and all(s.met for s in ours)
    enrollment.refresh_from_db()
    statuses = registry.evaluate([Enrollment.objects.get(pk=enrollment.pk)])[enrollment.pk]
    expected = "completed" if registry.all_met(statuses) else "active"
    assert enrollment.status == expected
