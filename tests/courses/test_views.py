"""Every view for each role: who may use it, and what the others get (never a 500)."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from courses.models import AssessmentAttempt, Cohort, Enrollment, LessonProgress
from tests.courses.conftest import answers
from tests.factories import (
    CohortFactory,
    OrganisationFactory,
    SupervisorFactory,
    TrainerFactory,
)
from tests.once import with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client
    return login


# --- Course, lesson and assessment pages ---------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "trainee", "trainer", "supervisor", "manager"])
def test_course_page_shows_how_to_enrol(role, role_users, as_user, course):
    client = as_user(role_users.get(role))
    response = client.get(course.url)
    assert response.status_code == 200
    assert "courses/course_page.html" in [t.name for t in response.templates]
    body = response.content.decode()
    if role == "anonymous":
        assert "Log in to enrol" in body
    elif role == "trainee":
        assert "Enrol in this course" in body
    else:
        assert "Only trainee accounts enrol" in body


def test_enrolled_course_page_shows_progress_and_next_step(as_user, enrollment, plan):
    response = as_user(enrollment.trainee).get(plan.course.url)
    body = response.content.decode()
    assert "<progress" in body and "0 of 4 lessons completed" in body
    assert plan.sequence[0].url in body


@pytest.mark.parametrize("role, allowed", [
    ("anonymous", False), ("trainee", False), ("trainer", True), ("supervisor", False),
    ("manager", False), ("enrolled", True), ("superuser", True)])
@pytest.mark.parametrize("page_kind", ["lesson", "assessment"])
def test_lessons_and_tests_open_to_enrolled_and_course_trainers(
        role, allowed, page_kind, role_users, superuser, as_user, cohort, plan, trainee):
    if role == "enrolled":
        Enrollment.objects.create(trainee=trainee, course=cohort.course, cohort=cohort)
        user = trainee
    else:
        user = superuser if role == "superuser" else role_users.get(role)
    page = plan.required_lessons[0] if page_kind == "lesson" else plan.post_test
    response = as_user(user).get(page.url)
    if allowed:
        assert response.status_code == 200
        expected = f"courses/{page_kind}_page.html"
        assert expected in [t.name for t in response.templates]
        if role in ("trainer", "superuser"):
            assert "Preview" in response.content.decode()
    else:
        assert response.status_code == 302
        assert response["Location"] == plan.course.url


def test_cohort_trainer_previews_only_their_course(as_user, plan, cohort):
    """Trainers may also preview through Wagtail's edit permission; someone without it
    previews only the courses of the cohorts they train."""
    helper = SupervisorFactory()
    CohortFactory().trainers.add(helper)
    assert as_user(helper).get(plan.required_lessons[0].url).status_code == 302
    cohort.trainers.add(helper)
    assert as_user(helper).get(plan.required_lessons[0].url).status_code == 200


def test_withdrawn_trainee_is_sent_to_the_course_page(as_user, enrollment, plan):
    enrollment.status = "withdrawn"
    enrollment.save()
    response = as_user(enrollment.trainee).get(plan.required_lessons[0].url)
    assert response.status_code == 302


def test_visiting_a_lesson_remembers_where_the_trainee_is(as_user, enrollment, plan):
    lesson = plan.required_lessons[1]
    as_user(enrollment.trainee).get(lesson.url)
    enrollment.refresh_from_db()
    assert enrollment.last_page_key == lesson.translation_key


# --- Enrol and withdraw --------------------------------------------------------------


def test_enrol_needs_login(as_user, course):
    response = as_user(None).post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Enrollment.objects.exists()


def test_trainee_enrols_and_lands_on_the_first_step(as_user, trainee, plan):
    response = as_user(trainee).post(reverse("courses:enrol", args=[plan.course.pk]))
    assert response.status_code == 302 and response["Location"] == plan.sequence[0].url
    assert Enrollment.objects.get().trainee == trainee


@pytest.mark.parametrize("role", ["trainer", "supervisor", "manager"])
def test_other_roles_cannot_enrol(role, role_users, as_user, course):
    response = as_user(role_users[role]).post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 404
    assert not Enrollment.objects.exists()


def test_wrong_key_says_so_and_enrols_nobody(as_user, trainee, course):
    course.enrolment, course.enrolment_key = "key", "SECRET"
    course.save_revision().publish()
    response = as_user(trainee).post(reverse("courses:enrol", args=[course.pk]),
                                     {"key": "nope"}, follow=True)
    assert "enrolment key is not right" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_enrol_is_post_only_and_404_for_a_non_course(as_user, trainee, plan):
    client = as_user(trainee)
    assert client.get(reverse("courses:enrol", args=[plan.course.pk])).status_code == 405
    assert client.post(reverse("courses:enrol", args=[plan.sequence[1].pk])).status_code == 404
    assert client.post(reverse("courses:enrol", args=[999999])).status_code == 404


def test_withdraw_own_only(as_user, enrollment, role_users):
    url = reverse("courses:withdraw", args=[enrollment.pk])
    assert as_user(None).post(url).status_code == 302
    assert as_user(role_users["trainer"]).post(url).status_code == 404
    response = as_user(enrollment.trainee).post(url)
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn"


# --- Lesson completion and assessments -----------------------------------------------


def test_mark_complete_twice_records_once_and_moves_on(as_user, enrollment, plan):
    lesson = plan.required_lessons[0]
    client = as_user(enrollment.trainee)
    url = reverse("courses:lesson_complete", args=[lesson.pk])
    first = client.post(url)
    second = client.post(url)
    following = plan.sequence[plan.sequence.index(lesson) + 1]
    assert first["Location"] == following.url and second.status_code == 302
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1


@pytest.mark.parametrize("role", ["anonymous", "trainee", "trainer"])
def test_mark_complete_refused_to_the_not_enrolled(role, role_users, as_user, plan):
    response = as_user(role_users.get(role)).post(
        reverse("courses:lesson_complete", args=[plan.required_lessons[0].pk]))
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()


def test_submit_shows_score_and_feedback(as_user, enrollment, post_test):
    client = as_user(enrollment.trainee)
    response = client.post(reverse("courses:assessment_submit", args=[post_test.pk]),
                           with_token(answers(post_test, right=False)), follow=True)
    body = response.content.decode()
    assert "Not passed yet" in body and "you scored 0%" in body
    assert "1 attempt left" in body
    # The feedback states the right answers: not while an attempt is still ahead.
    assert "Look again." not in body and "shown after your last attempt" in body
    response = client.post(reverse("courses:assessment_submit", args=[post_test.pk]),
                           with_token(answers(post_test)), follow=True)
    body = response.content.decode()
    assert "you scored 100%" in body and "Passed" in body
    assert "Feedback on each question" in body and "Yes: reflecting shows you heard." in body
    assert AssessmentAttempt.objects.count() == 2


def test_feedback_only_after_submission(as_user, enrollment, post_test):
    body = as_user(enrollment.trainee).get(post_test.url).content.decode()
    assert "Feedback on each question" not in body and "Look again." not in body


def test_forged_choice_is_refused_with_a_message(as_user, enrollment, post_test):
    data = answers(post_test)
    data[next(iter(data))] = ["forged"]
    response = as_user(enrollment.trainee).post(
        reverse("courses:assessment_submit", args=[post_test.pk]), with_token(data),
        follow=True)
    assert "has no choice" in response.content.decode()
    assert not AssessmentAttempt.objects.exists()


def test_attempt_beyond_maximum_via_the_form(as_user, enrollment, post_test):
    client = as_user(enrollment.trainee)
    url = reverse("courses:assessment_submit", args=[post_test.pk])
    for _ in range(2):
        client.post(url, with_token(answers(post_test, right=False)))
    response = client.post(url, with_token(answers(post_test)), follow=True)
    assert "used all 2 attempts" in response.content.decode()
    assert AssessmentAttempt.objects.count() == 2


@pytest.mark.parametrize("role", ["anonymous", "trainer", "supervisor", "manager"])
def test_submit_refused_to_others(role, role_users, as_user, cohort, post_test):
    response = as_user(role_users.get(role)).post(
        reverse("courses:assessment_submit", args=[post_test.pk]),
        with_token(answers(post_test)))
    assert response.status_code == 302
    assert not AssessmentAttempt.objects.exists()


# --- My learning ---------------------------------------------------------------------


def test_my_learning_needs_login(as_user):
    response = as_user(None).get(reverse("courses:my_learning"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["trainee", "trainer", "supervisor", "manager"])
def test_my_learning_for_each_role(role, role_users, as_user):
    response = as_user(role_users[role]).get(reverse("courses:my_learning"))
    assert response.status_code == 200
    assert "not enrolled in a course yet" in response.content.decode()


def test_my_learning_shows_progress_next_step_and_checklist(as_user, enrollment, plan, lessons):
    from courses import services

    services.lesson_complete(trainee=enrollment.trainee, lesson=lessons[0])
    body = as_user(enrollment.trainee).get(reverse("courses:my_learning")).content.decode()
    assert "1 of 4 lessons completed" in body
    assert "Not attempted yet" in body
    assert plan.sequence[0].url in body  # the pre-test is the first step not done


def test_my_learning_shows_the_translation_being_read(as_user, enrollment, plan):
    from tests.content.test_catalogue_and_languages import translate_tree

    def arabic(page, title):
        translated = translate_tree(page)
        translated.title = title
        translated.save_revision().publish()
        return translated

    course = arabic(enrollment.course, "مهارات المساعدة الأساسية")
    pre_test = arabic(Page.objects.get(pk=plan.sequence[0].pk).specific, "الاختبار القبلي")
    client = as_user(enrollment.trainee)

    body = client.get(reverse("courses:my_learning")).content.decode()
    assert enrollment.course.title in body and plan.sequence[0].url in body
    assert course.title not in body

    with translation.override("ar"):
        url = reverse("courses:my_learning")
    body = client.get(url).content.decode()
    assert course.title in body and pre_test.title in body
    assert f'href="{course.url}"' in body and f'href="{pre_test.url}"' in body
    assert "الاختبار البعدي" in body  # the checklist names the post-test in Arabic too
    # Progress stays with the enrollment, whichever language the page is read in.
    assert Enrollment.objects.filter(trainee=enrollment.trainee).count() == 1


# --- Cohorts -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["courses:cohort_list", "courses:cohort_create"])
@pytest.mark.parametrize("role, status", [("trainee", 404), ("supervisor", 404),
                                          ("trainer", 200), ("manager", 200)])
def test_cohort_pages_for_trainers_and_managers(name, role, status, role_users, as_user):
    assert as_user(role_users[role]).get(reverse(name)).status_code == status


@pytest.mark.parametrize("name", ["courses:cohort_list", "courses:cohort_create"])
def test_cohort_pages_need_login(name, as_user):
    assert as_user(None).get(reverse(name)).status_code == 302


# The XLSX export answers with a redirect to its job: tests/courses/test_exports.py.
@pytest.mark.parametrize("name", ["courses:cohort_detail", "courses:cohort_trainees",
                                  "courses:cohort_export_csv"])
def test_cohort_views_by_role(name, as_user, cohort, role_users, superuser):
    url = reverse(name, args=[cohort.pk])
    assert as_user(None).get(url).status_code == 302
    assert as_user(role_users["trainee"]).get(url).status_code == 404
    assert as_user(role_users["supervisor"]).get(url).status_code == 404
    assert as_user(role_users["trainer"]).get(url).status_code == 200
    assert as_user(superuser).get(url).status_code == 200
    # A programme manager sees the cohorts of their own organisation only.
    manager = role_users["manager"]
    assert as_user(manager).get(url).status_code == 404
    manager.organisation = cohort.organisation
    manager.save()
    assert as_user(manager).get(url).status_code == 200
    assert as_user(TrainerFactory()).get(url).status_code == 404


def test_cohort_list_shows_only_visible_cohorts(as_user, cohort, trainer):
    CohortFactory(name="Someone else's")
    body = as_user(trainer).get(reverse("courses:cohort_list")).content.decode()
    assert "Beirut spring" in body and "Someone else" not in body


def test_create_cohort(as_user, trainer, supervisor, course):
    organisation = OrganisationFactory(name="Cedar Psychosocial Network")
    response = as_user(trainer).post(reverse("courses:cohort_create"), with_token({
        "course": course.pk, "name": "Tyre autumn", "organisation": organisation.pk,
        "country": "LB", "location": "Tyre", "language": "ar", "start_date": "2026-09-01",
        "end_date": "2026-12-01", "supervisors": [supervisor.pk]}))
    cohort = Cohort.objects.get(name="Tyre autumn")
    assert response["Location"] == reverse("courses:cohort_trainees", args=[cohort.pk])
    assert list(cohort.trainers.all()) == [trainer]
    assert list(cohort.supervisors.all()) == [supervisor]


def test_create_cohort_with_bad_dates_saves_nothing(as_user, trainer, course):
    organisation = OrganisationFactory()
    response = as_user(trainer).post(reverse("courses:cohort_create"), with_token({
        "course": course.pk, "name": "Backwards", "organisation": organisation.pk,
        "country": "LB", "language": "en", "start_date": "2026-09-01",
        "end_date": "2026-08-01"}))
    assert response.status_code == 200
    assert "must end on or after" in response.content.decode()
    assert not Cohort.objects.exists()


def test_manager_creates_cohorts_for_their_organisation_only(as_user, manager, course):
    manager.organisation = OrganisationFactory(name="Mine")
    manager.save()
    other = OrganisationFactory(name="Theirs")
    data = {"course": course.pk, "name": "X", "organisation": other.pk, "country": "LB",
            "language": "en", "start_date": "2026-09-01", "end_date": "2026-10-01"}
    response = as_user(manager).post(reverse("courses:cohort_create"), with_token(data))
    assert "own organisation" in response.content.decode()
    assert not Cohort.objects.exists()
    data["organisation"] = manager.organisation.pk
    assert as_user(manager).post(reverse("courses:cohort_create"),
                                 with_token(data)).status_code == 302


@pytest.mark.parametrize("name, location, field, message", [
    ("\u200b\u200b", "Tyre", "name", "This field is required."),
    ("Tyre\x1bautumn", "Tyre", "name", "control character"),
    ("Tyre autumn", "ص" * 201, "location", "at most 200 characters"),
])
def test_create_cohort_with_bad_text_saves_nothing(as_user, trainer, course, name, location,
                                                   field, message):
    organisation = OrganisationFactory()
    response = as_user(trainer).post(reverse("courses:cohort_create"), with_token({
        "course": course.pk, "name": name, "organisation": organisation.pk,
        "country": "LB", "location": location, "language": "ar", "start_date": "2026-09-01",
        "end_date": "2026-12-01"}))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Cohort.objects.exists()


def test_cohort_text_is_stored_cleaned(as_user, trainer, course):
    organisation = OrganisationFactory()
    response = as_user(trainer).post(reverse("courses:cohort_create"), with_token({
        "course": course.pk, "name": "\u202eصور\u200b  الخريف", "organisation": organisation.pk,
        "country": "LB", "location": "Ｔｙｒｅ", "language": "ar", "start_date": "2026-09-01",
        "end_date": "2026-12-01"}))
    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert (cohort.name, cohort.location) == ("صور الخريف", "Tyre")
