"""Handing a private file to the person a view has already let through.

Private files (certificate PDFs, spreadsheet exports) live in the private storage
(`lms.models.private_storage`), which has no public URL. A view checks who asks, then
returns `private_file_response(...)`, which serves the file in one of three ways:

* a remote storage (S3 and the like through django-storages, configured with
  `querystring_auth=True` and a short `querystring_expire`): a redirect to a signed
  URL made now, which stops working within a minute;
* a local storage with `SANAD_PRIVATE_SENDFILE = "x-accel-redirect"` (nginx) or
  `"x-sendfile"` (Apache mod_xsendfile): an empty response whose header tells the web
  server which file to send, so no Python worker is held while a slow phone downloads;
* otherwise the file streamed by Django.

Every answer carries `Cache-Control: private, no-store` so no shared cache or browser
history keeps a copy of someone's personal file.
"""

from __future__ import annotations

import inspect
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

X_ACCEL_REDIRECT = "x-accel-redirect"
X_SENDFILE = "x-sendfile"
SENDFILE_MODES = ("", X_ACCEL_REDIRECT, X_SENDFILE)


def _local_path(storage: Storage, name: str) -> str | None:
    """The file's path on this machine, or None when the storage is remote."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    # A signed URL or a file name must not leak to another site through the Referer.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _signed_url(storage: Storage, name: str, filename: str, content_type: str,
                as_attachment: bool) -> str:
    """A short-lived URL from the remote storage; django-storages' S3 backend also takes
    the headers the object is to be served with, so the download keeps its name."""
    if "parameters" in inspect.signature(storage.url).parameters:
        return storage.url(name, parameters={
            "ResponseContentDisposition": content_disposition_header(as_attachment, filename),
            "ResponseContentType": content_type,
        })
    return storage.url(name)


def private_file_response(request, storage: Storage, name: str, filename: str,
                          content_type: str, *, as_attachment: bool = True) -> HttpResponse:
    """Serve the private file `name` of `storage` as `filename`.

    Call it only after the access check: it does none. Raises Http404 when the file is
    missing. See the module docstring for the three ways it is served.
    """
    mode = settings.SANAD_PRIVATE_SENDFILE
    if mode not in SENDFILE_MODES:
        raise ImproperlyConfigured(
            f"SANAD_PRIVATE_SENDFILE must be one of {SENDFILE_MODES!r}, not {mode!r}.")
    if not name:
        raise Http404
    try:
        path = _local_path(storage, name)
    except SuspiciousFileOperation:
        raise Http404 from None
    if path is None:
        if not storage.exists(name):
            raise Http404
        return _private(HttpResponseRedirect(
            _signed_url(storage, name, filename, content_type, as_attachment)))
    if mode:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(b"", content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
        if mode == X_ACCEL_REDIRECT:
            prefix = settings.SANAD_PRIVATE_SENDFILE_PREFIX.rstrip("/") + "/"
            # The storage's own name (already checked by storage.path above), quoted,
            # under the prefix nginx maps onto SANAD_PRIVATE_ROOT.
            response["X-Accel-Redirect"] = prefix + quote(name.replace("\\", "/"))
        else:
            response["X-Sendfile"] = path
        return _private(response)
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return _private(FileResponse(handle, as_attachment=as_attachment, filename=filename,
                                 content_type=content_type))
