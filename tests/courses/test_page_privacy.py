"""Wagtail's view restrictions hold on course, lesson and assessment pages, and on the
routes that enrol in them or record progress: nothing is shown or written for a visitor
the restriction refuses."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import AssessmentAttempt, Enrollment, LessonProgress
from tests.courses.conftest import answers
from tests.factories import EnrollmentFactory, TraineeFactory
from tests.once import with_token

pytestmark = pytest.mark.django_db

PASSWORD = "سند-2026=SUM(A1)"


@pytest.fixture
def as_user(client):
    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client
    return login


@pytest.fixture
def pages(course, lessons, post_test):
    return {"course": course, "lesson": lessons[0], "assessment": post_test}


@pytest.fixture
def password_restricted(course):
    return PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD)


@pytest.fixture
def tripoli_group():
    return Group.objects.create(name="مجموعة طرابلس — Tripoli cohort")


@pytest.fixture
def group_restricted(course, tripoli_group):
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(tripoli_group)
    return restriction


@pytest.mark.parametrize("kind", ["course", "lesson", "assessment"])
@pytest.mark.parametrize("who", ["anonymous", "enrolled"])
def test_password_restricted_page_shows_the_password_form(
        kind, who, as_user, course, pages, lessons, post_test, password_restricted, trainee):
    user = None
    if who == "enrolled":
        user = EnrollmentFactory(trainee=trainee, course=course).trainee
    page = pages[kind]
    response = as_user(user).get(page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("wagtailcore_authenticate_with_password",
                   args=[password_restricted.pk, page.pk]) in body
    assert f"courses/{kind}_page.html" not in [t.name for t in response.templates]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["course", "lesson", "assessment"])
def test_password_opens_a_restricted_page(kind, as_user, course, pages, password_restricted,
                                          trainee):
    EnrollmentFactory(trainee=trainee, course=course)
    page = pages[kind]
    client = as_user(trainee)
    wrong = client.post(reverse("wagtailcore_authenticate_with_password",
                                args=[password_restricted.pk, page.pk]),
                        {"password": "wrong", "return_url": page.url})
    assert wrong.status_code == 200
    still_closed = client.get(page.url)
    assert f"courses/{kind}_page.html" not in [t.name for t in still_closed.templates]
    right = client.post(reverse("wagtailcore_authenticate_with_password",
                                args=[password_restricted.pk, page.pk]),
                        {"password": PASSWORD, "return_url": page.url})
    assert right.status_code == 302
    response = client.get(page.url)
    assert response.status_code == 200
    assert f"courses/{kind}_page.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("kind", ["course", "lesson", "assessment"])
def test_group_restricted_page_refuses_anonymous_and_non_members(
        kind, as_user, course, pages, lessons, post_test, group_restricted, tripoli_group, trainee):
    EnrollmentFactory(trainee=trainee, course=course)
    page = pages[kind]
    anonymous = as_user(None).get(page.url)
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    non_member = as_user(trainee).get(page.url)
    assert non_member.status_code == 302
    assert f"courses/{kind}_page.html" not in [t.name for t in non_member.templates]

    trainee.groups.add(tripoli_group)
    member = as_user(trainee).get(page.url)
    assert member.status_code == 200
    assert f"courses/{kind}_page.html" in [t.name for t in member.templates]


def test_enrolment_refused_on_a_password_restricted_course(
        as_user, course, pages, lessons, post_test, password_restricted):
    newcomer = TraineeFactory(full_name="ليلى الحسيني")
    client = as_user(newcomer)
    response = client.post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == course.url
    assert not Enrollment.objects.filter(trainee=newcomer).exists()
    # After the password, enrolment works.
    client.post(reverse("wagtailcore_authenticate_with_password",
                        args=[password_restricted.pk, course.pk]),
                {"password": PASSWORD, "return_url": course.url})
    client.post(reverse("courses:enrol", args=[course.pk]))
    assert Enrollment.objects.filter(trainee=newcomer, course=course).exists()


def test_enrolment_refused_to_a_non_member_of_the_allowed_group(
        as_user, course, pages, lessons, post_test, group_restricted, tripoli_group):
    newcomer = TraineeFactory(full_name="Omar Haddad")
    response = as_user(newcomer).post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert not Enrollment.objects.filter(trainee=newcomer).exists()
    anonymous = as_user(None).post(reverse("courses:enrol", args=[course.pk]))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    newcomer.groups.add(tripoli_group)
    as_user(newcomer).post(reverse("courses:enrol", args=[course.pk]))
    assert Enrollment.objects.filter(trainee=newcomer, course=course).exists()


def test_progress_not_recorded_behind_a_restriction(
        as_user, course, pages, lessons, post_test, group_restricted, tripoli_group, trainee):
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    lesson = lessons[0]
    client = as_user(trainee)
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert response.status_code == 302
    assert not LessonProgress.objects.filter(enrollment=enrollment).exists()
    response = client.post(reverse("courses:assessment_submit", args=[post_test.pk]),
                           with_token(answers(post_test)))
    assert response.status_code == 302
    assert not AssessmentAttempt.objects.filter(enrollment=enrollment).exists()

    trainee.groups.add(tripoli_group)
    client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert LessonProgress.objects.filter(enrollment=enrollment).exists()
