"""lms.files.private_file_response: the one way a private file leaves the server."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.http import Http404
from django.test import RequestFactory

from lms.files import private_file_response
from lms.models import PrivateStorage, private_storage


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.SANAD_PRIVATE_ROOT = tmp_path / "private"
    settings.SANAD_PRIVATE_SENDFILE = ""
    settings.SANAD_PRIVATE_SENDFILE_PREFIX = "/_private/"
    return settings.SANAD_PRIVATE_ROOT


@pytest.fixture
def stored():
    storage = PrivateStorage()
    name = storage.save("exports/roster.xlsx", ContentFile(b"PK\x03\x04 spreadsheet"))
    return storage, name


def _get():
    return RequestFactory().get("/anything")


def _private_headers(response):
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


class SignedURLStorage(Storage):
    """A stand-in for django-storages' S3 storage: no local path, signed URLs."""

    def __init__(self):
        self.files = {}

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def exists(self, name):
        return name in self.files

    def url(self, name, parameters=None, expire=None, http_method=None):
        query = "X-Amz-Expires=60&X-Amz-Signature=0f1e2d"
        if parameters:
            query += "&" + "&".join(f"{key}={value}" for key, value in parameters.items())
        return f"https://bucket.s3.example/{name}?{query}"


def test_streams_by_default_with_private_headers(stored):
    storage, name = stored
    response = private_file_response(_get(), storage, name, "roster – ثلاثاء.xlsx",
                                     "application/vnd.ms-excel")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK\x03\x04 spreadsheet"
    assert response["Content-Type"] == "application/vnd.ms-excel"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    _private_headers(response)


def test_inline_when_asked(stored):
    storage, name = stored
    response = private_file_response(_get(), storage, name, "a.pdf", "application/pdf",
                                     as_attachment=False)
    assert response["Content-Disposition"].startswith("inline;")


def test_missing_file_is_404(stored):
    storage, _name = stored
    with pytest.raises(Http404):
        private_file_response(_get(), storage, "exports/gone.xlsx", "a.xlsx", "text/plain")
    with pytest.raises(Http404):
        private_file_response(_get(), storage, "", "a.xlsx", "text/plain")


def test_a_name_outside_the_root_is_404(stored):
    storage, _name = stored
    with pytest.raises(Http404):
        private_file_response(_get(), storage, "../../etc/passwd", "a", "text/plain")


def test_x_accel_redirect_hands_the_file_to_nginx(stored, settings):
    settings.SANAD_PRIVATE_SENDFILE = "x-accel-redirect"
    settings.SANAD_PRIVATE_SENDFILE_PREFIX = "/_private"
    storage, name = stored
    response = private_file_response(_get(), storage, name, "roster.xlsx",
                                     "application/vnd.ms-excel")
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{name}"
    assert response["Content-Disposition"] == 'attachment; filename="roster.xlsx"'
    assert response["Content-Type"] == "application/vnd.ms-excel"
    _private_headers(response)


def test_x_accel_redirect_quotes_the_name(settings):
    settings.SANAD_PRIVATE_SENDFILE = "x-accel-redirect"
    storage = PrivateStorage()
    name = storage.save("exports/liste été.xlsx", ContentFile(b"x"))
    response = private_file_response(_get(), storage, name, "a.xlsx", "text/plain")
    assert response["X-Accel-Redirect"] == "/_private/exports/liste%20%C3%A9t%C3%A9.xlsx"


def test_x_sendfile_names_the_absolute_path(stored, settings, private_root):
    settings.SANAD_PRIVATE_SENDFILE = "x-sendfile"
    storage, name = stored
    response = private_file_response(_get(), storage, name, "roster.xlsx", "text/plain")
    assert response.content == b""
    assert response["X-Sendfile"] == str(private_root / name)
    _private_headers(response)


def test_sendfile_modes_still_404_a_missing_file(stored, settings):
    storage, _name = stored
    for mode in ("x-accel-redirect", "x-sendfile"):
        settings.SANAD_PRIVATE_SENDFILE = mode
        with pytest.raises(Http404):
            private_file_response(_get(), storage, "exports/gone.xlsx", "a", "text/plain")


def test_an_unknown_sendfile_mode_is_a_configuration_error(stored, settings):
    settings.SANAD_PRIVATE_SENDFILE = "x-lighttpd"
    storage, name = stored
    with pytest.raises(ImproperlyConfigured):
        private_file_response(_get(), storage, name, "a", "text/plain")


def test_a_remote_storage_gets_a_redirect_to_a_signed_url(settings):
    settings.SANAD_PRIVATE_SENDFILE = "x-accel-redirect"  # irrelevant for a remote storage
    storage = SignedURLStorage()
    storage.save("certificates/2026/K7QM.pdf", ContentFile(b"%PDF"))
    response = private_file_response(_get(), storage, "certificates/2026/K7QM.pdf",
                                     "certificate-K7QM.pdf", "application/pdf")
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert (url.scheme, url.netloc, url.path) == ("https", "bucket.s3.example",
                                                  "/certificates/2026/K7QM.pdf")
    query = parse_qs(url.query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["ResponseContentDisposition"] == [
        'attachment; filename="certificate-K7QM.pdf"']
    assert "X-Accel-Redirect" not in response
    _private_headers(response)
    with pytest.raises(Http404):
        private_file_response(_get(), storage, "certificates/2026/gone.pdf", "a", "a/b")


def test_private_storage_is_the_configured_backend(settings):
    assert isinstance(private_storage(), PrivateStorage)
    settings.SANAD_PRIVATE_STORAGE = f"{__name__}.SignedURLStorage"
    assert isinstance(private_storage(), SignedURLStorage)


@pytest.mark.parametrize("mode, starts", [("x-accel-redirect", True), ("x-sendfile", True),
                                          ("x-accel", False), ("nginx", False)])
def test_settings_refuse_an_unknown_sendfile_mode(mode, starts):
    from tests.lms.test_settings import _run_python

    result = _run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='lms.settings.dev'; "
        "from django.conf import settings; print(settings.SANAD_PRIVATE_SENDFILE)",
        SANAD_PRIVATE_SENDFILE=mode)
    assert (result.returncode == 0) is starts, result.stderr
    if not starts:
        assert "SANAD_PRIVATE_SENDFILE must be" in result.stderr
