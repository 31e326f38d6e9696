"""Out-of-range ids in the supervisor's filters and forms are ignored or refused with a
message, never a server error, and change nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from supervision import services
from supervision.models import PracticeEntry, SupervisionSession
from tests.once import with_token

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def submitted(make_entry, trainee):
    entry = make_entry(went_well="Session with a family of four; =SUM(A1:A9) in my notes")
    services.practice_entry_submit(trainee=trainee, entry=entry)
    return entry


@pytest.mark.parametrize("query", [f"cohort={HUGE}", f"trainee={HUGE}",
                                   f"cohort={HUGE}&trainee=-1", "cohort=٣&trainee=1e9"])
def test_queue_ignores_out_of_range_filters(client, supervisor, submitted, query):
    client.force_login(supervisor)
    response = client.get(f"{reverse('supervision:queue')}?{query}")
    assert response.status_code == 200
    # The filter is ignored, so the submitted entry is still listed.
    assert list(response.context["page"].object_list) == [submitted]


def test_queue_approve_ignores_out_of_range_ids(client, supervisor, submitted):
    client.force_login(supervisor)
    for data in ({"approve_one": HUGE}, {"entries": [HUGE, "0", "-5"]}):
        response = client.post(reverse("supervision:queue_approve"), data, follow=True)
        assert response.status_code == 200
        assert "Choose at least one submitted entry to approve." in response.text
    submitted.refresh_from_db()
    assert submitted.state == PracticeEntry.State.SUBMITTED


def test_entries_submit_ignores_out_of_range_ids(client, trainee, enrollment, make_entry):
    draft = make_entry()
    client.force_login(trainee)
    response = client.post(reverse("supervision:entries_submit", args=[enrollment.pk]),
                           {"entries": [HUGE]}, follow=True)
    assert "Choose at least one draft or returned entry to submit." in response.text
    draft.refresh_from_db()
    assert draft.state == PracticeEntry.State.DRAFT


def test_logbook_ignores_out_of_range_enrollment_choice(client, trainee, enrollment):
    client.force_login(trainee)
    response = client.get(f"{reverse('supervision:logbook')}?enrollment={HUGE}")
    assert response.status_code == 200
    assert response.context["enrollment"] == enrollment


def test_session_form_refuses_out_of_range_trainee(client, supervisor, enrollment):
    client.force_login(supervisor)
    data = {"date": timezone.localdate().isoformat(), "duration_minutes": "60",
            "format": "individual", "topics": "إحالة وسلامة", "enrollments": [HUGE]}
    response = client.post(reverse("supervision:session_create"), with_token(data))
    assert response.status_code == 200
    assert response.context["form"].errors["enrollments"]
    assert not SupervisionSession.objects.exists()


def test_cohort_practice_refuses_out_of_range_supervisor(client, trainer, cohort, supervisor):
    client.force_login(trainer)
    url = reverse("supervision:cohort_practice", args=[cohort.pk])
    for data in ({"remove": HUGE}, {"supervisor": HUGE}):
        response = client.post(url, data)
        assert response.status_code == 200
    assert list(cohort.supervisors.all()) == [supervisor]


def test_enrollment_supervisors_refuses_out_of_range_supervisor(client, trainer, enrollment):
    client.force_login(trainer)
    response = client.post(reverse("supervision:enrollment_supervisors",
                                   args=[enrollment.pk]), {"supervisor": HUGE})
    assert response.status_code == 200
    assert response.context["form"].errors["supervisor"]
    assert not enrollment.supervisor_assignments.exists()
