from decimal import Decimal

import pytest
from django.utils import timezone

from supervision import selectors
from supervision.models import (
    CompetencyRating,
    PracticeEntry,
    SupervisionSession,
    SupervisorAssignment,
)
from tests.factories import PracticeEntryFactory, SupervisorFactory

pytestmark = pytest.mark.django_db


def approve(entry, by):
    entry.state = PracticeEntry.State.APPROVED
    entry.approved_by = by
    entry.approved_at = timezone.now()
    entry.save()


def test_approved_practice_hours_by_kind_counts_only_approved(enrollment, other_enrollment,
                                                              kinds, supervisor):
    approve(PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[0],
                                 duration_minutes=60), supervisor)
    approve(PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[0],
                                 duration_minutes=30), supervisor)
    approve(PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[1],
                                 duration_minutes=45), supervisor)
    PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[0], duration_minutes=600,
                         state=PracticeEntry.State.SUBMITTED)
    result = selectors.approved_practice_hours_by_kind([enrollment.pk, other_enrollment.pk])
    assert result == {enrollment.pk: {kinds[0].pk: Decimal("1.50"), kinds[1].pk: Decimal("0.75")},
                      other_enrollment.pk: {}}


def test_supervision_hours_per_present_trainee(enrollment, other_enrollment, supervisor,
                                               django_assert_num_queries):
    for minutes in (60, 30):
        session = SupervisionSession.objects.create(
            supervisor=supervisor, date=timezone.localdate(), duration_minutes=minutes,
            format="group", topics="Handling silences")
        session.enrollments.add(enrollment)
    with django_assert_num_queries(1):
        result = selectors.supervision_hours([enrollment.pk, other_enrollment.pk])
    assert result == {enrollment.pk: Decimal("1.50"), other_enrollment.pk: Decimal("0.00")}
    assert selectors.supervision_hours([]) == {}


def test_latest_competency_rating_counts(enrollment, course, supervisor, django_assert_num_queries):
    competency = course.competency_requirements.first().competency
    CompetencyRating.objects.create(enrollment=enrollment, competency=competency,
                                    supervisor=supervisor, level=2, observation="role_play")
    latest = CompetencyRating.objects.create(enrollment=enrollment, competency=competency,
                                             supervisor=supervisor, level=3,
                                             observation="role_play")
    with django_assert_num_queries(1):
        result = selectors.latest_competency_ratings([enrollment.pk])
        assert result[enrollment.pk][competency.pk] == latest
        assert result[enrollment.pk][competency.pk].competency.pk == competency.pk


def test_supervised_enrollments_by_cohort_or_assignment(enrollment, other_enrollment,
                                                        supervisor, other_supervisor):
    assert list(selectors.supervised_enrollments(supervisor)) == [enrollment]
    assert list(selectors.supervised_enrollments(other_supervisor)) == [other_enrollment]
    cross_agency = SupervisorFactory()
    SupervisorAssignment.objects.create(supervisor=cross_agency, enrollment=other_enrollment)
    assert list(selectors.supervised_enrollments(cross_agency)) == [other_enrollment]
    # Reached both ways, counted once.
    SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=enrollment)
    assert list(selectors.supervised_enrollments(supervisor)) == [enrollment]


def test_review_queue_is_oldest_first_and_never_own(enrollment, other_enrollment, supervisor):
    now = timezone.now()
    newer = PracticeEntryFactory(enrollment=enrollment, state="submitted", submitted_at=now)
    older = PracticeEntryFactory(enrollment=enrollment, state="submitted",
                                 submitted_at=now - timezone.timedelta(days=2))
    PracticeEntryFactory(enrollment=enrollment, state="draft")
    PracticeEntryFactory(enrollment=other_enrollment, state="submitted", submitted_at=now)
    assert list(selectors.review_queue(supervisor)) == [older, newer]
    assert selectors.review_queue_count(supervisor) == 2
