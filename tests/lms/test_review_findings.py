"""Gaps found on reviewing erasure, the data download and supervision requests."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from courses.models import CohortInvitation, Enrollment
from lms import services as lms_services
from lms.models import AuditEvent
from lms.personal_data import ERASED, personal_data_archive
from supervision import services as supervision_services
from supervision.models import SupervisionRequest, SupervisorAssignment
from tests.factories import (
    CertificateFactory,
    CohortFactory,
    EnrollmentFactory,
    SupervisorFactory,
    TraineeFactory,
    practice_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def solo(db):
    course = practice_course(title="Psychological first aid")
    trainee = TraineeFactory(email="rania@example.org", full_name="رانيا خوري")
    return EnrollmentFactory(trainee=trainee, course=course, cohort=None)


@pytest.fixture
def colleague(solo):
    return SupervisorFactory(full_name="Karim Mansour", organisation=solo.trainee.organisation)


def _data(user):
    archive = zipfile.ZipFile(io.BytesIO(personal_data_archive(user)))
    return json.loads(archive.read("sanad-data.json"))


def test_request_notes_are_downloaded_and_erased(solo, colleague, superuser):
    supervision_services.supervision_request_create(
        trainee=solo.trainee, enrollment=solo, supervisor=colleague,
        message="I practise at the Tripoli centre on Tuesdays.")
    assert (_data(solo.trainee)["supervision"]["supervision_requests"][0]["message"]
            == "I practise at the Tripoli centre on Tuesdays.")
    pending = lms_services.erasure_request_create(user=solo.trainee)
    lms_services.erasure_confirm(erasure_request=pending, actor=superuser)
    assert SupervisionRequest.objects.get().message == ERASED


def test_request_notes_are_cleaned(solo, colleague):
    request = supervision_services.supervision_request_create(
        trainee=solo.trainee, enrollment=solo, supervisor=colleague,
        message="\u202eTuesdays\u200b at the centre")
    assert request.message == "Tuesdays at the centre"
    with pytest.raises(ValidationError):
        supervision_services.supervision_request_create(
            trainee=solo.trainee, enrollment=solo, supervisor=colleague, message="bell\x07")


def test_a_request_is_not_accepted_once_the_trainee_has_withdrawn(solo, colleague):
    request = supervision_services.supervision_request_create(
        trainee=solo.trainee, enrollment=solo, supervisor=colleague)
    Enrollment.objects.filter(pk=solo.pk).update(status=Enrollment.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="no longer active"):
        supervision_services.supervision_request_answer(supervisor=colleague, request=request,
                                                        accept=True)
    assert not SupervisorAssignment.objects.exists()
    assert SupervisionRequest.objects.get().status == "requested"


def test_erasure_removes_invitations_to_the_account_and_its_other_addresses(solo, superuser):
    trainee = solo.trainee
    EmailAddress.objects.create(user=trainee, email="old.rania@example.org", verified=True)
    cohort = CohortFactory(course=solo.course)
    CohortInvitation.objects.create(cohort=cohort, email="rania.work@example.org",
                                    full_name="Rania Khoury", invitee=trainee)
    CohortInvitation.objects.create(cohort=CohortFactory(course=solo.course),
                                    email="old.rania@example.org", full_name="Rania K.")
    # The same old address, later given to someone else and invited as them: not hers.
    other = TraineeFactory(email="someone@example.org")
    CohortInvitation.objects.create(cohort=CohortFactory(course=solo.course),
                                    email="old.rania@example.org", full_name="Someone Else",
                                    invitee=other)
    exported = _data(trainee)["learning"]["cohort_invitations"]
    assert sorted(i["full_name"] for i in exported) == ["Rania K.", "Rania Khoury"]
    pending = lms_services.erasure_request_create(user=trainee)
    lms_services.erasure_confirm(erasure_request=pending, actor=superuser)
    assert list(CohortInvitation.objects.values_list("full_name", flat=True)) == [
        "Someone Else"]


def test_a_corrected_name_is_not_kept_in_the_audit_trail(manager, superuser):
    certificate = CertificateFactory(name_as_issued="Layla Haddad")
    # Self-paced: the manager manages the certificates of their organisation's members.
    trainee = certificate.enrollment.trainee
    trainee.organisation = manager.organisation
    trainee.save()
    from certificates import services as certificate_services

    certificate_services.certificate_correct_name(certificate=certificate, actor=manager,
                                                  name="Layla Al-Haddad", reason="Typo.")
    event = AuditEvent.objects.get(action="certificate.name_corrected")
    assert "Layla" not in json.dumps(event.details, ensure_ascii=False)


def test_staff_download_omits_details_of_other_peoples_records(manager):
    certificate = CertificateFactory(name_as_issued="Layla Haddad")
    # Self-paced: the manager manages the certificates of their organisation's members.
    trainee = certificate.enrollment.trainee
    trainee.organisation = manager.organisation
    trainee.save()
    from certificates import services as certificate_services

    certificate_services.certificate_revoke(certificate=certificate, actor=manager,
                                            category="fraud",
                                            reason="Layla forged the attendance sheet.")
    events = [e for e in _data(manager)["audit_events"] if e["action"] == "certificate.revoked"]
    assert events and events[0]["by_you"] and events[0]["details"] == {}
