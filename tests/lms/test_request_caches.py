"""Roles kept between requests and reads kept within one must never outlive a change."""

import pytest
from django.contrib.auth.models import Group

from lms import memo
from lms.models import User
from lms.roles import Role
from supervision.access_rules import supervised_enrollment_ids
from supervision.models import SupervisorAssignment
from tests.factories import CohortFactory, EnrollmentFactory, SupervisorFactory, TrainerFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as the next request loads it: nothing kept on the instance."""
    return User.objects.get(pk=user.pk)


def test_removing_a_role_takes_effect_on_the_next_request(django_assert_num_queries):
    trainer = TrainerFactory()
    assert _fresh(trainer).has_role(Role.TRAINER)
    # Cached: the next request asks the cache, not the database.
    user = _fresh(trainer)
    with django_assert_num_queries(0):
        assert user.has_role(Role.TRAINER)

    trainer.groups.remove(Group.objects.get(name=Role.TRAINER.value))
    assert not _fresh(trainer).has_role(Role.TRAINER)


@pytest.mark.parametrize("change", ["remove", "clear"])
def test_a_change_made_from_the_group_side_is_seen_too(change):
    trainer = TrainerFactory()
    assert _fresh(trainer).has_role(Role.TRAINER)
    group = Group.objects.get(name=Role.TRAINER.value)
    if change == "remove":
        group.user_set.remove(trainer)
    else:
        group.user_set.clear()
    assert not _fresh(trainer).has_role(Role.TRAINER)


def test_deleting_a_group_takes_the_role_away_at_once():
    trainer = TrainerFactory()
    assert _fresh(trainer).has_role(Role.TRAINER)
    Group.objects.get(name=Role.TRAINER.value).delete()
    assert not _fresh(trainer).has_role(Role.TRAINER)


def test_adding_a_role_is_seen_at_once():
    supervisor = SupervisorFactory()
    assert not _fresh(supervisor).has_role(Role.TRAINER)
    Group.objects.get(name=Role.TRAINER.value).user_set.add(supervisor)
    assert _fresh(supervisor).has_role(Role.TRAINER)


def test_supervised_enrollments_are_read_once_per_request(django_assert_num_queries):
    supervisor = SupervisorFactory()
    enrollment = EnrollmentFactory()
    SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=enrollment)

    def request():
        first = supervised_enrollment_ids(supervisor)
        with django_assert_num_queries(0):
            assert supervised_enrollment_ids(supervisor) == first
        return first

    assert memo_request(request) == [enrollment.pk]
    # Outside a request nothing is kept: each call reads.
    with django_assert_num_queries(2):
        supervised_enrollment_ids(supervisor)
        supervised_enrollment_ids(supervisor)


def test_an_assignment_made_during_the_request_is_seen_by_its_later_reads():
    supervisor = SupervisorFactory()
    first, second = EnrollmentFactory(cohort=CohortFactory()), EnrollmentFactory()
    SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=first)

    def request():
        assert supervised_enrollment_ids(supervisor) == [first.pk]
        SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=second)
        assert sorted(supervised_enrollment_ids(supervisor)) == sorted([first.pk, second.pk])
        SupervisorAssignment.objects.filter(enrollment=first).delete()
        assert supervised_enrollment_ids(supervisor) == [second.pk]
        # A cohort supervisor too.
        first.cohort.supervisors.add(supervisor)
        return sorted(supervised_enrollment_ids(supervisor))

    assert memo_request(request) == sorted([first.pk, second.pk])


def memo_request(body):
    """Run ``body`` as the memo middleware runs a view, and return what it returned."""
    return memo.RequestMemoMiddleware(lambda request: body())(None)
