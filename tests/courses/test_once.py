"""Assessment submissions, new cohorts and trainee imports happen once, even when the
button is pressed twice."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import AssessmentAttempt, Cohort, CohortInvitation, Enrollment
from lms.models import SubmissionToken
from lms.once import TOKEN_FIELD
from tests.courses.conftest import answers
from tests.factories import OrganisationFactory, TraineeFactory
from tests.once import with_token

pytestmark = pytest.mark.django_db

TOKEN_INPUT = re.compile(rf'<input type="hidden" name="{TOKEN_FIELD}" value="[0-9a-f-]{{36}}">')
HUGE = "99999999999999999999"


def test_assessment_form_carries_a_token(client, enrollment, post_test):
    client.force_login(enrollment.trainee)
    assert len(TOKEN_INPUT.findall(client.get(post_test.url).text)) == 1


def test_double_submission_of_a_post_test_is_one_attempt(client, enrollment, post_test):
    client.force_login(enrollment.trainee)
    url = reverse("courses:assessment_submit", args=[post_test.pk])
    data = with_token(answers(post_test))
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    attempt = AssessmentAttempt.objects.get()
    assert attempt.number == 1 and attempt.passed
    page = client.get(second["Location"])
    assert "This was already saved." in page.text
    # A new rendering of the form is a new submission: the second (and last) attempt.
    assert client.post(url, with_token(answers(post_test))).status_code == 302
    assert AssessmentAttempt.objects.count() == 2


@pytest.mark.parametrize("token", [None, "", "not-a-uuid", "{{7*7}}"])
def test_assessment_without_a_token_records_nothing(client, enrollment, post_test, token):
    client.force_login(enrollment.trainee)
    data = answers(post_test)
    if token is not None:
        data[TOKEN_FIELD] = token
    response = client.post(reverse("courses:assessment_submit", args=[post_test.pk]), data,
                           follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "sent without its one-time code" in body
    assert "you scored" not in body
    assert not AssessmentAttempt.objects.exists() and not SubmissionToken.objects.exists()


def test_refused_assessment_submission_is_not_replayed_as_a_success(client, enrollment,
                                                                    post_test):
    client.force_login(enrollment.trainee)
    url = reverse("courses:assessment_submit", args=[post_test.pk])
    data = with_token(answers(post_test))
    data[next(k for k in data if k.startswith("q-"))] = ["forged"]
    for _ in range(2):
        response = client.post(url, data, follow=True)
        assert "has no choice" in response.content.decode()
    assert not AssessmentAttempt.objects.exists()


@pytest.mark.parametrize("role", ["trainer", "supervisor", "manager"])
def test_assessment_token_does_not_let_others_submit(client, role_users, role, cohort,
                                                     post_test):
    client.force_login(role_users[role])
    response = client.post(reverse("courses:assessment_submit", args=[post_test.pk]),
                           with_token(answers(post_test)))
    assert response.status_code == 302
    assert not AssessmentAttempt.objects.exists()


def _cohort_data(course, organisation, **overrides):
    data = {"course": course.pk, "name": "صور — خريف ٢٠٢٦", "organisation": organisation.pk,
            "country": "LB", "location": "Tyre", "language": "ar",
            "start_date": "2026-09-01", "end_date": "2026-12-01"}
    data.update(overrides)
    return data


def test_double_click_creates_one_cohort(client, trainer, course):
    client.force_login(trainer)
    url = reverse("courses:cohort_create")
    assert len(TOKEN_INPUT.findall(client.get(url).text)) == 1
    data = with_token(_cohort_data(course, OrganisationFactory(name="Cedar Network")))
    first, second = client.post(url, data), client.post(url, data)
    cohort = Cohort.objects.get()
    assert first["Location"] == second["Location"] == reverse("courses:cohort_trainees",
                                                              args=[cohort.pk])
    assert cohort.name == "صور — خريف ٢٠٢٦"


def test_cohort_form_with_errors_keeps_its_token(client, trainer, course):
    client.force_login(trainer)
    url = reverse("courses:cohort_create")
    token = uuid.uuid4()
    organisation = OrganisationFactory()
    refused = client.post(url, with_token(_cohort_data(course, organisation,
                                                       end_date="2026-08-01"), token))
    assert refused.status_code == 200 and str(token) in refused.content.decode()
    assert not Cohort.objects.exists()
    assert client.post(url, with_token(_cohort_data(course, organisation), token)).status_code \
        == 302
    assert Cohort.objects.count() == 1


def test_cohort_without_a_token_is_a_form_error(client, trainer, course):
    client.force_login(trainer)
    response = client.post(reverse("courses:cohort_create"),
                           _cohort_data(course, OrganisationFactory()))
    assert response.status_code == 200
    assert "sent without its one-time code" in response.content.decode()
    assert not Cohort.objects.exists()


@pytest.mark.parametrize("field", ["trainers", "supervisors"])
def test_cohort_form_refuses_out_of_range_people(client, trainer, course, field):
    client.force_login(trainer)
    response = client.post(reverse("courses:cohort_create"),
                           with_token(_cohort_data(course, OrganisationFactory(),
                                                   **{field: [HUGE]})))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Cohort.objects.exists()


@pytest.mark.parametrize("role", ["trainee", "supervisor"])
def test_cohort_create_refused_to_others_even_with_a_token(client, role_users, role, course):
    client.force_login(role_users[role])
    response = client.post(reverse("courses:cohort_create"),
                           with_token(_cohort_data(course, OrganisationFactory())))
    assert response.status_code == 404
    assert not Cohort.objects.exists() and not SubmissionToken.objects.exists()


def test_double_click_on_import_invites_once(client, trainer, cohort,
                                            django_capture_on_commit_callbacks):
    TraineeFactory(email="layla.haddad@example.org")
    client.force_login(trainer)
    url = reverse("courses:cohort_trainees", args=[cohort.pk])
    assert len(TOKEN_INPUT.findall(client.get(url).text)) == 1
    data = with_token({"emails": "layla.haddad@example.org\nyoussef.khatib@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first["Location"]
    assert "This was already saved." in second.content.decode()
    # Both are invited once (the one with an account accepts on My learning).
    assert not Enrollment.objects.filter(cohort=cohort).exists()
    assert CohortInvitation.objects.count() == 2 and len(mail.outbox) == 2


def test_import_without_a_token_adds_nobody(client, trainer, cohort):
    client.force_login(trainer)
    response = client.post(reverse("courses:cohort_trainees", args=[cohort.pk]),
                           {"emails": "youssef.khatib@example.org"})
    assert response.status_code == 200
    assert "sent without its one-time code" in response.content.decode()
    assert not CohortInvitation.objects.exists()
