"""A supervisor's trainees: a page at a time, found by name, never anyone else's."""

import pytest
from django.urls import reverse

from courses.models import Enrollment
from lms.models import User
from supervision.models import SupervisorAssignment
from supervision.views import TRAINEES_PER_PAGE
from tests.factories import SupervisorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_trainees(course, supervisor):
    password = User.objects.get(pk=supervisor.pk).password
    users = User.objects.bulk_create([
        User(email=f"trainee-{i}@field.example", full_name=f"Person {i:03d}", password=password)
        for i in range(TRAINEES_PER_PAGE + 7)])
    enrollments = Enrollment.objects.bulk_create([
        Enrollment(trainee=u, course=course, course_key=course.translation_key) for u in users])
    SupervisorAssignment.objects.bulk_create([
        SupervisorAssignment(supervisor=supervisor, enrollment=e) for e in enrollments])
    return users


def _rows(html):
    return html.count('<th scope="row">')


def test_the_trainees_come_a_page_at_a_time(client, supervisor, many_trainees):
    client.force_login(supervisor)
    url = reverse("supervision:trainees")
    html = client.get(url).content.decode()
    assert f"{TRAINEES_PER_PAGE + 7} trainees" in html
    assert _rows(html) == TRAINEES_PER_PAGE
    assert "Person 000" in html and f"Person {TRAINEES_PER_PAGE:03d}" not in html
    assert "?page=2#trainees-heading" in html
    second = client.get(url, {"page": 2}).content.decode()
    assert _rows(second) == 7 and f"Person {TRAINEES_PER_PAGE + 6:03d}" in second


def test_a_supervisor_finds_a_trainee_by_name_or_email(client, supervisor, many_trainees):
    client.force_login(supervisor)
    url = reverse("supervision:trainees")
    html = client.get(url, {"q": "person 01"}).content.decode()
    assert _rows(html) == 10 and "Person 010" in html and "Person 020" not in html
    assert _rows(client.get(url, {"q": "trainee-5@field"}).content.decode()) == 1
    # The search is kept from page to page.
    assert "?q=person&amp;page=2" in client.get(url, {"q": "person"}).content.decode()


def test_the_search_never_reaches_another_supervisors_trainees(client, supervisor,
                                                               many_trainees):
    other = SupervisorFactory()
    client.force_login(other)
    html = client.get(reverse("supervision:trainees"), {"q": "Person"}).content.decode()
    assert _rows(html) == 0 and "None of your trainees" in html


def test_a_search_too_long_is_ignored_not_an_error(client, supervisor, many_trainees):
    client.force_login(supervisor)
    response = client.get(reverse("supervision:trainees"), {"q": "x" * 500})
    assert response.status_code == 200
    assert _rows(response.content.decode()) == TRAINEES_PER_PAGE
