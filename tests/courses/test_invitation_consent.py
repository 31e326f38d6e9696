"""Consent for cohort invitations: nobody is put in a cohort without saying yes, and the
trainer's form does not tell whether an address has an account."""

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from courses.models import CohortInvitation, Enrollment, LessonProgress
from lms.models import AuditEvent
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    ManagerFactory,
    OrganisationFactory,
    PracticeEntryFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
    practice_course,
)
from tests.once import with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return practice_course(title="Psychological first aid", slug="pfa")


@pytest.fixture
def outsider_cohort(course):
    """A cohort of another organisation, trained by someone the trainee never met."""
    cohort = CohortFactory(course=course, name="Mosul autumn",
                           organisation=OrganisationFactory(name="Faraway Relief"))
    cohort.trainers.add(TrainerFactory(email="stranger@example.org", full_name="Stranger"))
    return cohort


@pytest.fixture
def self_paced(course):
    """A self-enrolled trainee with progress and a practice reflection."""
    trainee = TraineeFactory(email="nour.haddad@example.org", full_name="نور حداد")
    enrollment = EnrollmentFactory(trainee=trainee, course=course, cohort=None)
    PracticeEntryFactory(enrollment=enrollment,
                         was_hard="=HYPERLINK(\"x\") — صعب أن أبقى هادئة")
    return enrollment


def _add(client, cohort, emails):
    return client.post(reverse("courses:cohort_trainees", args=[cohort.pk]),
                       with_token({"emails": emails}), follow=True)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]]


# --- Reported defect: a trainer of another organisation takes a trainee over ---------


def test_adding_a_self_paced_trainee_does_not_move_them_or_show_their_practice(
        client, outsider_cohort, self_paced):
    trainer = outsider_cohort.trainers.get()
    client.force_login(trainer)
    _add(client, outsider_cohort, "Nour.Haddad@example.org")
    self_paced.refresh_from_db()
    assert self_paced.cohort is None
    entry = self_paced.practice_entries.get()
    assert client.get(reverse("supervision:entry_detail", args=[entry.pk])).status_code == 404
    assert client.get(reverse("supervision:logbook_enrollment",
                              args=[self_paced.pk])).status_code == 404
    body = client.get(reverse("courses:cohort_detail", args=[outsider_cohort.pk])
                      ).content.decode()
    assert "نور حداد" not in body
    practice = client.get(reverse("supervision:cohort_practice", args=[outsider_cohort.pk]))
    assert "نور حداد" not in practice.content.decode()
    invitation = CohortInvitation.objects.get()
    assert invitation.invitee == self_paced.trainee and invitation.accepted_at is None


def test_form_answers_the_same_whether_or_not_an_address_has_an_account(
        client, course, outsider_cohort, self_paced):
    other = CohortFactory(course=course, name="Tripoli")
    EnrollmentFactory(trainee=TraineeFactory(email="in.tripoli@example.org"), cohort=other)
    SupervisorFactory(email="karim.supervisor@example.org")
    client.force_login(outsider_cohort.trainers.get())
    answers = []
    for email in ("nour.haddad@example.org", "in.tripoli@example.org",
                  "karim.supervisor@example.org", "nobody.here@example.org"):
        response = _add(client, outsider_cohort, email)
        assert response.redirect_chain, response.content.decode()[:2000]
        answers.append(_messages(response))
    assert answers[0] == answers[1] == answers[2] == answers[3]
    assert "1 invitation sent" in answers[0][0]
    body = client.get(reverse("courses:cohort_trainees", args=[outsider_cohort.pk])
                      ).content.decode()
    for word in ("has an account", "already takes this course", "Tripoli", "enrolled"):
        assert word not in body
    assert Enrollment.objects.get(trainee__email="in.tripoli@example.org").cohort == other


def test_a_whole_list_answers_with_one_count_for_known_and_unknown(client, outsider_cohort,
                                                                   self_paced):
    client.force_login(outsider_cohort.trainers.get())
    response = _add(client, outsider_cohort,
                    "nour.haddad@example.org\nnew.person@example.org")
    assert _messages(response)[0].startswith("2 invitations sent")


# --- The invited person answers on My learning ---------------------------------------


@pytest.fixture
def invitation(client, outsider_cohort, self_paced, django_capture_on_commit_callbacks):
    client.force_login(outsider_cohort.trainers.get())
    with django_capture_on_commit_callbacks(execute=True):
        _add(client, outsider_cohort, "Nour.Haddad@example.org")
    client.logout()
    return CohortInvitation.objects.get()


def test_invitation_email_says_what_who_and_where_to_answer(invitation):
    message = mail.outbox[-1]
    assert message.to == ["nour.haddad@example.org"]
    assert "Mosul autumn" in message.subject and "Psychological first aid" in message.subject
    for words in ("نور حداد", "Stranger", "Faraway Relief", "/learn/", "decline"):
        assert words in message.body


