"""Export jobs: spreadsheets and reports too large to build while the person waits.

lms knows nothing of cohorts or logbooks, so each layer registers the exports it offers
in its `AppConfig.ready()`:

    exports.register("cohort_matrix_xlsx", builder=build_matrix, may_request=may_export)

`may_request(user, parameters)` says whether this person may have this export (asked
when it is requested and again when it is built); `builder(parameters, out)` writes the
file into the binary file `out` and returns the name the download should have. A view
calls `export_request(...)`, which records the job, audits it and queues
`lms.tasks.build_export`; the person then waits on the job's page and downloads the file
from there.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import get_valid_filename

from . import access
from .models import ExportFile, User
from .services import audit_record

logger = logging.getLogger(__name__)

Builder = Callable[[dict[str, Any], BinaryIO], str]
MayRequest = Callable[[User, dict[str, Any]], bool]


@dataclass(frozen=True)
class ExportKind:
    kind: str
    builder: Builder
    may_request: MayRequest


_registry: dict[str, ExportKind] = {}


def register(kind: str, builder: Builder, may_request: MayRequest) -> None:
    """Offer an export of this kind. Registering the same kind again replaces it (a
    reloaded app config must not fail)."""
    _registry[kind] = ExportKind(kind=kind, builder=builder, may_request=may_request)


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


def get(kind: str) -> ExportKind | None:
    return _registry.get(kind)


def export_request(*, user: User, kind: str, parameters: dict[str, Any]) -> ExportFile:
    """Record a job to build an export for `user`, audit it, and queue it once the
    transaction commits. PermissionDenied when the kind is unknown or not for this user;
    nothing is saved then."""
    from .tasks import build_export

    export_kind = get(kind)
    if export_kind is None or not export_kind.may_request(user, parameters):
        raise PermissionDenied
    with transaction.atomic():
        export = ExportFile.objects.create(requested_by=user, kind=kind, parameters=parameters,
                                           language=translation.get_language() or "")
        audit_record(actor=user, action="export.requested", target=export, kind=kind,
                     parameters=parameters)
    build_export.delay_on_commit(export.pk)
    return export


def export_for_requester(user: User, pk: int) -> ExportFile:
    """The export if `user` asked for it, else 404: missing and someone else's look the
    same, for staff too."""
    return access.get_or_404(user, "export.download", pk)


def _stale_after() -> timedelta:
    # A worker that died mid-build left the job running; after the task time limit
    # nobody is still working on it, and another run may take it over.
    return timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 300) or 300)


def exports_to_sweep():
    """Jobs a dead worker dropped: pending for longer than the time limit (their task was
    lost), or running past it (their worker died). Building them again is safe."""
    cutoff = timezone.now() - _stale_after()
    return ExportFile.objects.filter(
        Q(status=ExportFile.Status.PENDING, created_at__lt=cutoff)
        | Q(status=ExportFile.Status.RUNNING, started_at__lt=cutoff))


def _claim(export_id: int) -> ExportFile | None:
    now = timezone.now()
    claimable = Q(status=ExportFile.Status.PENDING) | Q(
        status=ExportFile.Status.RUNNING, started_at__lt=now - _stale_after())
    claimed = (ExportFile.objects.filter(claimable, pk=export_id)
               .update(status=ExportFile.Status.RUNNING, started_at=now))
    if not claimed:
        return None
    return ExportFile.objects.select_related("requested_by").get(pk=export_id)


def _fail(export: ExportFile, error: str) -> None:
    export.status = ExportFile.Status.FAILED
    export.error = error[:2000]
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "error", "finished_at"])


def export_build(*, export_id: int) -> ExportFile | None:
    """Build the file of a pending export. Safe to run twice: only a pending job (or one
    left running past the task time limit) is claimed, so a ready export is never
    rebuilt. The file is built in a temporary file and stored whole, so a half-written
    file is never offered. Returns the export it built, or None."""
    export = _claim(export_id)
    if export is None:
        return None
    export_kind = get(export.kind)
    if export_kind is None:
        _fail(export, f"No export is registered as {export.kind!r}.")
        return export
    if not export.requested_by.is_active or not export_kind.may_request(
            export.requested_by, export.parameters):
        # Access may have been withdrawn since the request.
        _fail(export, "The requester may no longer have this export.")
        return export
    storage = ExportFile._meta.get_field("file").storage
    # Unguessable, and never the name of an older file should a primary key be reused.
    name = f"exports/{export.pk}-{secrets.token_urlsafe(12)}"
    try:
        # Built in a temporary file of this worker, then handed to the storage (a folder
        # or an object store) whole: a half-built file is never stored, let alone offered.
        with tempfile.TemporaryFile() as out:
            with translation.override(export.language or settings.LANGUAGE_CODE):
                filename = export_kind.builder(export.parameters, out)
            out.seek(0)
            # The stored file keeps the extension of what was built (.xlsx, .pdf).
            name = storage.save(name + os.path.splitext(filename)[1].lower()[:8], File(out))
    except Exception as error:
        logger.exception("Export %s (%s) failed", export.pk, export.kind)
        _fail(export, f"{type(error).__name__}: {error}")
        return export
    export.file.name = name
    export.filename = get_valid_filename(filename)[:200] or f"export-{export.pk}"
    export.status = ExportFile.Status.READY
    export.error = ""
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "filename", "status", "error", "finished_at"])
    return export



def _delete_file(sender, instance: ExportFile, **kwargs) -> None:
    # An export may hold any personal data its requester could see: when the job goes
    # (expired, or its requester erased), its file goes with it.
    if instance.file:
        instance.file.delete(save=False)


def connect_signals() -> None:
    """Called from LmsConfig.ready()."""
    from django.db.models.signals import post_delete

    post_delete.connect(_delete_file, sender=ExportFile, dispatch_uid="lms_export_file_delete")


def exports_delete_expired(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Delete the export jobs (and their files) requested more than `older_than` ago;
    return how many. A download is meant to be fetched soon, not kept on the server."""
    expired = ExportFile.objects.filter(created_at__lt=timezone.now() - older_than)
    count = 0
    # One by one, so each file is deleted with its row.
    for export in expired.iterator(chunk_size=200):
        export.delete()
        count += 1
    return count
