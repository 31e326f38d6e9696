import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import (
    ManagerFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate-limit counters live in the cache; one test's failures must not block the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request to /ar/... leaves Arabic active in the thread; the next test would then
    # reverse URLs under /ar/ and read its messages in Arabic.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _tasks_run_eagerly(request):
    """Tasks run in the test process even when CI configures a broker, so every test
    sees their effects at once; only the tests marked `worker` go through a real one."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    from lms.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def trainee(db):
    return TraineeFactory(email="trainee@example.org", full_name="Layla Haddad")


@pytest.fixture
def trainer(db):
    return TrainerFactory(email="trainer@example.org", full_name="Omar Nassar")


@pytest.fixture
def supervisor(db):
    return SupervisorFactory(email="supervisor@example.org", full_name="Karim Mansour")


@pytest.fixture
def manager(db):
    return ManagerFactory(email="manager@example.org", full_name="Sophie Laurent")


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.org", full_name="Admin", is_staff=True,
                       is_superuser=True)


@pytest.fixture
def role_users(trainee, trainer, supervisor, manager):
    return {"trainee": trainee, "trainer": trainer, "supervisor": supervisor, "manager": manager}
