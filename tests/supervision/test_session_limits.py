import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from supervision.models import MAX_SESSION_MINUTES, SupervisionSession

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_session_longer_than_eight_hours(supervisor):
    """The service and the form refuse it with a message; the table refuses it too, so no
    other way in (an import, the Django admin, a script) can add a day of supervision."""
    assert MAX_SESSION_MINUTES == 480
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionSession.objects.create(supervisor=supervisor, date=timezone.localdate(),
                                          duration_minutes=720, format="group",
                                          topics="Case review")
    session = SupervisionSession.objects.create(supervisor=supervisor,
                                                date=timezone.localdate(),
                                                duration_minutes=480, format="group",
                                                topics="Case review")
    assert session.pk
