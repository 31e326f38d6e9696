import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from certificates import services
from certificates.models import Certificate
from lms.models import AuditEvent
from tests.factories import (
    CertificateCohortFactory,
    CertificateEnrollmentFactory,
    CertificateFactory,
    ManagerFactory,
    TraineeFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(cohort, trainee):
    return CertificateFactory(enrollment=CertificateEnrollmentFactory(trainee=trainee,
                                                                      cohort=cohort))


def test_manager_revokes_with_a_reason_and_it_is_audited(client, certificate, manager):
    client.force_login(manager)
    response = client.post(f"/certificates/{certificate.pk}/manage/", {
        "action": "revoke", "revoke-category": "harmful_practice",
        "revoke-reason": "Harmful behaviour confirmed by two supervisors.",
        "revoke-confirm": "on"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_by == manager
    event = AuditEvent.objects.get(action="certificate.revoked")
    assert event.actor == manager and event.target_id == str(certificate.pk)
    assert event.details["reason"] == "Harmful behaviour confirmed by two supervisors."
    assert event.details["category"] == "harmful_practice"
    # Shows revoked at once.
    data = client.get(f"/verify/{certificate.code}.json").json()
    assert data["status"] == "revoked"


@pytest.mark.parametrize("data, message", [
    ({"revoke-category": "fraud", "revoke-reason": "   ", "revoke-confirm": "on"}, "Explain why"),
    ({"revoke-category": "fraud", "revoke-reason": "Forged attendance sheet."},
     "Tick the box to confirm"),
    ({"revoke-category": "fraud"}, "Explain why"),
    ({"revoke-category": "", "revoke-reason": "Because"}, "Choose why"),
    ({"revoke-category": "nonsense", "revoke-reason": "Because"}, "Select a valid choice"),
])
def test_revocation_without_a_reason_changes_nothing(client, certificate, manager, data, message):
    client.force_login(manager)
    response = client.post(f"/certificates/{certificate.pk}/manage/", {"action": "revoke", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    assert not AuditEvent.objects.filter(action="certificate.revoked").exists()


def test_service_refuses_an_empty_reason(certificate, manager):
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, actor=manager, category="fraud",
                                    reason="")
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, actor=manager, category="",
                                    reason="Because")


def test_revoking_twice_is_refused(certificate, manager):
    services.certificate_revoke(certificate=certificate, actor=manager, category="fraud",
                                reason="Forged")
    with pytest.raises(ValidationError, match="already revoked"):
        services.certificate_revoke(certificate=certificate, actor=manager, category="fraud",
                                    reason="Again")
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 1


def test_trainer_needs_the_permission(certificate, trainer):
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, actor=trainer, category="fraud",
                                    reason="Forged")
    trainer.user_permissions.add(Permission.objects.get(codename="revoke_certificate"))
    trainer = type(trainer).objects.get(pk=trainer.pk)  # fresh permission cache
    revoked = services.certificate_revoke(certificate=certificate, actor=trainer,
                                          category="fraud", reason="Forged")
    assert revoked.status == Certificate.Status.REVOKED


def test_a_trainer_with_the_permission_only_reaches_their_cohorts(certificate):
    stranger = TrainerFactory()
    stranger.user_permissions.add(Permission.objects.get(codename="revoke_certificate"))
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, actor=stranger, category="fraud",
                                    reason="Forged")


def test_a_manager_of_another_organisation_cannot_revoke(client, certificate):
    other = ManagerFactory()
    client.force_login(other)
    response = client.post(f"/certificates/{certificate.pk}/manage/", {
        "action": "revoke", "revoke-category": "fraud", "revoke-reason": "x"})
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_name_correction_reissues_under_the_same_code(client, certificate, manager,
                                                      django_capture_on_commit_callbacks):
    certificate = services.certificate_render(certificate_id=certificate.pk)
    old_digest, code = certificate.pdf_sha256, certificate.code
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/certificates/{certificate.pk}/manage/", {
            "action": "correct_name", "name-name": "Layla Al-Haddad",
            "name-reason": "Family name was missing."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.code == code
    assert certificate.name_as_issued == "Layla Al-Haddad"
    assert certificate.pdf_sha256 and certificate.pdf_sha256 != old_digest
    event = AuditEvent.objects.get(action="certificate.name_corrected")
    # Erasure cannot blank an audit row, so it holds keyed digests, never the names.
    assert event.details == {"old_name_digest": services.name_digest("Layla Haddad"),
                             "new_name_digest": services.name_digest("Layla Al-Haddad"),
                             "reason": "Family name was missing."}
    assert "Layla" not in str(event.details)
    assert client.get(f"/verify/{code}.json").json()["name"] == "Layla Al-Haddad"


def test_name_correction_needs_a_name_and_a_reason(client, certificate, manager):
    client.force_login(manager)
    response = client.post(f"/certificates/{certificate.pk}/manage/", {
        "action": "correct_name", "name-name": "", "name-reason": ""})
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.name_as_issued == "Layla Haddad"
    assert not AuditEvent.objects.filter(action="certificate.name_corrected").exists()


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u0301\u0651\u064b", "\u202e\u200f"])
def test_name_correction_refuses_an_invisible_name(client, certificate, manager, name,
                                                   django_capture_on_commit_callbacks):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/certificates/{certificate.pk}/manage/", {
            "action": "correct_name", "name-name": name, "name-reason": "Typo in the name."})
    assert response.status_code == 400
    assert response.context["name_form"].errors["name"]
    assert not callbacks
    certificate.refresh_from_db()
    assert certificate.name_as_issued == "Layla Haddad"
    assert not AuditEvent.objects.filter(action="certificate.name_corrected").exists()


