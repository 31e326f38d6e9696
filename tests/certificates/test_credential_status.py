"""Honest credentials: no signed badge for a certificate that no longer stands, a
Bitstring Status List that tells any verifier of a revocation, a refused PDF, and a
verification record that keeps the revocation reason to those who may know it."""

import base64
import datetime
import gzip

import factory
import jwt
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certificates import openbadges, services
from certificates.models import Certificate
from tests.factories import CertificateEnrollmentFactory, CertificateFactory, TraineeFactory

pytestmark = pytest.mark.django_db

LIST_SIZE = 131_072


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(trainee, cohort):
    certificate = CertificateFactory(
        enrollment=CertificateEnrollmentFactory(trainee=trainee, cohort=cohort))
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def other_certificate(cohort):
    holder = TraineeFactory(full_name="=HYPERLINK(\"http://x\")-نور الهدى عبد الرحمن")
    return CertificateFactory(
        enrollment=CertificateEnrollmentFactory(trainee=holder, cohort=cohort))


def _revoke(certificate, manager, category="harmful_practice"):
    return services.certificate_revoke(
        certificate=certificate, actor=manager, category=category,
        reason="ممارسة ضارة موثقة في جلسة الإشراف " * 20)


def _verified_status_list(client, url):
    """Fetch the status list credential, check its signature against the JWKS and
    return (claims, bits as bytes)."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/vc+jwt")
    token = response.content.decode()
    header = jwt.get_unverified_header(token)
    published = {key["kid"]: key for key in client.get("/.well-known/jwks.json").json()["keys"]}
    claims = jwt.decode(token, key=jwt.PyJWK(published[header["kid"]]), algorithms=["EdDSA"])
    subject = claims["vc"]["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")  # multibase prefix of base64url without padding
    assert "=" not in encoded
    padded = encoded[1:] + "=" * (-len(encoded[1:]) % 4)
    bits = gzip.decompress(base64.urlsafe_b64decode(padded))
    return claims, bits


def _bit(bits: bytes, index: int) -> int:
    # The spec's first index is the left-most bit of the first byte.
    return (bits[index // 8] >> (7 - index % 8)) & 1


# --- Each certificate has a stable place in a status list ----------------------------


def test_every_certificate_gets_a_unique_index_once(certificate, other_certificate):
    first = openbadges.status_list_entry(certificate)
    again = openbadges.status_list_entry(Certificate.objects.get(pk=certificate.pk))
    assert first == again
    other = openbadges.status_list_entry(other_certificate)
    assert first["statusListIndex"] != other["statusListIndex"]
    certificate.refresh_from_db()
    assert certificate.status_list_index is not None
    assert first["type"] == "BitstringStatusListEntry"
    assert first["statusPurpose"] == "revocation"
    assert isinstance(first["statusListIndex"], str) and first["statusListIndex"].isdigit()
    assert first["statusListCredential"].startswith("http")
    assert first["statusListCredential"].endswith("/credentials/status/1.jwt")


def test_credential_carries_its_status_entry(certificate):
    credential = openbadges.credential(certificate)
    assert credential["credentialStatus"] == openbadges.status_list_entry(certificate)


# --- The status list: signed, decodable, the revoked bit set -------------------------


def test_status_list_is_signed_and_sets_the_revoked_bit(
        client, certificate, other_certificate, manager, signing_key):
    entry = openbadges.status_list_entry(certificate)
    other_entry = openbadges.status_list_entry(other_certificate)
    path = reverse("certificates:status_list", args=[1])
    assert entry["statusListCredential"].endswith(path)

    _claims, bits = _verified_status_list(client, path)
    assert len(bits) * 8 >= LIST_SIZE
    assert _bit(bits, int(entry["statusListIndex"])) == 0

    _revoke(certificate, manager)
    claims, bits = _verified_status_list(client, path)
    assert _bit(bits, int(entry["statusListIndex"])) == 1
    assert _bit(bits, int(other_entry["statusListIndex"])) == 0
    assert sum(bin(byte).count("1") for byte in bits) == 1
    vc = claims["vc"]
    assert vc["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert vc["id"].endswith(path)
    assert vc["issuer"] == openbadges.issuer_id()


def test_status_list_is_public_and_anonymous(client, certificate, signing_key):
    openbadges.status_list_entry(certificate)
    response = client.get(reverse("certificates:status_list", args=[1]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_status_list_is_cached_until_a_revocation(
        client, certificate, manager, signing_key, django_assert_max_num_queries):
    entry = openbadges.status_list_entry(certificate)
    path = reverse("certificates:status_list", args=[1])
    first = client.get(path).content
    with django_assert_max_num_queries(0):
        assert client.get(path).content == first
    _revoke(certificate, manager)
    after = client.get(path).content
    assert after != first
    _claims, bits = _verified_status_list(client, path)
    assert _bit(bits, int(entry["statusListIndex"])) == 1


def test_unknown_status_list_is_404(client, certificate, signing_key):
    openbadges.status_list_entry(certificate)
    assert client.get(reverse("certificates:status_list", args=[99])).status_code == 404


@pytest.mark.parametrize("number", ["0", "2", str(2**63 - 1), "99999999999999999999", "-1"])
def test_out_of_range_status_lists_are_404(client, certificate, signing_key, number):
    openbadges.status_list_entry(certificate)
    assert client.get(f"/credentials/status/{number}.jwt").status_code == 404


def test_status_list_refuses_post(client, signing_key):
    assert client.post(reverse("certificates:status_list", args=[1])).status_code == 405


def test_status_list_without_a_key_is_503(client, certificate, settings):
    settings.SANAD_OB_SIGNING_KEY = ""
    settings.SANAD_OB_SIGNING_KEY_FILE = ""
    openbadges.status_list_entry(certificate)
    response = client.get(reverse("certificates:status_list", args=[1]))
    assert response.status_code == 503


# --- Badges refused for a certificate that no longer stands --------------------------


@pytest.mark.parametrize("view", ["certificates:badge_jwt", "certificates:badge_json"])
def test_revoked_certificate_gets_no_badge(client, certificate, manager, trainee, signing_key,
                                           view):
    _revoke(certificate, manager)
    client.force_login(trainee)
    response = client.get(reverse(view, args=[certificate.pk]))
    assert response.status_code == 410
    data = response.json()
    assert data["status"] == "revoked"
    certificate.refresh_from_db()
    assert data["revoked_on"] == timezone.localdate(certificate.revoked_at).isoformat()
    assert data["verification_url"].endswith(f"/verify/{certificate.code}/")
    assert "eyJ" not in response.content.decode()  # no JWT in the answer


@pytest.mark.parametrize("view", ["certificates:badge_jwt", "certificates:badge_json"])
def test_expired_certificate_gets_no_badge(client, certificate, trainee, signing_key, view):
    Certificate.objects.filter(pk=certificate.pk).update(
        completion_date=datetime.date(2020, 1, 1), issued_on=datetime.date(2020, 1, 2),
        expires_on=datetime.date(2022, 1, 1))
    client.force_login(trainee)
    response = client.get(reverse(view, args=[certificate.pk]))
    assert response.status_code == 410
    assert response.json() == {
        "status": "expired", "expired_on": "2022-01-01",
        "verification_url": openbadges.verification_url(certificate.code),
        "message": response.json()["message"]}


def test_valid_certificate_badge_carries_the_status_entry(client, certificate, trainee,
                                                          signing_key):
    client.force_login(trainee)
    token = client.get(reverse("certificates:badge_jwt", args=[certificate.pk])).content
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["vc"]["credentialStatus"]["type"] == "BitstringStatusListEntry"


def test_another_trainee_gets_404_not_the_status(client, certificate, manager, signing_key):
    _revoke(certificate, manager)
    client.force_login(TraineeFactory())
    assert client.get(reverse("certificates:badge_jwt", args=[certificate.pk])).status_code \
        == 404


# --- PDF of a revoked certificate ------------------------------------------------------


def test_revoked_certificate_pdf_is_refused(client, certificate, manager, trainee):
    from django.core.files.base import ContentFile

    certificate.pdf.save("x.pdf", ContentFile(b"%PDF-1.7 fake"), save=True)
    client.force_login(trainee)
    assert client.get(reverse("certificates:pdf", args=[certificate.pk])).status_code == 200
    _revoke(certificate, manager)
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response.status_code == 410
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert "revoked" in response.content.decode()


# --- Verification: revoked and when; the reason only for holder and issuer -----------


def test_public_sees_revoked_and_date_but_not_the_reason(client, certificate, manager):
    _revoke(certificate, manager)
    certificate.refresh_from_db()
    data = client.get(f"/verify/{certificate.code}.json").json()
    assert data["status"] == "revoked"
    assert data["revoked_on"] == timezone.localdate(certificate.revoked_at).isoformat()
    assert "revocation_category" not in data
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "Harmful or unethical practice" not in html
    assert "harmful_practice" not in html
    assert "Revoked on" in html


@pytest.mark.parametrize("who, sees_reason", [
    ("holder", True), ("manager", True), ("other_trainee", False), ("supervisor", False),
    ("trainer_without_permission", False)])
def test_reason_shown_only_to_holder_and_issuer(client, certificate, manager, trainee,
                                                supervisor, trainer, who, sees_reason):
    _revoke(certificate, manager)
    user = {"holder": trainee, "manager": manager, "other_trainee": TraineeFactory(),
            "supervisor": supervisor, "trainer_without_permission": trainer}[who]
    client.force_login(user)
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    data = client.get(f"/verify/{certificate.code}.json").json()
    assert ("Harmful or unethical practice" in html) is sees_reason
    assert ("revocation_category" in data) is sees_reason
    assert data["status"] == "revoked"


def test_my_certificates_offers_no_pdf_or_badge_for_a_revoked_certificate(
        client, certificate, other_certificate, manager, trainee):
    from django.core.files.base import ContentFile

    certificate.pdf.save("x.pdf", ContentFile(b"%PDF-1.7 fake"), save=True)
    client.force_login(trainee)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert reverse("certificates:badge_jwt", args=[certificate.pk]) in html
    assert reverse("certificates:pdf", args=[certificate.pk]) in html
    _revoke(certificate, manager)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert reverse("certificates:badge_jwt", args=[certificate.pk]) not in html
    assert reverse("certificates:pdf", args=[certificate.pk]) not in html
    assert "A revoked certificate has no PDF or badge." in html
    # The holder still sees why.
    assert "Harmful or unethical practice" in html


def test_migration_gives_earlier_certificates_their_id_as_index(certificate,
                                                                other_certificate):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("certificates.migrations.0003_status_list_index")
    Certificate.objects.update(status_list_index=None)
    migration.allocate_indexes(apps, None)
    for row in Certificate.objects.all():
        assert row.status_list_index == row.pk
    # Allocation never moves an index once set.
    Certificate.objects.filter(pk=certificate.pk).update(status_list_index=10_000_000)
    migration.allocate_indexes(apps, None)
    assert Certificate.objects.get(pk=certificate.pk).status_list_index == 10_000_000
    assert openbadges.status_list_entry(Certificate.objects.get(pk=certificate.pk))[
        "statusListIndex"] == str(10_000_000 % LIST_SIZE)


def test_issuing_allocates_the_index_at_once(completed_enrollment):
    issued, created = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert created
    stored = Certificate.objects.get(pk=issued.pk)
    assert stored.status_list_index == issued.status_list_index
    assert 0 <= stored.status_list_index < LIST_SIZE
    again, created = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert not created and again.status_list_index == stored.status_list_index


# --- Indexes are random, not the issuing order -----------------------------------------


def test_fifty_indexes_are_unique_random_and_not_in_id_order(cohort):
    certificates = CertificateFactory.create_batch(
        50, enrollment=factory.SubFactory(CertificateEnrollmentFactory, cohort=cohort))
    for certificate in certificates:
        services.certificate_status_list_index(certificate=certificate)
    indexes = list(Certificate.objects.order_by("pk").values_list("status_list_index",
                                                                  flat=True))
    assert len(indexes) == len(set(indexes)) == 50
    assert indexes != sorted(indexes)
    assert indexes != [row.pk for row in Certificate.objects.order_by("pk")]
    # All in the first list, spread over it rather than packed at its start.
    assert all(0 <= index < LIST_SIZE for index in indexes)
    assert max(indexes) > 50


def test_a_colliding_draw_is_retried(certificate, other_certificate, monkeypatch):
    from certificates import status_list

    taken = services.certificate_status_list_index(certificate=certificate)
    draws = iter([taken, taken, 4242])
    monkeypatch.setattr(status_list, "random_index", lambda number: next(draws))
    assert services.certificate_status_list_index(certificate=other_certificate) == 4242
    assert Certificate.objects.get(pk=certificate.pk).status_list_index == taken


def test_a_list_half_full_sends_new_indexes_to_the_next(cohort, monkeypatch):
    from certificates import status_list

    monkeypatch.setattr(status_list, "FILL_BEFORE_NEXT", 3)
    certificates = CertificateFactory.create_batch(
        5, enrollment=factory.SubFactory(CertificateEnrollmentFactory, cohort=cohort))
    lists = [status_list.list_number(services.certificate_status_list_index(certificate=c))
             for c in certificates]
    assert lists == [1, 1, 1, 2, 2]


def test_an_existing_index_is_kept(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(status_list_index=certificate.pk)
    certificate.refresh_from_db()
    assert services.certificate_status_list_index(certificate=certificate) == certificate.pk


def test_status_list_index_is_unique_in_the_database(certificate, other_certificate):
    from django.db import IntegrityError, transaction

    index = services.certificate_status_list_index(certificate=certificate)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=other_certificate.pk).update(status_list_index=index)


def test_random_index_revoked_bit_is_set_in_the_signed_list(
        client, certificate, other_certificate, manager, signing_key):
    # Many certificates, so the revoked one sits somewhere in the middle of the list.
    CertificateFactory.create_batch(
        20, enrollment=factory.SubFactory(CertificateEnrollmentFactory,
                                          cohort=certificate.enrollment.cohort))
    for row in Certificate.objects.all():
        services.certificate_status_list_index(certificate=row)
    certificate.refresh_from_db()
    entry = openbadges.status_list_entry(certificate)
    _revoke(certificate, manager)
    path = reverse("certificates:status_list", args=[1])
    assert entry["statusListCredential"].endswith(path)
    _claims, bits = _verified_status_list(client, path)
    assert _bit(bits, int(entry["statusListIndex"])) == 1
    assert sum(bin(byte).count("1") for byte in bits) == 1
