"""The pages of an export job: its state while it is built, then the download.

Only the person who asked for an export may see it or download it; for anyone else it
does not exist (404), staff included, because the file may hold any personal data its
requester was allowed to see.
"""

from __future__ import annotations

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .exports import export_for_requester
from .models import ExportFile
from .services import audit_record

# Seconds between reloads of the page of an export that is not ready yet.
REFRESH_SECONDS = 3


@login_required
@require_GET
def export_detail(request, pk: int):
    export = export_for_requester(request.user, pk)
    waiting = export.status in (ExportFile.Status.PENDING, ExportFile.Status.RUNNING)
    return render(request, "lms/export_detail.html", {
        "export": export, "waiting": waiting, "refresh_seconds": REFRESH_SECONDS})


@login_required
@require_GET
def export_download(request, pk: int):
    export = export_for_requester(request.user, pk)
    if export.status != ExportFile.Status.READY or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    audit_record(actor=request.user, action="export.downloaded", target=export,
                 kind=export.kind)
    content_type = mimetypes.guess_type(export.filename)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=export.filename,
                            content_type=content_type)
    # Personal data: no shared cache or browser cache keeps a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response
