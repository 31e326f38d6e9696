"""Certificate PDFs are private files: stored outside MEDIA_ROOT, reachable only through
the access-checked view, for the holder and for those who manage the certificate."""

from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from lms.models import AuditEvent, PrivateStorage
from tests.factories import CertificateEnrollmentFactory, CertificateFactory, TraineeFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7 the transcript of a trainee"


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SANAD_PRIVATE_ROOT = tmp_path / "private"
    settings.SANAD_PRIVATE_SENDFILE = ""
    return Path(settings.MEDIA_ROOT), Path(settings.SANAD_PRIVATE_ROOT)


@pytest.fixture
def certificate(trainee, cohort):
    certificate = CertificateFactory(
        enrollment=CertificateEnrollmentFactory(trainee=trainee, cohort=cohort))
    certificate.pdf.save("ignored.pdf", ContentFile(PDF), save=True)
    return certificate


def _url(certificate):
    return reverse("certificates:pdf", args=[certificate.pk])


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _revoke(certificate, manager):
    return services.certificate_revoke(certificate=certificate, actor=manager,
                                       category="fraud", reason="Forged attendance sheet")


# --- Where the file lives, and no URL to it ---------------------------------------------


def test_issued_pdf_is_in_private_storage_and_nothing_under_media_root(
        client, completed_enrollment, roots):
    media_root, private_root = roots
    certificate, _created = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    certificate = services.certificate_render(certificate_id=certificate.pk)
    assert isinstance(certificate.pdf.storage, PrivateStorage)
    assert certificate.pdf.name == f"certificates/{certificate.issued_on:%Y}/{certificate.code}.pdf"
    assert _files(private_root) == [private_root / certificate.pdf.name]
    assert _files(media_root) == []
    with pytest.raises(NotImplementedError):
        certificate.pdf.url  # noqa: B018 (no URL may be made for it)
    # The address it had under /media/ leads nowhere, signed in or not.
    public = f"/media/{certificate.pdf.name}"
    assert client.get(public).status_code == 404
    client.force_login(completed_enrollment.trainee)
    assert client.get(public).status_code == 404
    assert client.get(_url(certificate)).status_code == 200


# --- Who may download it ---------------------------------------------------------------


@pytest.mark.parametrize("who, status", [
    ("anonymous", 302), ("holder", 200), ("other_trainee", 404), ("supervisor", 404),
    ("trainer_without_permission", 404), ("trainer_with_permission", 200),
    ("manager", 200), ("other_manager", 404), ("superuser", 200)])
def test_who_may_download_the_pdf(client, certificate, trainee, trainer, supervisor, manager,
                                  superuser, who, status):
    from tests.factories import ManagerFactory

    if who == "trainer_with_permission":
        trainer.user_permissions.add(Permission.objects.get(codename="revoke_certificate"))
    user = {"anonymous": None, "holder": trainee, "other_trainee": TraineeFactory(),
            "supervisor": supervisor, "trainer_without_permission": trainer,
            "trainer_with_permission": trainer, "manager": manager,
            "other_manager": ManagerFactory(), "superuser": superuser}[who]
    if user is not None:
        client.force_login(user)
    response = client.get(_url(certificate))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="certificate-{certificate.code}.pdf"')
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
    elif status == 302:
        assert "/accounts/login/" in response.url
    else:
        assert PDF not in response.content


def test_staff_downloads_are_audited_the_holders_are_not(client, certificate, trainee,
                                                         manager):
    client.force_login(trainee)
    client.get(_url(certificate))
    assert not AuditEvent.objects.filter(action="certificate.pdf_downloaded").exists()
    client.force_login(manager)
    client.get(_url(certificate))
    event = AuditEvent.objects.get(action="certificate.pdf_downloaded")
    assert event.actor == manager and event.target_id == str(certificate.pk)


@pytest.mark.parametrize("who", ["holder", "manager"])
def test_revoked_pdf_is_410_for_everyone(client, certificate, trainee, manager, who):
    _revoke(certificate, manager)
    client.force_login({"holder": trainee, "manager": manager}[who])
    response = client.get(_url(certificate))
    assert response.status_code == 410
    assert PDF not in response.content


def test_manage_page_links_the_pdf(client, certificate, manager):
    client.force_login(manager)
    html = client.get(reverse("certificates:manage", args=[certificate.pk])).content.decode()
    assert _url(certificate) in html


# --- Served by the web server, or by a signed URL --------------------------------------


def test_x_accel_redirect_mode_sends_the_header_and_no_body(client, certificate, trainee,
                                                           settings):
    settings.SANAD_PRIVATE_SENDFILE = "x-accel-redirect"
    settings.SANAD_PRIVATE_SENDFILE_PREFIX = "/_private/"
    client.force_login(trainee)
    response = client.get(_url(certificate))
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{certificate.pdf.name}"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    client.force_login(TraineeFactory())
    refused = client.get(_url(certificate))
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


class SignedURLStorage(Storage):
    """Stands in for an S3 storage with querystring_auth: no path, signed URLs."""

    files: dict = {}

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def url(self, name):
        return f"https://private.s3.example/{name}?X-Amz-Expires=60&X-Amz-Signature=ab12"


def test_signed_url_mode_redirects_only_after_the_check(client, certificate, trainee,
                                                       monkeypatch):
    field = Certificate._meta.get_field("pdf")
    remote = SignedURLStorage()
    remote.files = {certificate.pdf.name: PDF}
    monkeypatch.setattr(field, "storage", remote)
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.pdf.storage is remote

    client.force_login(TraineeFactory())
    refused = client.get(_url(certificate))
    assert refused.status_code == 404
    assert "private.s3.example" not in refused.get("Location", "")
    client.logout()
    assert "private.s3.example" not in client.get(_url(certificate)).get("Location", "")

    client.force_login(trainee)
    response = client.get(_url(certificate))
    assert response.status_code == 302
    assert response["Location"] == (f"https://private.s3.example/{certificate.pdf.name}"
                                    "?X-Amz-Expires=60&X-Amz-Signature=ab12")
    assert "no-store" in response["Cache-Control"]


# --- The migration that moves existing PDFs --------------------------------------------


def _migration():
    return import_module("certificates.migrations.0004_certificate_pdf_private_storage")


def test_migration_moves_pdfs_out_of_media_safely_twice(certificate, other_certificate_pdf,
                                                        roots):
    from django.apps import apps

    media_root, private_root = roots
    public, private = storages["default"], PrivateStorage()
    # As before: the PDFs in public media (one of them already gone from the disk).
    name = certificate.pdf.name
    public.save(name, ContentFile(PDF))
    private.delete(name)
    missing = other_certificate_pdf.pdf.name
    private.delete(missing)

    _migration().to_private_storage(apps, None)
    assert private.exists(name) and not public.exists(name)
    with private.open(name, "rb") as handle:
        assert handle.read() == PDF
    assert not private.exists(missing)
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == name

    # Run again: nothing moves, nothing breaks; a copy left behind in media is removed.
    public.save(name, ContentFile(PDF))
    _migration().to_private_storage(apps, None)
    assert private.exists(name) and not public.exists(name)
    assert [p for p in _files(media_root)] == []

    # And back, for a rollback.
    _migration().to_public_storage(apps, None)
    assert public.exists(name) and not private.exists(name)


@pytest.fixture
def other_certificate_pdf(cohort):
    other = CertificateFactory(enrollment=CertificateEnrollmentFactory(cohort=cohort))
    other.pdf.save("ignored.pdf", ContentFile(PDF), save=True)
    return other