def test_name_correction_drops_a_right_to_left_override(client, certificate, manager):
    client.force_login(manager)
    response = client.post(f"/certificates/{certificate.pk}/manage/", {
        "action": "correct_name", "name-name": "\u202eليلى\u200b الحداد",
        "name-reason": "\u202eالاسم ناقص\u200b"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.name_as_issued == "ليلى الحداد"
    event = AuditEvent.objects.get(action="certificate.name_corrected")
    assert event.details["reason"] == "الاسم ناقص"


@pytest.mark.parametrize("name", ["\u200b", "\u0301", "Layla\x00Haddad", "ن" * 201])
def test_the_name_correction_service_cleans_the_name_too(certificate, manager, name):
    with pytest.raises(ValidationError) as caught:
        services.certificate_correct_name(certificate=certificate, actor=manager, name=name,
                                          reason="Typo.")
    assert caught.value.message_dict["name"]
    certificate.refresh_from_db()
    assert certificate.name_as_issued == "Layla Haddad"


def test_revocation_reason_is_cleaned(certificate, manager):
    revoked = services.certificate_revoke(certificate=certificate, actor=manager,
                                          category="fraud", reason="\u202eForged\u200b.\r\n")
    assert revoked.revocation_reason == "Forged."


@pytest.mark.parametrize("role", ["trainee", "supervisor"])
def test_other_roles_cannot_correct_a_name(client, certificate, role_users, role):
    client.force_login(role_users[role])
    response = client.post(f"/certificates/{certificate.pk}/manage/", {
        "action": "correct_name", "name-name": "Someone Else", "name-reason": "Because."})
    assert response.status_code in (403, 404)
    certificate.refresh_from_db()
    assert certificate.name_as_issued == "Layla Haddad"


def test_a_manager_cannot_revoke_in_another_organisations_cohort(client, manager):
    """A member of the manager's organisation trained in another agency's cohort: the
    certificate belongs to that cohort's organisation, not to the member's employer."""
    member = TraineeFactory(full_name="مريم الخطيب", organisation=manager.organisation)
    foreign_cohort = CertificateCohortFactory(name="=HYPERLINK(\"x\") Tripoli autumn")
    certificate = CertificateFactory(enrollment=CertificateEnrollmentFactory(
        trainee=member, cohort=foreign_cohort))
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, actor=manager, category="fraud",
                                    reason="Forged")
    client.force_login(manager)
    response = client.post(f"/certificates/{certificate.pk}/manage/", {
        "action": "revoke", "revoke-category": "fraud", "revoke-reason": "Forged"})
    assert response.status_code == 404
    assert client.get(f"/certificates/{certificate.pk}/manage/").status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == "valid" and certificate.revoked_by is None
    assert certificate.name_as_issued == "مريم الخطيب"
    assert not AuditEvent.objects.filter(action="certificate.revoked").exists()


def test_a_manager_revokes_self_paced_certificates_of_their_members(manager):
    member = TraineeFactory(full_name="Youssef Ben Salah", organisation=manager.organisation)
    certificate = CertificateFactory(enrollment=CertificateEnrollmentFactory(trainee=member))
    revoked = services.certificate_revoke(certificate=certificate, actor=manager,
                                          category="fraud", reason="Forged attendance sheet")
    assert revoked.status == Certificate.Status.REVOKED


def test_a_manager_cannot_revoke_self_paced_certificates_of_strangers(manager):
    certificate = CertificateFactory(enrollment=CertificateEnrollmentFactory(
        trainee=TraineeFactory(full_name="Nour Saleh")))
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, actor=manager, category="fraud",
                                    reason="Forged")
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_revocation_without_a_reason_links_the_error_summary_to_the_reason(client, certificate,
                                                                           manager):
    import re

    client.force_login(manager)
    response = client.post(f"/certificates/{certificate.pk}/manage/",
                           {"action": "revoke", "revoke-category": "fraud", "revoke-reason": " "})
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S).group(0)
    assert 'role="alert"' in summary and 'href="#id_revoke-reason"' in summary
    reason = re.search(r'<textarea[^>]*name="revoke-reason"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in reason
    certificate.refresh_from_db()
    assert certificate.status == "valid"
