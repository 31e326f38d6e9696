"""Supervision for self-paced trainees: requests, the course's pool, assignments, and
messages that tell the truth about who has been told."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.models import AuditEvent
from lms.roles import Role
from supervision import services
from supervision.models import (
    CourseSupervisor,
    PracticeEntry,
    SupervisionRequest,
    SupervisorAssignment,
)
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    ManagerFactory,
    PracticeEntryFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def solo(course):
    """A trainee studying the course on their own: no cohort, no supervisor."""
    trainee = TraineeFactory(email="rania@example.org", full_name="رانيا خوري")
    return EnrollmentFactory(trainee=trainee, course=course, cohort=None)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Reported defect: "Your supervisor has been told" when nobody supervises ---------


def test_submitting_without_a_supervisor_says_so_and_links_to_a_request(client, solo):
    entry = PracticeEntryFactory(enrollment=solo)
    client.force_login(solo.trainee)
    response = client.post(reverse("supervision:entries_submit", args=[solo.pk]),
                           {"entries": [entry.pk]})
    messages = _messages(response)
    assert PracticeEntry.objects.get(pk=entry.pk).state == "submitted"
    assert not any("Your supervisor has been told" in m for m in messages)
    assert any("No supervisor yet" in m for m in messages)
    assert any(reverse("supervision:request_create", args=[solo.pk]) in m for m in messages)


def test_submitting_with_a_supervisor_still_says_they_were_told(client, enrollment):
    entry = PracticeEntryFactory(enrollment=enrollment)
    client.force_login(enrollment.trainee)
    response = client.post(reverse("supervision:entries_submit", args=[enrollment.pk]),
                           {"entries": [entry.pk]})
    assert any("Your supervisor has been told" in m for m in _messages(response))


# --- Fixtures: a trainee on their own, and the supervisors they may or may not ask ---


@pytest.fixture
def org_supervisor(solo):
    return SupervisorFactory(full_name="سلمى ناصر", email="salma@example.org",
                             organisation=solo.trainee.organisation)


@pytest.fixture
def pool_supervisor(course, trainer):
    person = SupervisorFactory(full_name="Pierre Dubois-Élie", email="pierre@example.org")
    CourseSupervisor.objects.create(course=course, supervisor=person, added_by=trainer)
    return person


@pytest.fixture
def outsider_supervisor(db):
    return SupervisorFactory(full_name="Outside Supervisor", email="outside@example.org")


@pytest.fixture
def waiting(solo, org_supervisor):
    return services.supervision_request_create(
        trainee=solo.trainee, enrollment=solo, supervisor=org_supervisor,
        message="I practise at the community centre on Tuesdays.")


def _request_url(enrollment):
    return reverse("supervision:request_create", args=[enrollment.pk])


def _login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


# --- Asking for a supervisor ---------------------------------------------------------


def test_request_page_offers_the_organisation_and_the_pool_only(
        client, solo, org_supervisor, pool_supervisor, outsider_supervisor):
    body = _login(client, solo.trainee).get(_request_url(solo)).content.decode()
    assert "سلمى ناصر" in body and "Pierre Dubois-Élie" in body
    assert "Outside Supervisor" not in body and "رانيا خوري" not in body
    assert "No supervisor yet" in body


def test_trainee_requests_a_supervisor(client, solo, pool_supervisor):
    response = _login(client, solo.trainee).post(_request_url(solo), {
        "supervisor": pool_supervisor.pk,
        "message": "=SUM(A1) أعمل في المركز المجتمعي " + "long " * 100})
    assert response.status_code == 302
    made = SupervisionRequest.objects.get()
    assert made.supervisor == pool_supervisor and made.status == "requested"
    assert made.message.startswith("=SUM(A1)") and made.answered_at is None
    assert AuditEvent.objects.filter(action="supervision_request.created",
                                     actor=solo.trainee).count() == 1
    assert "Your request was sent to Pierre Dubois-Élie" in _messages(response)[0]
    body = client.get(reverse("supervision:logbook_enrollment", args=[solo.pk])
                      ).content.decode()
    assert "You asked Pierre Dubois-Élie to supervise you" in body


def test_requesting_from_a_supervisor_outside_the_organisation_and_pool_is_refused(
        client, solo, org_supervisor, outsider_supervisor):
    response = _login(client, solo.trainee).post(_request_url(solo), {
        "supervisor": outsider_supervisor.pk})
    assert response.status_code == 200
    assert ("Choose a supervisor of your organisation or of this course&#x27;s supervisor "
            "pool.") in response.content.decode()
    assert not SupervisionRequest.objects.exists()
    with pytest.raises(ValidationError, match="organisation or of this course"):
        services.supervision_request_create(trainee=solo.trainee, enrollment=solo,
                                            supervisor=outsider_supervisor)


def test_requesting_twice_is_refused_and_the_first_request_stands(client, waiting, solo,
                                                                  pool_supervisor):
    response = _login(client, solo.trainee).post(_request_url(solo), {
        "supervisor": pool_supervisor.pk})
    assert response.status_code == 200
    assert "Send the request" not in response.content.decode()
    with pytest.raises(ValidationError, match="already asked سلمى ناصر"):
        services.supervision_request_create(trainee=solo.trainee, enrollment=solo,
                                            supervisor=pool_supervisor)
    assert list(SupervisionRequest.objects.values_list("pk", "status")) == [
        (waiting.pk, "requested")]


def test_a_supervised_trainee_cannot_request(client, enrollment, supervisor):
    pool = SupervisorFactory(organisation=enrollment.trainee.organisation)
    response = _login(client, enrollment.trainee).get(_request_url(enrollment))
    body = response.content.decode()
    assert "Supervised by" in body and "Karim Mansour" in body
    assert "Send the request" not in body
    with pytest.raises(ValidationError, match="already supervises you"):
        services.supervision_request_create(trainee=enrollment.trainee, enrollment=enrollment,
                                            supervisor=pool)
    assert not SupervisionRequest.objects.exists()


def test_a_cohort_without_supervisors_may_request(client, course, trainer):
    cohort = CohortFactory(course=course)
    enrollment = EnrollmentFactory(cohort=cohort, course=course)
    candidate = SupervisorFactory(organisation=enrollment.trainee.organisation)
    response = _login(client, enrollment.trainee).post(_request_url(enrollment),
                                                       {"supervisor": candidate.pk})
    assert response.status_code == 302
    assert SupervisionRequest.objects.get().enrollment == enrollment


def test_nobody_asks_themselves(course, trainer):
    both = TraineeFactory(roles=[Role.TRAINEE, Role.SUPERVISOR])
    enrollment = EnrollmentFactory(trainee=both, course=course)
    CourseSupervisor.objects.create(course=course, supervisor=both)
    from supervision.selectors import supervision_request_candidates

    assert both not in supervision_request_candidates(enrollment)
    with pytest.raises(ValidationError, match="Nobody can supervise themselves"):
        services.supervision_request_create(trainee=both, enrollment=enrollment,
                                            supervisor=both)
    assert not SupervisionRequest.objects.exists()


def test_contact_details_in_the_message_are_refused(client, solo, org_supervisor):
    response = _login(client, solo.trainee).post(_request_url(solo), {
        "supervisor": org_supervisor.pk,
        "message": "Call my client on +961 3 123 456 about it"})
    assert response.status_code == 200
    assert not SupervisionRequest.objects.exists()


@pytest.mark.parametrize("who", ["other_trainee", "supervisor", "trainer", "manager"])
def test_only_the_trainee_requests_on_their_enrollment(client, solo, org_supervisor, who,
                                                       role_users):
    user = TraineeFactory() if who == "other_trainee" else role_users[who]
    _login(client, user)
    assert client.get(_request_url(solo)).status_code == 404
    assert client.post(_request_url(solo),
                       {"supervisor": org_supervisor.pk}).status_code == 404
    assert not SupervisionRequest.objects.exists()


def test_anonymous_is_sent_to_log_in(client, solo):
    response = client.get(_request_url(solo))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_trainee_cancels_a_waiting_request(client, waiting, solo):
    url = reverse("supervision:request_cancel", args=[waiting.pk])
    assert _login(client, TraineeFactory()).post(url).status_code == 404
    _login(client, solo.trainee).post(url)
    waiting.refresh_from_db()
    assert waiting.status == "cancelled" and waiting.answered_at is not None
    response = client.post(url, follow=True)
    assert "already been answered: it is cancelled" in response.content.decode()


# --- The supervisor answers ----------------------------------------------------------


def test_queue_lists_requests_for_the_chosen_supervisor_only(client, waiting,
                                                             outsider_supervisor,
                                                             org_supervisor):
    body = _login(client, org_supervisor).get(reverse("supervision:queue")).content.decode()
    assert "Requests for supervision" in body and "رانيا خوري" in body
    assert "community centre on Tuesdays" in body
    body = _login(client, outsider_supervisor).get(reverse("supervision:queue")
                                                  ).content.decode()
    assert "رانيا خوري" not in body and "Requests for supervision" not in body


def test_supervisor_accepts_and_then_supervises(client, waiting, solo, org_supervisor):
    response = _login(client, org_supervisor).post(
        reverse("supervision:request_accept", args=[waiting.pk]), follow=True)
    assert "You now supervise رانيا خوري" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "accepted" and waiting.answered_at is not None
    assignment = SupervisorAssignment.objects.get()
    assert assignment.enrollment == solo and assignment.supervisor == org_supervisor
    assert AuditEvent.objects.filter(action="supervision_request.accepted",
                                     actor=org_supervisor).count() == 1
    assert client.get(reverse("supervision:logbook_enrollment",
                              args=[solo.pk])).status_code == 200
    # The trainee now hears the truth: someone was told.
    entry = PracticeEntryFactory(enrollment=solo)
    response = _login(client, solo.trainee).post(
        reverse("supervision:entries_submit", args=[solo.pk]), {"entries": [entry.pk]})
    assert any("Your supervisor has been told" in m for m in _messages(response))
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert "Supervised by" in body and "سلمى ناصر" in body


def test_supervisor_declines(client, waiting, solo, org_supervisor):
    _login(client, org_supervisor).post(reverse("supervision:request_decline",
                                                args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == "declined" and not SupervisorAssignment.objects.exists()
    assert AuditEvent.objects.filter(action="supervision_request.declined").count() == 1
    body = _login(client, solo.trainee).get(reverse("courses:my_learning")).content.decode()
    assert "No supervisor yet" in body and _request_url(solo) in body


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_answering_twice_says_so_and_changes_nothing(client, waiting, org_supervisor, action):
    url = reverse(f"supervision:request_{action}", args=[waiting.pk])
    _login(client, org_supervisor).post(url)
    waiting.refresh_from_db()
    before = (waiting.status, waiting.answered_at, SupervisorAssignment.objects.count())
    response = client.post(reverse("supervision:request_accept", args=[waiting.pk]),
                           follow=True)
    assert "This request has already been answered" in response.content.decode()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.answered_at, SupervisorAssignment.objects.count()) == before


@pytest.mark.parametrize("who, status", [
    ("outsider_supervisor", 404), ("owner", 404), ("trainer", 404), ("manager", 404),
    ("anonymous", 302)])
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_only_the_chosen_supervisor_answers(client, waiting, solo, who, status, action,
                                            outsider_supervisor, role_users):
    users = {"outsider_supervisor": outsider_supervisor, "owner": solo.trainee,
             "trainer": role_users["trainer"], "manager": role_users["manager"],
             "anonymous": None}
    response = _login(client, users[who]).post(
        reverse(f"supervision:request_{action}", args=[waiting.pk]))
    assert response.status_code == status
    waiting.refresh_from_db()
    assert waiting.status == "requested" and not SupervisorAssignment.objects.exists()


# --- My learning and the logbook tell who supervises ---------------------------------


def test_my_learning_shows_no_supervisor_then_the_waiting_request(client, solo,
                                                                  org_supervisor):
    _login(client, solo.trainee)
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert "No supervisor yet" in body and _request_url(solo) in body
    services.supervision_request_create(trainee=solo.trainee, enrollment=solo,
                                        supervisor=org_supervisor)
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert "You asked سلمى ناصر to supervise you" in body
    assert "Cancel the request" in body


def test_logbook_of_a_cohort_trainee_names_the_supervisor(client, enrollment):
    body = _login(client, enrollment.trainee).get(
        reverse("supervision:logbook_enrollment", args=[enrollment.pk])).content.decode()
    assert "Supervised by" in body and "Karim Mansour" in body
    assert "Request a supervisor" not in body


# --- The course's supervisor pool ----------------------------------------------------


def _pool_url(course):
    return reverse("supervision:course_pool", args=[course.pk])


def test_cohort_trainer_adds_and_removes_pool_members(client, course, cohort, trainer,
                                                     outsider_supervisor):
    _login(client, trainer)
    assert client.get(_pool_url(course)).status_code == 200
    response = client.post(_pool_url(course), {"supervisor": outsider_supervisor.pk})
    assert response.status_code == 302
    member = CourseSupervisor.objects.get()
    assert member.supervisor == outsider_supervisor and member.added_by == trainer
    assert member.course_key == course.translation_key
    assert "Outside Supervisor" in client.get(_pool_url(course)).content.decode()
    client.post(_pool_url(course), {"remove": outsider_supervisor.pk})
    assert not CourseSupervisor.objects.exists()
    assert list(AuditEvent.objects.filter(action__startswith="course_supervisor.")
                .order_by("pk").values_list("action", flat=True)) == [
        "course_supervisor.added", "course_supervisor.removed"]


def test_pool_refuses_someone_who_is_not_a_supervisor(client, course, cohort, trainer):
    not_a_supervisor = TraineeFactory()
    response = _login(client, trainer).post(_pool_url(course),
                                            {"supervisor": not_a_supervisor.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CourseSupervisor.objects.exists()
    with pytest.raises(ValidationError, match="is not a supervisor"):
        services.course_supervisor_add(actor=trainer, course=course,
                                       supervisor=not_a_supervisor)


def test_a_trainer_who_may_edit_the_course_sets_its_pool(client, course, outsider_supervisor):
    # The Trainer group may edit every page under the home page (content migrations), so
    # a trainer with no cohort of the course may still set its pool.
    editor = TrainerFactory()
    _login(client, editor).post(_pool_url(course), {"supervisor": outsider_supervisor.pk})
    assert CourseSupervisor.objects.get().added_by == editor


@pytest.mark.parametrize("who", ["trainee", "supervisor", "manager"])
def test_pool_is_closed_to_others(client, course, cohort, who, role_users,
                                  outsider_supervisor):
    _login(client, role_users[who])
    assert client.get(_pool_url(course)).status_code == 404
    assert client.post(_pool_url(course),
                       {"supervisor": outsider_supervisor.pk}).status_code == 404
    assert not CourseSupervisor.objects.exists()


def test_pool_needs_login(client, course):
    response = client.get(_pool_url(course))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Trainers and programme managers assign supervisors to self-paced trainees -------


def _assign_url(enrollment):
    return reverse("supervision:enrollment_supervisors", args=[enrollment.pk])


def test_manager_of_the_trainees_organisation_assigns(client, solo, outsider_supervisor):
    manager = ManagerFactory(organisation=solo.trainee.organisation)
    _login(client, manager)
    body = client.get(reverse("supervision:self_paced")).content.decode()
    assert "رانيا خوري" in body and _assign_url(solo) in body
    response = client.post(_assign_url(solo), {"supervisor": outsider_supervisor.pk})
    assert response.status_code == 302 and response["Location"].endswith("/supervise/self-paced/")
    assert SupervisorAssignment.objects.get().enrollment == solo
    assert AuditEvent.objects.filter(action="supervisor.assigned_to_enrollment",
                                     actor=manager).count() == 1


def test_a_trainer_does_not_assign_self_paced_trainees(client, solo, cohort, trainer,
                                                       outsider_supervisor):
    """Training a cohort of the course is no view of the trainees who study it alone:
    whoever is assigned reads their reflections, so only their organisation's programme
    manager assigns (or the trainee asks)."""
    _login(client, trainer)
    assert client.get(reverse("supervision:self_paced")).status_code == 404
    assert client.post(_assign_url(solo),
                       {"supervisor": outsider_supervisor.pk}).status_code == 404
    assert not SupervisorAssignment.objects.exists()


@pytest.mark.parametrize("who", ["other_manager", "owner", "supervisor", "other_trainee"])
def test_others_cannot_assign_to_a_self_paced_trainee(client, solo, who, role_users,
                                                      outsider_supervisor):
    users = {"other_manager": ManagerFactory(), "owner": solo.trainee,
             "supervisor": role_users["supervisor"], "other_trainee": TraineeFactory()}
    _login(client, users[who])
    assert client.get(_assign_url(solo)).status_code == 404
    assert client.post(_assign_url(solo),
                       {"supervisor": outsider_supervisor.pk}).status_code == 404
    assert not SupervisorAssignment.objects.exists()
    if who == "other_manager":
        assert "رانيا خوري" not in client.get(reverse("supervision:self_paced")
                                              ).content.decode()
    else:
        assert client.get(reverse("supervision:self_paced")).status_code == 404


def test_a_trainee_is_never_assigned_to_themselves(client, course, manager):
    both = TraineeFactory(roles=[Role.TRAINEE, Role.SUPERVISOR],
                          organisation=manager.organisation)
    enrollment = EnrollmentFactory(trainee=both, course=course)
    response = _login(client, manager).post(_assign_url(enrollment), {"supervisor": both.pk})
    assert response.status_code == 200
    assert not SupervisorAssignment.objects.exists()
    with pytest.raises(ValidationError, match="cannot supervise themselves"):
        services.supervisor_assign_to_enrollment(actor=manager, enrollment=enrollment,
                                                 supervisor=both)


def test_self_paced_page_needs_login(client):
    response = client.get(reverse("supervision:self_paced"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_assigning_needs_login(client, solo, outsider_supervisor):
    response = client.post(_assign_url(solo), {"supervisor": outsider_supervisor.pk})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SupervisorAssignment.objects.exists()


def test_cancelling_needs_login_and_post(client, waiting, solo):
    url = reverse("supervision:request_cancel", args=[waiting.pk])
    assert client.post(url).status_code == 302
    assert _login(client, solo.trainee).get(url).status_code == 405
    waiting.refresh_from_db()
    assert waiting.status == "requested"


def test_the_chosen_supervisor_is_emailed_once(client, solo, org_supervisor, mailoutbox,
                                              django_capture_on_commit_callbacks):
    from supervision.tasks import notify_supervisor_of_request

    with django_capture_on_commit_callbacks(execute=True):
        _login(client, solo.trainee).post(_request_url(solo), {
            "supervisor": org_supervisor.pk, "message": "Tuesdays & Thursdays at 'Amal' centre"})
    assert [m.to for m in mailoutbox] == [["salma@example.org"]]
    body = mailoutbox[0].body
    assert "رانيا خوري" in mailoutbox[0].subject
    assert "Tuesdays & Thursdays at 'Amal' centre" in body and "/supervise/" in body
    made = SupervisionRequest.objects.get()
    assert made.notified_at is not None
    assert notify_supervisor_of_request(made.pk) is False
    assert len(mailoutbox) == 1


def test_no_email_for_a_request_cancelled_before_sending(solo, org_supervisor, mailoutbox):
    from supervision.tasks import notify_supervisor_of_request

    made = services.supervision_request_create(trainee=solo.trainee, enrollment=solo,
                                               supervisor=org_supervisor)
    services.supervision_request_cancel(trainee=solo.trainee, request=made)
    assert notify_supervisor_of_request(made.pk) is False
    assert not mailoutbox