def test_plain_text_email_is_not_html_escaped(client, course, self_paced,
                                              django_capture_on_commit_callbacks):
    cohort = CohortFactory(course=course, name="Women & youth — \"Saida\" <2027>",
                           organisation=OrganisationFactory(name="Aid & Care"))
    trainer = TrainerFactory(full_name="D'Souza & Partners")
    cohort.trainers.add(trainer)
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        _add(client, cohort, "nour.haddad@example.org")
    body, subject = mail.outbox[-1].body, mail.outbox[-1].subject
    assert "Women & youth — \"Saida\" <2027>" in subject
    assert "D'Souza & Partners" in body and "Aid & Care" in body
    assert "&amp;" not in body and "&#x27;" not in body and "&quot;" not in body


def test_my_learning_shows_the_invitation_with_cohort_and_inviter(client, invitation,
                                                                  self_paced):
    client.force_login(self_paced.trainee)
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert "Invitations to a cohort" in body and "Mosul autumn" in body
    assert "Stranger" in body and "Faraway Relief" in body
    assert reverse("courses:invitation_accept", args=[invitation.pk]) in body
    assert reverse("courses:invitation_decline", args=[invitation.pk]) in body


def test_accepting_moves_the_enrollment_with_its_progress(client, invitation, self_paced,
                                                          outsider_cohort):
    LessonProgress.objects.create(enrollment=self_paced,
                                  page_key="00000000-0000-0000-0000-000000000001")
    client.force_login(self_paced.trainee)
    response = client.post(reverse("courses:invitation_accept", args=[invitation.pk]),
                           follow=True)
    assert "You joined the cohort “Mosul autumn”" in _messages(response)[0]
    self_paced.refresh_from_db()
    assert self_paced.cohort == outsider_cohort and self_paced.status == "active"
    assert Enrollment.objects.filter(trainee=self_paced.trainee).count() == 1
    assert self_paced.lesson_progress.count() == 1 and self_paced.practice_entries.count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.declined_at is None
    audit = AuditEvent.objects.get(action="cohort_invitation.accepted")
    assert audit.actor == self_paced.trainee and audit.details["previous_cohort"] is None
    # Now, and only now, the cohort's trainer reads the logbook.
    client.force_login(outsider_cohort.trainers.get())
    assert client.get(reverse("supervision:logbook_enrollment",
                              args=[self_paced.pk])).status_code == 200


def test_accepting_without_an_enrollment_enrols(client, outsider_cohort,
                                                django_capture_on_commit_callbacks):
    newcomer = TraineeFactory(email="samir@example.org")
    client.force_login(outsider_cohort.trainers.get())
    _add(client, outsider_cohort, "samir@example.org")
    client.force_login(newcomer)
    client.post(reverse("courses:invitation_accept",
                        args=[CohortInvitation.objects.get().pk]))
    assert Enrollment.objects.get(trainee=newcomer).cohort == outsider_cohort


def test_declining_changes_nothing_and_the_trainer_sees_declined(client, invitation,
                                                                 self_paced, outsider_cohort):
    client.force_login(self_paced.trainee)
    response = client.post(reverse("courses:invitation_decline", args=[invitation.pk]),
                           follow=True)
    assert "You declined the invitation" in _messages(response)[0]
    self_paced.refresh_from_db()
    assert self_paced.cohort is None
    invitation.refresh_from_db()
    assert invitation.declined_at is not None and invitation.accepted_at is None
    assert AuditEvent.objects.filter(action="cohort_invitation.declined",
                                     actor=self_paced.trainee).count() == 1
    assert "Invitations to a cohort" not in client.get(
        reverse("courses:my_learning")).content.decode()
    client.force_login(outsider_cohort.trainers.get())
    body = client.get(reverse("courses:cohort_trainees", args=[outsider_cohort.pk])
                      ).content.decode()
    assert "Nour.Haddad@example.org" in body and "Declined" in body
    assert "نور حداد" not in body


@pytest.mark.parametrize("first, second, message", [
    ("accept", "accept", "You have already accepted this invitation."),
    ("accept", "decline", "You have already accepted this invitation."),
    ("decline", "accept", "You have already declined this invitation."),
    ("decline", "decline", "You have already declined this invitation."),
])
def test_answering_twice_says_so_and_changes_nothing(client, invitation, self_paced, first,
                                                     second, message):
    client.force_login(self_paced.trainee)
    client.post(reverse(f"courses:invitation_{first}", args=[invitation.pk]))
    invitation.refresh_from_db()
    cohort_after_first = Enrollment.objects.get(pk=self_paced.pk).cohort_id
    answered = (invitation.accepted_at, invitation.declined_at)
    response = client.post(reverse(f"courses:invitation_{second}", args=[invitation.pk]),
                           follow=True)
    assert message in _messages(response)
    invitation.refresh_from_db()
    assert (invitation.accepted_at, invitation.declined_at) == answered
    assert Enrollment.objects.get(pk=self_paced.pk).cohort_id == cohort_after_first
    assert AuditEvent.objects.filter(action__startswith="cohort_invitation.").count() == 1


