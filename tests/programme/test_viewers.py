"""Who may count what on the programme pages (`viewer_for`), for every role, and what
the population then covers."""

import pytest

from courses.indicators import population
from lms.indicators import Filters, viewer_for
from lms.models import Consortium
from lms.roles import Role
from tests.factories import (
    CoordinatorFactory,
    ManagerFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
    UserFactory,
)


def covered(viewer, world):
    """The cohorts of `world` whose enrollments the viewer's population includes."""
    ids = set(population(viewer, Filters()).values_list("cohort_id", flat=True))
    names = {world.cohort_a.pk: "a", world.cohort_b.pk: "b", world.cohort_c.pk: "c"}
    return {names[i] for i in ids}


@pytest.fixture
def enrolled(world):
    for cohort in (world.cohort_a, world.cohort_b, world.cohort_c):
        world.enrol(cohort)
    return world


def test_trainees_and_supervisors_see_nothing(enrolled):
    assert viewer_for(TraineeFactory(organisation=enrolled.org_a)) is None
    assert viewer_for(SupervisorFactory(organisation=enrolled.org_a)) is None


def test_anonymous_and_inactive_people_see_nothing(enrolled):
    from django.contrib.auth.models import AnonymousUser

    assert viewer_for(AnonymousUser()) is None
    assert viewer_for(ManagerFactory(organisation=enrolled.org_a, is_active=False)) is None


def test_a_trainer_sees_their_own_cohorts(enrolled):
    trainer = TrainerFactory(organisation=enrolled.org_a)
    enrolled.cohort_a.trainers.add(trainer)
    viewer = viewer_for(trainer)
    assert viewer.cohort_ids == frozenset({enrolled.cohort_a.pk})
    assert not viewer.suppress_small_cells
    assert covered(viewer, enrolled) == {"a"}


def test_a_trainer_of_no_cohort_sees_an_empty_population(enrolled):
    viewer = viewer_for(TrainerFactory(organisation=enrolled.org_a))
    assert covered(viewer, enrolled) == set()


def test_a_manager_sees_their_organisation(enrolled):
    viewer = viewer_for(ManagerFactory(organisation=enrolled.org_a))
    assert viewer.organisation_ids == frozenset({enrolled.org_a.pk})
    assert not viewer.aggregates_only and not viewer.suppress_small_cells
    assert covered(viewer, enrolled) == {"a"}


def test_a_manager_of_another_organisation_sees_only_theirs(enrolled):
    viewer = viewer_for(ManagerFactory(organisation=enrolled.org_c))
    assert viewer.organisation_ids == frozenset({enrolled.org_c.pk})
    assert covered(viewer, enrolled) == {"c"}


def test_a_coordinator_sees_the_consortium_as_aggregates_with_small_cells_hidden(enrolled):
    coordinator = CoordinatorFactory(organisation=enrolled.org_a)
    enrolled.consortium.coordinators.add(coordinator)
    viewer = viewer_for(coordinator)
    assert viewer.organisation_ids == frozenset({enrolled.org_a.pk, enrolled.org_b.pk})
    assert viewer.aggregates_only and viewer.suppress_small_cells
    assert covered(viewer, enrolled) == {"a", "b"}


def test_a_coordinator_outside_a_consortium_does_not_see_its_organisations(enrolled):
    other = Consortium.objects.create(name="Northern working group")
    other.members.add(enrolled.org_c)
    coordinator = CoordinatorFactory(organisation=enrolled.org_c)
    other.coordinators.add(coordinator)
    viewer = viewer_for(coordinator)
    assert viewer.organisation_ids == frozenset({enrolled.org_c.pk})
    assert covered(viewer, enrolled) == {"c"}


def test_a_coordinator_of_no_consortium_sees_nothing(enrolled):
    assert viewer_for(CoordinatorFactory(organisation=enrolled.org_a)) is None


def test_a_coordinator_who_also_manages_gets_the_consortium(enrolled):
    person = UserFactory(organisation=enrolled.org_a,
                         roles=[Role.COORDINATOR, Role.PROGRAMME_MANAGER])
    enrolled.consortium.coordinators.add(person)
    assert viewer_for(person).organisation_ids == frozenset(
        {enrolled.org_a.pk, enrolled.org_b.pk})


def test_a_superuser_sees_everything_with_small_cells_hidden_across_organisations(enrolled):
    admin = UserFactory(organisation=enrolled.org_a, is_superuser=True, is_staff=True)
    viewer = viewer_for(admin)
    assert viewer.organisation_ids is None
    assert viewer.suppress_small_cells  # three organisations
    assert covered(viewer, enrolled) == {"a", "b", "c"}


def test_filters_narrow_a_coordinators_population_but_never_widen_it(enrolled):
    coordinator = CoordinatorFactory(organisation=enrolled.org_a)
    enrolled.consortium.coordinators.add(coordinator)
    viewer = viewer_for(coordinator)
    # Asking for the outside organisation gives nothing, not its trainees.
    ids = set(population(viewer, Filters(organisation=(enrolled.org_c.pk,)))
              .values_list("cohort_id", flat=True))
    assert ids == set()
    ids = set(population(viewer, Filters(country=("JO",))).values_list("cohort_id", flat=True))
    assert ids == {enrolled.cohort_b.pk}
