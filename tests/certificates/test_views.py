"""Every certificates view for each role that may and may not use it."""

import pytest
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from courses.requirements import registry
from tests.factories import CertificateEnrollmentFactory, CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(cohort, trainee):
    return CertificateFactory(enrollment=CertificateEnrollmentFactory(trainee=trainee,
                                                                      cohort=cohort))


def _login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role, status", [
    (None, 302), ("trainee", 200), ("trainer", 200), ("supervisor", 200), ("manager", 200)])
def test_my_certificates(client, role_users, certificate, role, status):
    _login(client, role_users.get(role))
    response = client.get(reverse("certificates:mine"))
    assert response.status_code == status
    if role is None:
        assert "/accounts/login/" in response.url
    elif role == "trainee":
        html = response.content.decode()
        assert certificate.code in html and f"/verify/{certificate.code}/" in html
    else:
        assert certificate.code not in response.content.decode()


@pytest.mark.parametrize("role, status", [
    (None, 302), ("trainee", 200), ("trainer", 404), ("supervisor", 404), ("manager", 200)])
def test_pdf_download_is_the_holders_and_the_managers(client, role_users, certificate, role,
                                                      status):
    from certificates import services

    services.certificate_render(certificate_id=certificate.pk)
    _login(client, role_users.get(role))
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_pdf_not_ready_is_404_and_the_page_says_so(client, trainee, certificate):
    client.force_login(trainee)
    assert client.get(reverse("certificates:pdf", args=[certificate.pk])).status_code == 404
    assert "being prepared" in client.get(reverse("certificates:mine")).content.decode()


@pytest.mark.parametrize("role, status", [
    (None, 302), ("trainee", 404), ("supervisor", 404), ("trainer", 200), ("manager", 200)])
def test_cohort_page(client, role_users, certificate, cohort, role, status):
    _login(client, role_users.get(role))
    response = client.get(reverse("certificates:cohort", args=[cohort.pk]))
    assert response.status_code == status
    list_response = client.get(reverse("certificates:cohort_list"))
    assert list_response.status_code == status
    if status == 200:
        assert "1 of 1 issued" in response.content.decode()
        assert cohort.name in list_response.content.decode()


def test_cohort_of_someone_else_is_404(client, certificate, cohort):
    from tests.factories import ManagerFactory, TrainerFactory

    for stranger in (TrainerFactory(), ManagerFactory()):
        client.force_login(stranger)
        assert client.get(reverse("certificates:cohort", args=[cohort.pk])).status_code == 404
        assert client.post(reverse("certificates:cohort", args=[cohort.pk])).status_code == 404


def test_issue_for_all_eligible_shows_progress(client, trainer, cohort,
                                               django_capture_on_commit_callbacks):
    waiting = CertificateEnrollmentFactory.create_batch(3, cohort=cohort)
    CertificateEnrollmentFactory(cohort=cohort, status="active", completed_at=None)
    client.force_login(trainer)
    page = client.get(reverse("certificates:cohort", args=[cohort.pk])).content.decode()
    assert "0 of 3 issued" in page
    for enrollment in waiting:
        assert enrollment.trainee.full_name in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:cohort", args=[cohort.pk]))
    assert response.status_code == 302
    assert Certificate.objects.filter(enrollment__cohort=cohort).count() == 3
    page = client.get(reverse("certificates:cohort", args=[cohort.pk])).content.decode()
    assert "3 of 3 issued" in page and "3 certificates queued" in page
    assert "Nobody is waiting" in page


def test_revoked_ones_are_listed(client, manager, cohort, certificate):
    from certificates import services

    services.certificate_revoke(certificate=certificate, actor=manager, category="fraud",
                                reason="Forged")
    client.force_login(manager)
    page = client.get(reverse("certificates:cohort", args=[cohort.pk])).content.decode()
    revoked_section = page.split('id="revoked"', 1)[1]
    assert certificate.code in revoked_section
    assert "Fraud or misrepresentation" in revoked_section


@pytest.mark.parametrize("role, status", [
    (None, 302), ("trainee", 404), ("supervisor", 404), ("trainer", 404), ("manager", 200)])
def test_manage_page(client, role_users, certificate, role, status):
    _login(client, role_users.get(role))
    assert client.get(reverse("certificates:manage", args=[certificate.pk])).status_code == status


def test_public_pages_need_no_login(client, certificate):
    for url in (reverse("certificates:verify"), f"/verify/{certificate.code}/",
                f"/verify/{certificate.code}.json", "/certificates/issuer/",
                "/.well-known/jwks.json"):
        assert client.get(url).status_code == 200, url


def test_arabic_pages_render(client, certificate, trainee):
    client.force_login(trainee)
    assert client.get("/ar/certificates/").status_code == 200
    response = client.get(f"/ar/verify/{certificate.code}/")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()


def _pin(client, url, django_assert_num_queries, count):
    client.get(url)  # warm session and caches
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_my_certificates_query_count_is_fixed(client, trainee, size, django_assert_num_queries):
    for _ in range(size):
        CertificateFactory(enrollment=CertificateEnrollmentFactory(trainee=trainee))
    client.force_login(trainee)
    _pin(client, reverse("certificates:mine"), django_assert_num_queries, 3)


@pytest.mark.parametrize("size", [1, 12])
def test_cohort_page_query_count_is_fixed(client, manager, cohort, size,
                                          django_assert_num_queries):
    for _ in range(size):
        CertificateFactory(enrollment=CertificateEnrollmentFactory(cohort=cohort))
        CertificateEnrollmentFactory(cohort=cohort)
    client.force_login(manager)
    _pin(client, reverse("certificates:cohort", args=[cohort.pk]), django_assert_num_queries, 8)


@translation.override("en")
def test_checklist_says_valid_until_then_refresher_due(certificate):
    import datetime

    enrollment = certificate.enrollment
    line = [s for s in registry.evaluate([enrollment])[enrollment.pk] if s.key == "certificate"]
    assert len(line) == 1 and not line[0].gating
    assert line[0].progress.startswith("Certificate issued — valid until")
    Certificate.objects.filter(pk=certificate.pk).update(
        completion_date=datetime.date(2020, 1, 1), issued_on=datetime.date(2020, 1, 1),
        expires_on=datetime.date(2022, 1, 1))
    line = [s for s in registry.evaluate([enrollment])[enrollment.pk] if s.key == "certificate"]
    assert line[0].progress.startswith("Refresher due: your certificate expired on")
    assert registry.all_met(line)  # informational: it never blocks completion
