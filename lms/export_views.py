"""The pages of an export job: its state while it is built, then the download.

Only the person who asked for an export may see it or download it; for anyone else it
does not exist (404), staff included, because the file may hold any personal data its
requester was allowed to see.
"""

from __future__ import annotations

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .exports import export_for_requester
from .files import private_file_response
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
    content_type = mimetypes.guess_type(export.filename)[0] or "application/octet-stream"
    response = private_file_response(request, export.file.storage, export.file.name,
                                     export.filename, content_type)
    audit_record(actor=request.user, action="export.downloaded", target=export,
                 kind=export.kind)
    return response
