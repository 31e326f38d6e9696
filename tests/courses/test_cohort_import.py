"""Adding trainees to a cohort by e-mail list or CSV: all or nothing, errors by line,
invitations for people without an account, and landing in the cohort on sign-up."""

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import CohortInvitation, Enrollment
from tests.factories import OrganisationFactory, SupervisorFactory, TraineeFactory, UserFactory
from tests.once import with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def cedar(db):
    return OrganisationFactory(name="Cedar Psychosocial Network")


def _csv(text, name="trainees.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _post(client, cohort, **data):
    return client.post(reverse("courses:cohort_trainees", args=[cohort.pk]), with_token(data))


def test_csv_invites_members_and_the_others(client, trainer, cohort, cedar,
                                           django_capture_on_commit_callbacks):
    member = TraineeFactory(email="layla@example.org", full_name="ليلى حداد")
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cohort, csv_file=_csv(
            "full_name,email,organisation\n"
            "Layla Haddad,LAYLA@example.org,Cedar Psychosocial Network\n"
            "Youssef Khatib,youssef@example.org,Cedar Psychosocial Network\n"))
    assert response.status_code == 302
    # A member is asked, not enrolled: nothing moves until they accept.
    assert not Enrollment.objects.exists()
    member_invitation = CohortInvitation.objects.get(invitee=member)
    assert member_invitation.email == "LAYLA@example.org"
    invitation = CohortInvitation.objects.get(invitee__isnull=True)
    assert invitation.email == "youssef@example.org" and invitation.organisation == cedar
    assert invitation.sent_at is not None and member_invitation.sent_at is not None
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"youssef@example.org", "layla@example.org"}
    assert "Basic helping skills" in by_address["youssef@example.org"].subject
    assert "/accounts/signup/" in by_address["youssef@example.org"].body
    to_member = by_address["layla@example.org"]
    assert "/accounts/signup/" not in to_member.body and "/learn/" in to_member.body
    assert "ليلى حداد" in to_member.body and "Omar Nassar" in to_member.body
    assert "Beirut spring" in to_member.subject and "accept or decline" in to_member.body.lower()


def test_email_list_works_too(client, trainer, cohort, django_capture_on_commit_callbacks):
    TraineeFactory(email="a@example.org")
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, cohort, emails="a@example.org\nb@example.org, c@example.org")
    assert not Enrollment.objects.filter(cohort=cohort).exists()
    assert CohortInvitation.objects.count() == 3 and len(mail.outbox) == 3


def test_adding_the_same_people_twice_changes_nothing(client, trainer, cohort,
                                                     django_capture_on_commit_callbacks):
    TraineeFactory(email="a@example.org")
    client.force_login(trainer)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            _post(client, cohort, emails="a@example.org\nb@example.org")
    assert not Enrollment.objects.exists() and CohortInvitation.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("content, message", [
    ("name,email\nLayla,l@example.org\n", "lacks the column(s) full_name, organisation"),
    ("full_name,email,organisation\nLayla,not-an-email,Cedar Psychosocial Network\n",
     "Line 2: “not-an-email” is not a valid e-mail address."),
    ("full_name,email,organisation\nA,a@example.org,Cedar Psychosocial Network\n"
     "B,A@example.org,Cedar Psychosocial Network\n", "Line 3: A@example.org is already on line 2."),
    ("full_name,email,organisation\nA,a@example.org,Nowhere NGO\n",
     "Line 2: there is no organisation called “Nowhere NGO”."),
    ("full_name,email,organisation\n,a@example.org,Cedar Psychosocial Network\n",
     "Line 2: full_name is empty."),
    ("full_name,email,organisation\n", "has no trainees"),
])
def test_bad_csv_names_the_problem_and_adds_nobody(content, message, client, trainer, cohort,
                                                  cedar):
    TraineeFactory(email="ok@example.org")
    client.force_login(trainer)
    good_line = "Ok Person,ok@example.org,Cedar Psychosocial Network\n"
    if content.count("\n") > 1:
        content = content + good_line
    response = _post(client, cohort, csv_file=_csv(content))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert not Enrollment.objects.exists() and not CohortInvitation.objects.exists()
    assert not mail.outbox


