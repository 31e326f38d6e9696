"""Issue 16: the logbook offers "Submit selected for review" only when something can be
submitted, and the trainee sees who supervises them (assigned, or through the cohort)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from supervision.models import SupervisorAssignment
from tests.factories import EnrollmentFactory, SupervisorFactory, TraineeFactory

pytestmark = pytest.mark.django_db

SUBMIT = "Submit selected for review"


def _logbook(client, user):
    client.force_login(user)
    response = client.get(reverse("supervision:logbook"))
    assert response.status_code == 200
    return response.content.decode()


def test_no_submit_button_when_every_entry_is_already_submitted_or_approved(
        client, trainee, enrollment, make_entry, supervisor):
    make_entry(state="submitted", submitted_at=timezone.now())
    make_entry(state="approved", submitted_at=timezone.now(), approved_by=supervisor,
               approved_at=timezone.now())
    body = _logbook(client, trainee)
    assert SUBMIT not in body
    assert 'name="entries"' not in body


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_submit_button_when_a_draft_or_returned_entry_can_be_submitted(
        client, trainee, enrollment, make_entry, state):
    make_entry(state="submitted", submitted_at=timezone.now())
    entry = make_entry(state=state)
    body = _logbook(client, trainee)
    assert SUBMIT in body
    assert f'value="{entry.pk}"' in body


def test_no_submit_button_for_a_reader(client, enrollment, make_entry, supervisor):
    make_entry(state="draft")
    client.force_login(supervisor)
    body = client.get(reverse("supervision:logbook_enrollment",
                              args=[enrollment.pk])).content.decode()
    assert SUBMIT not in body


def test_logbook_and_my_learning_name_assigned_and_cohort_supervisors(client, trainee,
                                                                      enrollment):
    # Karim Mansour supervises the cohort; Nour is assigned to this trainee alone.
    nour = SupervisorFactory(full_name="Nour Saleh")
    SupervisorAssignment.objects.create(enrollment=enrollment, supervisor=nour)
    for body in (_logbook(client, trainee),
                 client.get(reverse("courses:my_learning")).content.decode()):
        assert "Supervised by" in body
        assert "Karim Mansour" in body and "Nour Saleh" in body


def test_logbook_says_when_nobody_supervises_yet(client, course):
    solo = EnrollmentFactory(trainee=TraineeFactory(full_name="رانيا خوري"), course=course)
    body = _logbook(client, solo.trainee)
    assert "No supervisor yet" in body and "Supervised by" not in body
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert "No supervisor yet" in body
