"""A person's data is theirs: they download all of it, and may have it erased."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from lms import services as lms_services
from lms.models import AuditEvent, ErasureRequest, User
from lms.personal_data import ERASED, personal_data_archive
from supervision import selectors as supervision_selectors
from supervision import services as supervision_services
from supervision.models import CompetencyRating, PracticeEntry, SupervisionSession
from tests.factories import (
    TEST_PASSWORD,
    CertificateFactory,
    CohortFactory,
    EnrollmentFactory,
    PracticeEntryFactory,
    TraineeFactory,
    practice_course,
)

pytestmark = pytest.mark.django_db

REFLECTION = "=HYPERLINK(\"x\") استمعتُ جيدًا وعكستُ المشاعر " + "طويل " * 60
OTHER_REFLECTION = "Other trainee's private reflection about a hard session"


@pytest.fixture
def trainee(db):
    # An Arabic name, as on a certificate.
    return TraineeFactory(email="layla@example.org", full_name="ليلى حداد")


@pytest.fixture
def record(trainee, supervisor):
    """The trainee's course with practice (one approved, one draft), a session, a
    rating and a certificate; and another trainee in the same cohort."""
    course = practice_course(title="الإسعافات النفسية الأولية",
                             practice=(("Individual counselling session", "2"),),
                             competencies=(("Active listening", 3),))
    cohort = CohortFactory(course=course, name="طرابلس — الخريف")
    cohort.supervisors.add(supervisor)
    enrollment = EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)
    approved = PracticeEntryFactory(enrollment=enrollment, went_well=REFLECTION,
                                    was_hard="Long silences.", duration_minutes=90)
    supervision_services.practice_entry_submit(trainee=trainee, entry=approved)
    supervision_services.practice_entry_review(entry=approved, supervisor=supervisor,
                                               decision="approve", comment="Well reflected.")
    draft = PracticeEntryFactory(enrollment=enrollment, went_well="A draft thought.",
                                 duration_minutes=30)
    session = supervision_services.supervision_session_record(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=60,
        format="individual", enrollments=[enrollment], topics="Referral pathways")
    competency = course.competency_requirements.first().competency
    supervision_services.competency_ratings_record(
        supervisor=supervisor, enrollment=enrollment, observation="role_play",
        ratings=[supervision_services.RatingInput(competency=competency, level=3,
                                                  notes="Warm and clear.")])
    certificate = CertificateFactory(enrollment=enrollment, name_as_issued=trainee.full_name)
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(b"%PDF-1.7 certificate"))

    other = TraineeFactory(email="other@example.org", full_name="Nadia Saleh")
    other_enrollment = EnrollmentFactory(trainee=other, course=course, cohort=cohort)
    PracticeEntryFactory(enrollment=other_enrollment, went_well=OTHER_REFLECTION)
    return {"enrollment": enrollment, "approved": approved, "draft": draft,
            "session": session, "certificate": certificate, "other": other,
            "other_enrollment": other_enrollment}


def _open(content: bytes):
    archive = zipfile.ZipFile(io.BytesIO(content))
    return archive, json.loads(archive.read("sanad-data.json"))


# --- Download ------------------------------------------------------------------------


def test_the_owner_downloads_everything_held_about_them(client, trainee, record):
    client.force_login(trainee)
    response = client.get(reverse("personal:download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    archive, data = _open(response.content)

    assert data["profile"]["email"] == "layla@example.org"
    assert data["profile"]["full_name"] == "ليلى حداد"
    assert data["profile"]["email_addresses"][0]["email"] == "layla@example.org"
    [enrollment] = data["learning"]["enrollments"]
    assert enrollment["course"] == "الإسعافات النفسية الأولية"
    assert enrollment["cohort"] == "طرابلس — الخريف"
    entries = {e["id"]: e for e in data["supervision"]["practice_entries"]}
    assert set(entries) == {record["approved"].pk, record["draft"].pk}
    approved = entries[record["approved"].pk]
    assert approved["went_well"] == REFLECTION and approved["state"] == "approved"
    assert [e["to_state"] for e in approved["review_events"]] == ["submitted", "approved"]
    assert approved["review_events"][1]["comment"] == "Well reflected."
    assert data["supervision"]["supervision_sessions"][0]["duration_minutes"] == 60
    assert data["supervision"]["competency_ratings"][0]["level"] == 3
    [certificate] = data["certificates"]["certificates"]
    assert certificate["code"] == record["certificate"].code
    actions = {e["action"] for e in data["audit_events"]}
    assert {"practice_entry.approved", "supervision_session.recorded",
            "competency.rated"} <= actions

    names = set(archive.namelist())
    pk = record["enrollment"].pk
    assert {f"supervision/logbook-{pk}.csv", f"supervision/logbook-{pk}.pdf",
            f"certificates/certificate-{record['certificate'].code}.pdf"} <= names
    logbook = archive.read(f"supervision/logbook-{pk}.csv").decode("utf-8-sig")
    # The logbook writer defuses formula-like cells.
    assert "'=HYPERLINK" in logbook
    assert archive.read(f"supervision/logbook-{pk}.pdf").startswith(b"%PDF")

    # Nothing of the other trainee's.
    everything = b"".join(archive.read(name) for name in names).decode("utf-8", "ignore")
    assert OTHER_REFLECTION not in everything
    assert "Nadia Saleh" not in everything and "other@example.org" not in everything
    assert str(record["other_enrollment"].pk) not in {
        str(e["id"]) for e in data["learning"]["enrollments"]}


def test_a_person_with_no_records_gets_their_profile(superuser):
    archive, data = _open(personal_data_archive(superuser))
    assert data["profile"]["email"] == "admin@example.org"
    assert data["learning"]["enrollments"] == []
    assert data["supervision"]["practice_entries"] == []
    assert archive.namelist() == ["sanad-data.json"]


@pytest.mark.parametrize("name", ["personal:your_data", "personal:download"])
def test_anonymous_people_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role", ["trainee", "trainer", "supervisor", "manager"])
def test_every_role_has_a_your_data_page_linked_from_the_account_area(client, role_users,
                                                                       role):
    client.force_login(role_users[role])
    response = client.get(reverse("personal:your_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("personal:download") in html and "Request erasure" in html
    account = client.get(reverse("account_email")).content.decode()
    assert reverse("personal:your_data") in account


def test_your_data_page_in_arabic(client, trainee):
    client.force_login(trainee)
    response = client.get("/ar/accounts/data/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# --- Erasure requests ----------------------------------------------------------------


def test_a_request_needs_the_box_ticked_and_nothing_is_recorded_without_it(client, trainee):
    client.force_login(trainee)
    response = client.post(reverse("personal:request_erasure"), follow=True)
    assert "Tick the box" in response.content.decode()
    assert not ErasureRequest.objects.exists()
    trainee.refresh_from_db()
    assert trainee.full_name == "ليلى حداد" and trainee.is_active


def test_a_trainee_requests_erasure_once(client, trainee):
    client.force_login(trainee)
    for _ in range(2):
        response = client.post(reverse("personal:request_erasure"), {"understood": "yes"},
                               follow=True)
    assert "An administrator will confirm" in response.content.decode()
    request = ErasureRequest.objects.get()
    assert request.user == trainee and request.status == "pending"
    assert AuditEvent.objects.filter(action="personal_data.erasure_requested").count() == 1
    # Requesting changes nothing yet.
    trainee.refresh_from_db()
    assert trainee.full_name == "ليلى حداد"


def test_erasure_request_needs_post(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("personal:request_erasure")).status_code == 405


@pytest.mark.parametrize("role", ["trainee", "trainer", "supervisor", "manager", None])
def test_only_administrators_see_and_confirm_requests(client, role_users, role, record,
                                                      trainee):
    pending = lms_services.erasure_request_create(user=trainee)
    if role:
        client.force_login(role_users[role])
    # Signed-in people who are not administrators get 404; anonymous ones, the login.
    refused = (404,) if role else (302,)
    assert client.get(reverse("personal:erasure_requests")).status_code in refused
    response = client.post(reverse("personal:confirm_erasure", args=[pending.pk]))
    assert response.status_code in refused
    pending.refresh_from_db()
    trainee.refresh_from_db()
    assert pending.status == "pending" and trainee.full_name == "ليلى حداد"


def test_the_service_refuses_anyone_but_an_administrator(trainee, supervisor):
    from django.core.exceptions import PermissionDenied

    pending = lms_services.erasure_request_create(user=trainee)
    with pytest.raises(PermissionDenied):
        lms_services.erasure_confirm(erasure_request=pending, actor=supervisor)
    assert ErasureRequest.objects.get().status == "pending"


# --- Erasure -------------------------------------------------------------------------


def _minutes(enrollment):
    return supervision_selectors.approved_practice_minutes_by_kind([enrollment.pk])[
        enrollment.pk]


def test_an_administrator_confirms_and_the_data_is_erased(client, superuser, trainee,
                                                         record):
    enrollment = record["enrollment"]
    minutes_before = _minutes(enrollment)
    counts_before = (PracticeEntry.objects.filter(enrollment=enrollment).count(),
                     CompetencyRating.objects.filter(enrollment=enrollment).count(),
                     SupervisionSession.objects.filter(enrollments=enrollment).count())
    trainee_client = client.__class__()
    trainee_client.force_login(trainee)
    pending = lms_services.erasure_request_create(user=trainee)

    client.force_login(superuser)
    page = client.get(reverse("personal:erasure_requests")).content.decode()
    assert "layla@example.org" in page and "ليلى حداد" in page
    response = client.post(reverse("personal:confirm_erasure", args=[pending.pk]),
                           follow=True)
    assert response.status_code == 200
    assert "No erasure requests are waiting" in response.content.decode()

    trainee.refresh_from_db()
    assert trainee.full_name == ERASED
    assert trainee.email == f"erased-{trainee.pk}@invalid.example"
    assert not trainee.is_active and not trainee.has_usable_password()
    assert not EmailAddress.objects.filter(user=trainee).exists()
    assert not EmailAddress.objects.filter(email="layla@example.org").exists()
    # Their session ended: the next request is sent to log in.
    assert trainee_client.get(reverse("personal:your_data")).status_code == 302

    approved = PracticeEntry.objects.get(pk=record["approved"].pk)
    assert (approved.went_well, approved.was_hard) == (ERASED, ERASED)
    assert approved.state == "approved" and approved.duration_minutes == 90
    assert approved.do_differently == ""  # nothing written, nothing to erase
    assert PracticeEntry.objects.get(pk=record["draft"].pk).went_well == ERASED
    other = PracticeEntry.objects.get(enrollment=record["other_enrollment"])
    assert other.went_well == OTHER_REFLECTION
    assert _minutes(enrollment) == minutes_before
    assert counts_before == (PracticeEntry.objects.filter(enrollment=enrollment).count(),
                             CompetencyRating.objects.filter(enrollment=enrollment).count(),
                             SupervisionSession.objects.filter(enrollments=enrollment).count())
    # Supervisors' words are theirs and stay.
    assert CompetencyRating.objects.get(enrollment=enrollment).notes == "Warm and clear."

    certificate = Certificate.objects.get(pk=record["certificate"].pk)
    assert certificate.name_as_issued == ERASED and certificate.status == "valid"
    verify = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "genuine and valid" in verify
    assert "personal data was erased" in verify and "ليلى" not in verify
    assert client.get(f"/verify/{certificate.code}.json").json()["holder_erased"] is True

    audit = AuditEvent.objects.get(action="personal_data.erased")
    assert audit.actor == superuser and audit.target_id == str(trainee.pk)
    assert audit.details["erased"]["supervision"] == {"practice_entries_blanked": 2,
                                                     "supervision_requests_blanked": 0}
    assert audit.details["erased"]["certificates"] == {"certificates_anonymised": 1}
    assert "layla" not in json.dumps(audit.details, ensure_ascii=False)
    assert ErasureRequest.objects.get().status == "done"


def test_erasing_twice_is_harmless(superuser, trainee, record):
    first = lms_services.erasure_request_create(user=trainee)
    lms_services.erasure_confirm(erasure_request=first, actor=superuser)
    again = lms_services.erasure_confirm(erasure_request=first, actor=superuser)
    assert again.status == "done"
    assert AuditEvent.objects.filter(action="personal_data.erased").count() == 1
    # A second request (made by an administrator on their behalf) also goes through.
    trainee.refresh_from_db()
    second = ErasureRequest.objects.create(user=trainee)
    lms_services.erasure_confirm(erasure_request=second, actor=superuser)
    trainee.refresh_from_db()
    assert trainee.full_name == ERASED
    assert PracticeEntry.objects.get(pk=record["approved"].pk).went_well == ERASED
    assert _minutes(record["enrollment"])


def test_erasure_removes_the_messages_to_the_person_from_the_outbox(superuser, trainee):
    from lms.models import OutgoingEmail

    OutgoingEmail.objects.create(key="a", to="Layla@Example.org", subject="Your certificate",
                                 text="Dear ليلى حداد")
    OutgoingEmail.objects.create(key="b", to="someone.else@example.org", subject="Hello",
                                 text="Dear Sami")
    request = lms_services.erasure_request_create(user=trainee)
    lms_services.erasure_confirm(erasure_request=request, actor=superuser)
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["b"]


def test_an_erased_person_cannot_log_in(client, superuser, trainee):
    pending = lms_services.erasure_request_create(user=trainee)
    lms_services.erasure_confirm(erasure_request=pending, actor=superuser)
    assert not client.login(email="layla@example.org", password=TEST_PASSWORD)
    response = client.post(reverse("account_login"),
                           {"login": "layla@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


# --- The sanctioned path through the lock on approved entries ------------------------


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_lock_lets_only_erasure_through(record):
    pk = record["approved"].pk
    with pytest.raises(DatabaseError):
        _raw("UPDATE supervision_practiceentry SET went_well = %s WHERE id = %s",
             ["rewritten", pk])
    with pytest.raises(DatabaseError):
        _raw("UPDATE supervision_practiceentry SET went_well = %s, duration_minutes = 720 "
             "WHERE id = %s", [ERASED, pk])
    with pytest.raises(DatabaseError):
        _raw("UPDATE supervision_practiceentry SET was_hard = %s, state = 'draft' "
             "WHERE id = %s", [ERASED, pk])
    assert PracticeEntry.objects.get(pk=pk).went_well == REFLECTION
    _raw("UPDATE supervision_practiceentry SET went_well = %s WHERE id = %s", [ERASED, pk])
    entry = PracticeEntry.objects.get(pk=pk)
    assert entry.went_well == ERASED and entry.was_hard == "Long silences."
    assert entry.duration_minutes == 90


def test_erased_user_keeps_the_records_they_signed(superuser, supervisor, record):
    """A supervisor may be erased too: their sign-offs stay, under "[erased]"."""
    pending = lms_services.erasure_request_create(user=supervisor)
    lms_services.erasure_confirm(erasure_request=pending, actor=superuser)
    approved = PracticeEntry.objects.get(pk=record["approved"].pk)
    assert approved.approved_by_id == supervisor.pk
    assert str(User.objects.get(pk=supervisor.pk)) == ERASED
    assert approved.went_well == REFLECTION


def test_administrators_find_the_requests_from_their_data_page(client, superuser, trainee):
    lms_services.erasure_request_create(user=trainee)
    client.force_login(superuser)
    html = client.get(reverse("personal:your_data")).content.decode()
    assert reverse("personal:erasure_requests") in html and "1 waiting" in html
    client.force_login(trainee)
    html = client.get(reverse("personal:your_data")).content.decode()
    assert reverse("personal:erasure_requests") not in html
    assert "You asked for erasure on" in html and "Request erasure" not in html


def test_the_django_admin_lists_requests_read_only(client, superuser, trainee):
    lms_services.erasure_request_create(user=trainee)
    client.force_login(superuser)
    response = client.get("/django-admin/lms/erasurerequest/")
    assert response.status_code == 200 and "ليلى حداد" in response.content.decode()
    assert client.get("/django-admin/lms/erasurerequest/add/").status_code == 403