def test_non_utf8_file_is_refused(client, trainer, cohort):
    client.force_login(trainer)
    upload = SimpleUploadedFile("t.csv", "full_name,email,organisation\nÉ,e@x.org,X\n"
                                .encode("latin-1"))
    response = _post(client, cohort, csv_file=upload)
    assert "not UTF-8" in response.content.decode()


def test_account_that_is_not_a_trainee_is_invited_but_never_told(
        client, trainer, cohort, django_capture_on_commit_callbacks):
    supervisor = SupervisorFactory(email="sup@example.org")
    TraineeFactory(email="t@example.org")
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cohort, emails="t@example.org\nsup@example.org")
    # The form says nothing about accounts: both addresses count as invitations.
    assert response.status_code == 302
    assert CohortInvitation.objects.filter(cohort=cohort).count() == 2
    assert [m.to for m in mail.outbox] == [["t@example.org"]]
    assert not Enrollment.objects.exists()
    client.force_login(supervisor)
    assert "Invitations to a cohort" not in client.get(
        reverse("courses:my_learning")).content.decode()


def test_malformed_and_duplicate_emails_in_the_list(client, trainer, cohort):
    client.force_login(trainer)
    response = _post(client, cohort, emails="a@example.org\nbad@\nA@example.org")
    body = response.content.decode()
    assert "Line 2" in body and "Line 3: A@example.org is already on line 1." in body
    assert not CohortInvitation.objects.exists()


def test_trainee_in_another_cohort_of_the_course_is_not_named(client, trainer, cohort):
    from tests.factories import CohortFactory, EnrollmentFactory

    other = CohortFactory(course=cohort.course, name="Tripoli")
    EnrollmentFactory(trainee=TraineeFactory(email="t@example.org"), cohort=other)
    client.force_login(trainer)
    response = _post(client, cohort, emails="t@example.org")
    assert response.status_code == 302
    assert "Tripoli" not in client.get(response["Location"]).content.decode()
    assert Enrollment.objects.get().cohort == other


def test_empty_form_says_what_to_do(client, trainer, cohort):
    client.force_login(trainer)
    response = _post(client, cohort)
    assert "Type some e-mail addresses or choose a CSV file" in response.content.decode()


def test_invited_person_lands_in_the_cohort_on_confirming_their_email(
        client, trainer, cohort, cedar, django_capture_on_commit_callbacks):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, cohort, csv_file=_csv("full_name,email,organisation\n"
                                           "Youssef,youssef@example.org,Cedar Psychosocial Network\n"))
    client.logout()
    # Sign up through allauth with the invited address.
    response = client.post(reverse("account_signup"), {
        "email": "Youssef@example.org", "full_name": "Youssef Khatib",
        "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"})
    assert response.status_code == 302
    address = EmailAddress.objects.get(email__iexact="youssef@example.org")
    assert not Enrollment.objects.filter(trainee=address.user).exists()  # not before proof
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    enrollment = Enrollment.objects.get(trainee=address.user)
    assert enrollment.cohort == cohort and enrollment.status == "active"
    address.user.refresh_from_db()
    assert address.user.organisation == cedar
    assert CohortInvitation.objects.get().accepted_at is not None
    # Confirming again (a second address, a replay) enrols nobody twice.
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert Enrollment.objects.filter(trainee=address.user).count() == 1


def test_confirming_through_allauth_view_enrols(client, cohort):
    from allauth.account.models import EmailConfirmationHMAC

    CohortInvitation.objects.create(cohort=cohort, email="new@example.org")
    user = UserFactory(email="new@example.org", verified=False)
    address = EmailAddress.objects.create(user=user, email="new@example.org", primary=True)
    key = EmailConfirmationHMAC(address).key
    client.post(reverse("account_confirm_email", args=[key]))
    assert Enrollment.objects.filter(trainee=user, cohort=cohort).exists()


def test_other_trainer_cannot_add_to_the_cohort(client, cohort):
    from tests.factories import TrainerFactory

    client.force_login(TrainerFactory())
    assert _post(client, cohort, emails="x@example.org").status_code == 404
    assert not CohortInvitation.objects.exists()


