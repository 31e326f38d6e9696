import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from certificates import openbadges
from tests.factories import CertificateEnrollmentFactory, CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(trainee):
    certificate = CertificateFactory(enrollment=CertificateEnrollmentFactory(trainee=trainee))
    certificate.refresh_from_db()
    return certificate


def test_credential_is_an_open_badge_with_hours_and_levels_as_results(certificate):
    credential = openbadges.credential(certificate)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert "https://www.w3.org/ns/credentials/v2" in credential["@context"]
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == certificate.course_title
    results = credential["credentialSubject"]["result"]
    values = [r.get("value") for r in results]
    assert "12.50" in values and "6.00" in values
    levels = [r["achievedLevel"] for r in results if "achievedLevel" in r]
    assert levels and levels[0].endswith("competency-C1-level-3")
    described = {d["id"] for d in achievement["resultDescription"]}
    assert all(r["resultDescription"] in described for r in results)
    assert credential["validUntil"].startswith(certificate.expires_on.isoformat())


def test_signed_credential_verifies_with_the_published_key(client, certificate, signing_key,
                                                           trainee):
    client.force_login(trainee)
    response = client.get(f"/certificates/{certificate.pk}/badge.jwt")
    assert response.status_code == 200
    token = response.content.decode()
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
    jwks = client.get("/.well-known/jwks.json").json()
    published = {key["kid"]: key for key in jwks["keys"]}
    key = jwt.PyJWK(published[header["kid"]])
    claims = jwt.decode(token, key=key, algorithms=["EdDSA"])
    assert claims["vc"]["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["vc"]["issuer"]["id"]
    assert claims["jti"].endswith(f"/verify/{certificate.code}/")
    # Tampering breaks the signature.
    head, body, signature = token.split(".")
    forged = ".".join([head, body[:-4] + ("AAAA" if body[-4:] != "AAAA" else "BBBB"), signature])
    with pytest.raises(jwt.InvalidTokenError):
        jwt.decode(forged, key=key, algorithms=["EdDSA"])


def test_a_missing_key_is_a_clear_error(client, certificate, trainee, settings):
    settings.SANAD_OB_SIGNING_KEY = ""
    settings.SANAD_OB_SIGNING_KEY_FILE = ""
    with pytest.raises(ImproperlyConfigured, match="SANAD_OB_SIGNING_KEY"):
        openbadges.signed_credential(certificate)
    client.force_login(trainee)
    response = client.get(f"/certificates/{certificate.pk}/badge.jwt")
    assert response.status_code == 503
    assert "no signing key" in response.content.decode()
    assert client.get("/.well-known/jwks.json").json() == {"keys": []}


def test_create_key_command_writes_a_usable_key(tmp_path, settings):
    path = tmp_path / "ob.pem"
    call_command("certificates_create_key", output=str(path))
    settings.SANAD_OB_SIGNING_KEY = ""
    settings.SANAD_OB_SIGNING_KEY_FILE = str(path)
    assert openbadges.public_jwk()["crv"] == "Ed25519"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("certificates_create_key", output=str(path))


def test_env_file_gets_an_escaped_key(tmp_path, settings):
    from certificates.management.commands.certificates_create_key import append_key_to_env

    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=true")
    assert append_key_to_env(env_file) == env_file
    assert append_key_to_env(env_file) is None  # never twice
    line = env_file.read_text().splitlines()[-1]
    settings.SANAD_OB_SIGNING_KEY = line.split("=", 1)[1].strip('"')
    assert openbadges.public_jwk()["kty"] == "OKP"


def test_issuer_profile_is_public(client):
    data = client.get("/certificates/issuer/").json()
    assert data["type"] == ["Profile"] and data["id"].endswith("/certificates/issuer/")


def test_badge_json_is_the_holders_only(client, certificate, trainee, trainer):
    client.force_login(trainer)
    assert client.get(f"/certificates/{certificate.pk}/badge.json").status_code == 404
    assert client.get(f"/certificates/{certificate.pk}/badge.jwt").status_code == 404
    client.force_login(trainee)
    response = client.get(f"/certificates/{certificate.pk}/badge.json")
    assert response.status_code == 200
    assert b"OpenBadgeCredential" in response.content
