import pytest
from django.urls import reverse

from certificates.models import Certificate
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(trainee):
    from tests.factories import CertificateEnrollmentFactory

    return CertificateFactory(enrollment=CertificateEnrollmentFactory(trainee=trainee))


def test_verification_page_shows_only_the_public_record(client, certificate, trainee):
    response = client.get(f"/verify/{certificate.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("Layla Haddad", certificate.course_title, "Sanad Training Network",
                  certificate.code, "Valid", "genuine and valid"):
        assert shown in html
    assert trainee.email not in html
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "12.50" not in html  # the transcript is the holder's to share, not the page's


def test_json_record_has_the_same_fields_and_no_personal_data(client, certificate, trainee):
    response = client.get(f"/verify/{certificate.code}.json")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"code", "name", "course", "issuing_organisation", "issued_on",
                         "expires_on", "status", "status_label", "verification_url"}
    assert data["status"] == "valid" and data["name"] == "Layla Haddad"
    assert trainee.email not in response.content.decode()
    assert client.get(f"/verify/{certificate.code}/?format=json").json() == data


def test_typed_code_leads_to_the_canonical_page(client, certificate):
    typed = certificate.code.replace("-", " ").lower()
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 302
    assert response.url == f"/verify/{certificate.code}/"
    loose = client.get(f"/verify/{certificate.code.replace('-', '').lower()}/")
    assert loose.status_code == 302 and loose.url == f"/verify/{certificate.code}/"


def test_the_form_page_renders(client):
    response = client.get(reverse("certificates:verify"))
    assert response.status_code == 200
    assert 'for="id_code"' in response.content.decode()


def test_malformed_code_gets_a_clear_message(client):
    response = client.get("/verify/", {"code": "hello"})
    assert response.status_code == 400
    assert "This is not a verification code" in response.content.decode()
    assert client.get("/verify/NOT-A-CODE/").status_code == 400
    json_response = client.get("/verify/NOT-A-CODE.json")
    assert json_response.status_code == 400
    assert json_response.json()["error"] == "malformed_code"


def test_unknown_code_is_404_with_a_message(client, certificate):
    unknown = "0000-0000-0000-0000"
    response = client.get(f"/verify/{unknown}/")
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()
    assert client.get(f"/verify/{unknown}.json").status_code == 404


def test_expired_and_revoked_show_as_such(client, certificate, manager):
    import datetime

    Certificate.objects.filter(pk=certificate.pk).update(
        completion_date=datetime.date(2020, 1, 1), issued_on=datetime.date(2020, 1, 1),
        expires_on=datetime.date(2022, 1, 1))
    assert client.get(f"/verify/{certificate.code}.json").json()["status"] == "expired"
    assert "has expired" in client.get(f"/verify/{certificate.code}/").content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(
        status="revoked", revocation_category="fraud", revocation_reason="Forged logbook",
        revoked_at=datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC))
    data = client.get(f"/verify/{certificate.code}.json").json()
    assert data["status"] == "revoked"
    assert data["revoked_on"] == "2023-01-01"
    # The category is the holder's and the issuer's to know, never the public's.
    assert "revocation_category" not in data
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert "has been revoked" in html
    assert "Fraud or misrepresentation" not in html
    assert "Forged logbook" not in html  # the explanation stays in the audit log
    client.force_login(certificate.enrollment.trainee)  # the holder
    assert client.get(f"/verify/{certificate.code}.json").json()["revocation_category"] \
        == "fraud"
    assert "Fraud or misrepresentation" in client.get(
        f"/verify/{certificate.code}/").content.decode()


def test_lookups_are_rate_limited_per_ip(client, certificate, settings):
    settings.SANAD_VERIFY_RATE_PER_MINUTE = 5
    for _ in range(5):
        assert client.get(f"/verify/{certificate.code}/").status_code == 200
    response = client.get(f"/verify/{certificate.code}/")
    assert response.status_code == 429
    assert "Too many verification lookups" in response.content.decode()
    assert response["Retry-After"] == "60"
    assert client.get(f"/verify/{certificate.code}.json").status_code == 429
    assert client.get("/verify/", {"code": certificate.code}).status_code == 429
    # Another address is not affected.
    other = client.get(f"/verify/{certificate.code}/", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_verification_page_query_count_is_fixed(client, certificate, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(f"/verify/{certificate.code}/").status_code == 200


def test_behind_one_proxy_clients_are_limited_apart(client, certificate, settings):
    """Every visitor arrives from the proxy's address; the limit counts the address the
    proxy forwarded, so one client's lookups never lock out another's."""
    settings.SANAD_TRUSTED_PROXY_COUNT = 1
    settings.SANAD_VERIFY_RATE_PER_MINUTE = 3
    url = f"/verify/{certificate.code}/"
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for _ in range(3):
        assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.66", **proxy).status_code == 200
    # Forging an address on the left does not start a new count.
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.66",
                      **proxy).status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 200
    assert client.get(f"/verify/{certificate.code}.json", HTTP_X_FORWARDED_FOR="198.51.100.7",
                      **proxy).status_code == 200


def test_without_proxies_a_forged_header_changes_nothing(client, certificate, settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 0
    settings.SANAD_VERIFY_RATE_PER_MINUTE = 3
    url = f"/verify/{certificate.code}/"
    statuses = [client.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
                for n in range(1, 6)]
    assert statuses == [200, 200, 200, 429, 429]


def test_a_malformed_forwarded_header_falls_back_to_the_peer(client, certificate, settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 2
    settings.SANAD_VERIFY_RATE_PER_MINUTE = 2
    url = f"/verify/{certificate.code}/"
    # Too short for two proxies, or no address at all: counted on REMOTE_ADDR, no error.
    statuses = [client.get(url, HTTP_X_FORWARDED_FOR=header).status_code
                for header in ("198.51.100.7", "garbage, 10.0.0.2", "")]
    assert statuses == [200, 200, 429]