LONG_EMAIL = "l" * 290 + "@example.org"  # 302 characters: more than an address may have


@pytest.mark.parametrize("bad_line, message", [
    ("Layla\x00Haddad,layla@example.org,Cedar Psychosocial Network",
     "Line 3: full_name: This text contains a NUL byte"),
    ("ن" * 10_000 + ",layla@example.org,Cedar Psychosocial Network",
     "Line 3: full_name: Keep this to at most 200 characters (it has 10000)."),
    ("\u200b\u200b\u0301,layla@example.org,Cedar Psychosocial Network",
     "Line 3: full_name: A name needs at least one letter"),
    (f"Layla Haddad,{LONG_EMAIL},Cedar Psychosocial Network",
     "Line 3: email: Keep this to at most 254 characters (it has 302)."),
    ("Layla Haddad,layla@example.org,Cedar\x00 Psychosocial Network",
     "Line 3: organisation: This text contains a NUL byte"),
    ("Layla Haddad,layla@example.org," + "C" * 300,
     "Line 3: organisation: Keep this to at most 200 characters (it has 300)."),
])
def test_values_the_database_cannot_hold_are_refused_by_line(bad_line, message, client, trainer,
                                                             cohort, cedar):
    client.force_login(trainer)
    content = ("full_name,email,organisation\n"
               "Youssef Khatib,youssef@example.org,Cedar Psychosocial Network\n"
               f"{bad_line}\n")
    response = _post(client, cohort, csv_file=_csv(content))
    assert response.status_code == 200
    errors = response.context["form"].errors["csv_file"]
    assert any(error.startswith(message) for error in errors), errors
    assert not Enrollment.objects.exists() and not CohortInvitation.objects.exists()
    assert not mail.outbox


def test_csv_values_are_stored_cleaned(client, trainer, cohort, cedar,
                                      django_capture_on_commit_callbacks):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, cohort, csv_file=_csv(
            "full_name,email,organisation\n"
            "\u202bيوسف\u200b   الخطيب\u202c,\u200byoussef@example.org,"
            "Cedar\u00a0Psychosocial  Network\n"))
    assert response.status_code == 302
    invitation = CohortInvitation.objects.get()
    assert invitation.full_name == "يوسف الخطيب"
    assert invitation.email == "youssef@example.org" and invitation.organisation == cedar


def test_a_too_long_address_in_the_list_is_refused_by_line(client, trainer, cohort):
    client.force_login(trainer)
    response = _post(client, cohort, emails=f"a@example.org\n{LONG_EMAIL}\n\u200bb@example.org")
    assert response.context["form"].errors["emails"] == [
        "Line 2: Keep this to at most 254 characters (it has 302)."]
    assert not CohortInvitation.objects.exists()


def test_the_email_list_parser_cleans_each_address():
    from courses.imports import parse_email_list

    rows = parse_email_list("\u202ba@example.org\u202c; \u200b\nＢ@example.org")
    assert [(row.line, row.email) for row in rows] == [(1, "a@example.org"),
                                                       (2, "B@example.org")]
    with pytest.raises(ValidationError) as caught:
        parse_email_list("a@example.org\nb@exa\x00mple.org")
    assert caught.value.messages[0].startswith("Line 2: This text contains a NUL byte")


def test_the_invitation_e_mail_is_plain_text(client, trainer, cohort, cedar,
                                             django_capture_on_commit_callbacks):
    trainer.full_name = "Sean O'Neil & Partners <Beirut>"
    trainer.save()
    cohort.name = "Women's group & youth"
    cohort.save()
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, cohort, csv_file=_csv(
            "full_name,email,organisation\n"
            "Zoë O'Neil & Co,zoe@example.org,Cedar Psychosocial Network\n"))
    message = mail.outbox[0]
    for text in ("Zoë O'Neil & Co", "Sean O'Neil & Partners <Beirut>",
                 "Women's group & youth"):
        assert text in message.body, message.body
    assert "&#x27;" not in message.body + message.subject
    assert "&amp;" not in message.body + message.subject