def test_pending_invitations_are_listed_for_the_trainer_without_revealing_accounts(
        client, outsider_cohort, self_paced):
    client.force_login(outsider_cohort.trainers.get())
    _add(client, outsider_cohort, "Nour.Haddad@example.org\nunknown.person@example.org")
    body = client.get(reverse("courses:cohort_trainees", args=[outsider_cohort.pk])
                      ).content.decode()
    assert body.count("Waiting for an answer") == 2
    assert "Nour.Haddad@example.org" in body and "unknown.person@example.org" in body
    # (In the page's own content: the offline outbox in its chrome speaks of being sent.)
    main = body[body.index("<main"):body.index("</main>")]
    assert "queued" not in main and "sent " not in main
    detail = client.get(reverse("courses:cohort_detail", args=[outsider_cohort.pk]))
    assert detail.content.decode().count("Waiting for an answer") == 2


@pytest.mark.parametrize("who", ["anonymous", "other_trainee", "inviting_trainer",
                                 "manager", "supervisor"])
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_only_the_invited_person_answers(client, invitation, self_paced, outsider_cohort,
                                         who, action):
    users = {"anonymous": None, "other_trainee": TraineeFactory(),
             "inviting_trainer": outsider_cohort.trainers.get(),
             "manager": ManagerFactory(organisation=outsider_cohort.organisation),
             "supervisor": SupervisorFactory()}
    if users[who] is not None:
        client.force_login(users[who])
    response = client.post(reverse(f"courses:invitation_{action}", args=[invitation.pk]))
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.declined_at is None
    assert Enrollment.objects.get(pk=self_paced.pk).cohort is None


def test_answering_needs_post(client, invitation, self_paced):
    client.force_login(self_paced.trainee)
    response = client.get(reverse("courses:invitation_accept", args=[invitation.pk]))
    assert response.status_code == 405
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_answering_needs_the_csrf_token(invitation, self_paced):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(self_paced.trainee)
    response = client.post(reverse("courses:invitation_accept", args=[invitation.pk]))
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_completed_course_cannot_join_a_cohort(client, invitation, self_paced):
    from django.utils import timezone

    Enrollment.objects.filter(pk=self_paced.pk).update(status="completed",
                                                       completed_at=timezone.now())
    client.force_login(self_paced.trainee)
    response = client.post(reverse("courses:invitation_accept", args=[invitation.pk]),
                           follow=True)
    assert "already completed “Psychological first aid”" in _messages(response)[0]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Enrollment.objects.get(pk=self_paced.pk).cohort is None


def test_an_existing_accounts_invitation_is_never_accepted_on_confirming_an_address(
        invitation, self_paced):
    address = EmailAddress.objects.get(user=self_paced.trainee)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Enrollment.objects.get(pk=self_paced.pk).cohort is None


def test_an_address_added_later_to_an_old_account_is_not_consent(client, outsider_cohort,
                                                                 self_paced):
    client.force_login(outsider_cohort.trainers.get())
    _add(client, outsider_cohort, "second.address@example.org")
    address = EmailAddress.objects.create(user=self_paced.trainee,
                                          email="second.address@example.org", verified=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert Enrollment.objects.get(pk=self_paced.pk).cohort is None
    assert CohortInvitation.objects.get().accepted_at is None


@pytest.mark.parametrize("who, status", [("manager_of_another_org", 404), ("trainee", 404),
                                         ("supervisor", 404), ("anonymous", 302)])
def test_others_cannot_invite_to_the_cohort(client, outsider_cohort, self_paced, who, status):
    users = {"manager_of_another_org": ManagerFactory(), "trainee": TraineeFactory(),
             "supervisor": SupervisorFactory(), "anonymous": None}
    if users[who] is not None:
        client.force_login(users[who])
    response = client.post(reverse("courses:cohort_trainees", args=[outsider_cohort.pk]),
                           with_token({"emails": "nour.haddad@example.org"}))
    assert response.status_code == status
    assert not CohortInvitation.objects.exists()


def test_manager_of_the_cohorts_organisation_invites(client, outsider_cohort, self_paced):
    client.force_login(ManagerFactory(organisation=outsider_cohort.organisation))
    response = _add(client, outsider_cohort, "nour.haddad@example.org")
    assert _messages(response)[0].startswith("1 invitation sent")
    assert CohortInvitation.objects.get().invitee == self_paced.trainee
    assert Enrollment.objects.get(pk=self_paced.pk).cohort is None
