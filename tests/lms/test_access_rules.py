"""The access module: the one rule for anonymous users and superusers, the registry, and
the rules each layer registers (who sees which cohort, enrollment, entry, certificate)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Cohort, Enrollment
from lms import access
from lms.roles import Role
from supervision.models import CompetencyRating, PracticeEntry, SupervisionSession
from tests.factories import (
    CertificateFactory,
    CohortFactory,
    CompetencyFactory,
    CoordinatorFactory,
    EnrollmentFactory,
    ManagerFactory,
    PracticeEntryFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
    UserFactory,
    practice_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trainee, trainer, supervisor, manager):
    course = practice_course(title="الإسعافات النفسية الأولية")
    cohort = CohortFactory(course=course, organisation=manager.organisation,
                           name="Beirut — ربيع =SUM(A1:A9)")
    cohort.trainers.add(trainer)
    cohort.supervisors.add(supervisor)
    enrollment = EnrollmentFactory(trainee=trainee, cohort=cohort, course=course)
    entry = PracticeEntryFactory(enrollment=enrollment, state="submitted",
                                 submitted_at=timezone.now())
    session = SupervisionSession.objects.create(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=60,
        format="individual", topics="Reflective listening")
    session.enrollments.add(enrollment)
    rating = CompetencyRating.objects.create(
        enrollment=enrollment, competency=CompetencyFactory(), supervisor=supervisor,
        level=3, observation="role_play")
    certificate = CertificateFactory(enrollment=enrollment)
    return {"cohort": cohort, "enrollment": enrollment, "entry": entry, "session": session,
            "rating": rating, "certificate": certificate}


READ_ACTIONS = {"cohort.view": "cohort", "cohort.manage": "cohort", "cohort.export": "cohort",
                "enrollment.view": "enrollment", "enrollment.export": "enrollment",
                "entry.view": "entry", "session.view": "session", "rating.view": "rating",
                "certificate.manage": "certificate"}
PERSONAL_ACTIONS = {"enrollment.own": "enrollment", "enrollment.supervise": "enrollment",
                    "entry.own": "entry", "entry.review": "entry",
                    "certificate.hold": "certificate"}


def test_every_action_is_registered_with_its_kind():
    actions = access.registry.actions
    for name in READ_ACTIONS:
        assert not actions[name].personal, name
    for name in PERSONAL_ACTIONS:
        assert actions[name].personal, name
    assert actions["cohort.view"].model is Cohort
    assert actions["enrollment.view"].model is Enrollment
    assert actions["entry.review"].model is PracticeEntry
    assert actions["certificate.manage"].model is Certificate
    # Supervision adds its grant to the enrollment actions courses defines.
    assert set(actions["enrollment.view"].grants) == {"trainee", "cohort", "supervisor"}


@pytest.mark.parametrize("name", sorted({**READ_ACTIONS, **PERSONAL_ACTIONS}))
def test_anonymous_users_see_nothing(world, name, django_assert_num_queries):
    obj = world[{**READ_ACTIONS, **PERSONAL_ACTIONS}[name]]
    with django_assert_num_queries(0):
        assert not access.can(AnonymousUser(), name, obj)
    assert not access.queryset(AnonymousUser(), name).exists()
    assert not access.queryset(None, name).exists()


@pytest.mark.parametrize("name", sorted(READ_ACTIONS))
def test_superusers_see_everything(world, superuser, name, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert access.can(superuser, name, world[READ_ACTIONS[name]])
    model = access.registry.action(name).model
    assert access.queryset(superuser, name).count() == model.objects.count()


@pytest.mark.parametrize("name", sorted(PERSONAL_ACTIONS))
def test_superusers_act_in_their_own_name_only(world, superuser, name):
    # Holding a certificate or signing off as a supervisor cannot be borrowed.
    assert not access.can(superuser, name, world[PERSONAL_ACTIONS[name]])
    assert not access.queryset(superuser, name).exists()


@pytest.mark.parametrize("name", sorted({**READ_ACTIONS, **PERSONAL_ACTIONS}))
def test_a_coordinator_sees_no_individual_record(world, manager, name):
    # Even one working for the very organisation that runs the cohort.
    coordinator = CoordinatorFactory(full_name="Nadia Coordination",
                                     organisation=manager.organisation)
    assert not access.can(coordinator, name, world[{**READ_ACTIONS, **PERSONAL_ACTIONS}[name]])
    assert not access.queryset(coordinator, name).exists()


def test_the_coordinator_role_exists_as_a_group():
    assert Group.objects.filter(name=Role.COORDINATOR.value).exists()
    assert not Group.objects.get(name="Coordinator").permissions.exists()


def test_who_reads_an_enrollment(world, trainee, trainer, supervisor, manager):
    enrollment = world["enrollment"]
    readers = [trainee, trainer, supervisor, manager]
    strangers = [TraineeFactory(), TrainerFactory(), SupervisorFactory(), ManagerFactory(),
                 UserFactory()]
    for user in readers:
        assert access.can(user, "enrollment.view", enrollment), user
        assert access.can(user, "entry.view", world["entry"]), user
        assert access.can(user, "rating.view", world["rating"]), user
        assert access.can(user, "session.view", world["session"]), user
    for user in strangers:
        assert not access.can(user, "enrollment.view", enrollment), user
        assert not access.can(user, "entry.view", world["entry"]), user


def test_a_supervisor_reviews_their_trainees_but_never_their_own_entries(world, supervisor):
    assert access.can(supervisor, "entry.review", world["entry"])
    own = EnrollmentFactory(trainee=supervisor, cohort=world["cohort"],
                            course=world["cohort"].course)
    own_entry = PracticeEntryFactory(enrollment=own, state="submitted",
                                     submitted_at=timezone.now())
    assert access.can(supervisor, "enrollment.supervise", own)
    assert not access.can(supervisor, "entry.review", own_entry)
    assert access.can(supervisor, "entry.own", own_entry)


def test_a_trainer_or_manager_reads_but_does_not_review(world, trainer, manager):
    for user in (trainer, manager):
        assert access.can(user, "entry.view", world["entry"])
        assert not access.can(user, "entry.review", world["entry"])


def test_the_queryset_narrows_the_one_given(world, trainer):
    given = Cohort.objects.select_related("course").filter(name__startswith="Beirut")
    cohorts = access.queryset(trainer, "cohort.view", given)
    assert list(cohorts) == [world["cohort"]]
    with pytest.raises(ImproperlyConfigured, match="Cohort"):
        access.queryset(trainer, "cohort.view", Enrollment.objects.all())


def test_get_or_404_is_the_same_for_missing_and_forbidden(world, trainer):
    stranger = TrainerFactory()
    assert access.get_or_404(trainer, "cohort.view", world["cohort"].pk) == world["cohort"]
    with pytest.raises(Http404):
        access.get_or_404(stranger, "cohort.view", world["cohort"].pk)
    with pytest.raises(Http404):
        access.get_or_404(trainer, "cohort.view", 987654)
    with pytest.raises(Http404):
        access.get_or_404(trainer, "cohort.view", "=1+1")


def test_unknown_and_conflicting_actions_are_refused():
    with pytest.raises(ImproperlyConfigured, match="cohort.delete"):
        access.queryset(AnonymousUser(), "cohort.delete")
    with pytest.raises(ImproperlyConfigured, match="twice"):
        access.registry.define("cohort.view", Enrollment)
    # Defining again the same way is harmless: ready() may run more than once.
    assert access.registry.define("cohort.view", Cohort).model is Cohort


def test_a_layer_can_add_and_withdraw_a_grant(world):
    from django.db.models import Q

    outsider = TraineeFactory(full_name="عمر الفاروق")
    access.registry.grant("cohort.view", "test_everyone", lambda user: Q(pk__isnull=False))
    try:
        assert access.can(outsider, "cohort.view", world["cohort"])
    finally:
        access.registry.revoke("cohort.view", "test_everyone")
    assert not access.can(outsider, "cohort.view", world["cohort"])


def test_role_gates(trainee, trainer, superuser):
    access.require_role(trainer, Role.TRAINER, Role.PROGRAMME_MANAGER)
    access.require_role(superuser, Role.SUPERVISOR)
    for user in (trainee, AnonymousUser()):
        with pytest.raises(Http404):
            access.require_role(user, Role.TRAINER)
    assert not access.has_role(CoordinatorFactory(), Role.PROGRAMME_MANAGER)


def test_role_required_sends_anonymous_users_to_log_in(trainee, trainer):
    view = access.role_required(Role.TRAINER)(lambda request: "opened")
    request = RequestFactory().get("/cohorts/?page=2")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    request.user = trainee
    with pytest.raises(Http404):
        view(request)
    request.user = trainer
    assert view(request) == "opened"


def test_a_manager_without_an_organisation_manages_nothing(world):
    manager = ManagerFactory(organisation=None)
    assert not access.queryset(manager, "cohort.view").exists()
    assert not access.queryset(manager, "certificate.manage").exists()
