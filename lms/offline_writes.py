"""Writes queued on a device while offline, and applied once when it is back online.

A person's browser keeps what they did offline (a practice entry, a lesson marked
complete, a rating…) in an outbox (lms/static/js/outbox.js) and sends it in batches to
the sync view. Each queued write carries an id the device made up; the server applies
each id at most once and answers with the result for that id, so sending again is always
safe.

Like the requirement registry (courses/requirements.py), this layer knows no kind of
write: each layer registers the kinds it owns in its AppConfig.ready(), and a kind
applies a write by calling that layer's services, which check permission and validate
as they do for the web forms (the privacy guard included).
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .offline import offline_key
from .roles import Role

# One request holds at most this many writes; the device sends more in several.
MAX_WRITES = 100
# A day of practice entries is a few kilobytes; this leaves room for 100 long ones.
MAX_BODY_BYTES = 512 * 1024
# An applied id is remembered this long: a phone can stay offline for weeks in the field,
# and a write it sends again after its record is gone would be applied a second time.
KEEP_APPLIED_FOR = datetime.timedelta(days=180)


class Status:
    APPLIED = "applied"
    REFUSED = "refused"
    ALREADY = "already_applied"


class BatchError(Exception):
    """The batch as a whole cannot be read; nothing in it was applied."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class WriteRefused(Exception):
    """A kind refuses a write, with messages by field ("__all__" for the whole write)."""

    def __init__(self, errors: Mapping[str, list[str]] | str):
        if isinstance(errors, str):
            errors = {"__all__": [errors]}
        super().__init__(errors)
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}


@dataclass(frozen=True)
class QueuedWrite:
    """One write as the device sent it."""

    client_id: uuid.UUID
    kind: str
    fields: dict[str, Any]

    def data(self, *list_fields: str) -> QueryDict:
        """The fields as a form's data: lists for the names given, single values else."""
        data = QueryDict(mutable=True)
        for name, value in self.fields.items():
            if isinstance(value, list):
                data.setlist(name, [_form_value(v) for v in value])
            elif value is not None and value is not False:
                data[name] = _form_value(value)
        for name in list_fields:
            data.setlist(name, data.getlist(name))
        return data


def _form_value(value) -> str:
    return "on" if value is True else str(value)


@dataclass(frozen=True)
class WriteKind:
    """A kind of write a device may queue.

    `apply(write, request)` does it through the layer's services and returns what it
    led to as JSON-ready data (at least "url" when there is something to open); it raises
    WriteRefused, ValidationError, PermissionDenied or Http404 to refuse, having written
    nothing. `describe(result)` says, in the person's language, what was done.
    """

    name: str
    apply: Callable[[QueuedWrite, Any], dict]
    describe: Callable[[dict], str]
    roles: tuple[Role, ...] = (Role.TRAINEE,)


@dataclass
class WriteKindRegistry:
    _kinds: dict[str, WriteKind] = field(default_factory=dict)

    def register(self, kind: WriteKind) -> WriteKind:
        self._kinds[kind.name] = kind
        return kind

    def get(self, name: str) -> WriteKind | None:
        return self._kinds.get(name)

    @property
    def names(self) -> list[str]:
        return sorted(self._kinds)


registry = WriteKindRegistry()


def parse_batch(body: bytes, *, user) -> list[QueuedWrite]:
    """The writes of a request body, or BatchError saying why none can be read."""
    if len(body) > MAX_BODY_BYTES:
        raise BatchError(_("Too much to send at once (more than %(size)s KB). Send fewer "
                           "writes in each request.") % {"size": MAX_BODY_BYTES // 1024}, 413)
    try:
        batch = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BatchError(_("The request is not a batch of writes (JSON expected).")) from None
    if not isinstance(batch, dict) or not isinstance(batch.get("writes"), list):
        raise BatchError(_("The request is not a batch of writes (JSON expected)."))
    if batch.get("key") != offline_key(user):
        # Written on this device by someone else who was signed in: never theirs to send.
        raise BatchError(_("These writes were saved on this device by another person, so "
                           "they cannot be sent with your account."), 409)
    writes = batch["writes"]
    if len(writes) > MAX_WRITES:
        raise BatchError(_("Send at most %(max)d writes at once; this batch has %(count)d.")
                         % {"max": MAX_WRITES, "count": len(writes)}, 413)
    parsed = []
    for raw in writes:
        if not isinstance(raw, dict) or not isinstance(raw.get("fields", {}), dict):
            raise BatchError(_("Each write needs an id, a kind and its fields."))
        try:
            client_id = uuid.UUID(str(raw.get("id")))
        except ValueError:
            raise BatchError(_("Each write needs an id, a kind and its fields.")) from None
        parsed.append(QueuedWrite(client_id=client_id, kind=str(raw.get("kind", "")),
                                  fields=raw.get("fields", {})))
    return parsed


def _errors_of(error: Exception) -> dict[str, list[str]]:
    if isinstance(error, WriteRefused):
        return error.errors
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return {("__all__" if name in (None, "__all__") else name):
                    [str(m) for m in ValidationError(messages).messages]
                    for name, messages in error.error_dict.items()}
        return {"__all__": [str(m) for m in error.messages]}
    # Missing and not yours look the same, as they do on every page.
    return {"__all__": [_("This was not found, or is not yours to change.")]}


def _answer(write: QueuedWrite, status: str, *, result=None, errors=None, kind=None) -> dict:
    answer: dict[str, Any] = {"id": str(write.client_id), "status": status}
    if result is not None:
        answer["result"] = result
        answer["message"] = kind.describe(result) if kind else ""
    if errors:
        answer["errors"] = errors
        answer["message"] = next(iter(errors.get("__all__", [])), "") or _(
            "This was not saved: correct what is marked and send it again.")
    return answer


def offline_writes_apply(*, request, writes: list[QueuedWrite]) -> list[dict]:
    """Apply each write once, in order, each in its own savepoint; answer for each id.

    A write already applied (same person, same id) is answered with its first result
    and applies nothing. The record of a write is inserted after the write itself, in
    the same savepoint: when two requests carry the same id at once, the unique
    constraint refuses the second insert and its work is rolled back with it.
    """
    from .models import OfflineWrite

    user = request.user
    answers = []
    with transaction.atomic():
        # Read inside the transaction: on SQLite it holds the write lock from its start, so
        # a request with the same ids that was applying them has committed by now.
        done = {record.client_id: record for record in OfflineWrite.objects.filter(
            user=user, client_id__in=[w.client_id for w in writes])}
        for write in writes:
            kind = registry.get(write.kind)
            if write.client_id in done:
                answers.append(_answer(write, Status.ALREADY, result=done[write.client_id].result,
                                       kind=kind))
                continue
            if kind is None or not access.has_role(user, *kind.roles):
                answers.append(_answer(write, Status.REFUSED, errors={"__all__": [
                    _("This cannot be saved offline with your account.")]}))
                continue
            try:
                with transaction.atomic():
                    result = kind.apply(write, request)
                    record = OfflineWrite.objects.create(user=user, client_id=write.client_id,
                                                         kind=kind.name, result=result)
            except IntegrityError:
                record = OfflineWrite.objects.filter(user=user,
                                                     client_id=write.client_id).first()
                if record is None:
                    answers.append(_answer(write, Status.REFUSED, errors={"__all__": [
                        _("This could not be saved; send it again later.")]}))
                else:
                    done[write.client_id] = record
                    answers.append(_answer(write, Status.ALREADY, result=record.result,
                                           kind=kind))
            except (WriteRefused, ValidationError, PermissionDenied, Http404,
                    ObjectDoesNotExist) as error:
                # A request with the same write may have applied it meanwhile (its answer
                # lost, the device sent it again at once): submitting twice is then refused
                # because the first submission succeeded, and that is its answer.
                record = OfflineWrite.objects.filter(user=user,
                                                     client_id=write.client_id).first()
                if record is not None:
                    done[write.client_id] = record
                    answers.append(_answer(write, Status.ALREADY, result=record.result,
                                           kind=kind))
                else:
                    answers.append(_answer(write, Status.REFUSED, errors=_errors_of(error)))
            else:
                done[write.client_id] = record
                answers.append(_answer(write, Status.APPLIED, result=result, kind=kind))
    return answers


def purge_applied(*, older_than: datetime.timedelta = KEEP_APPLIED_FOR) -> int:
    """Forget the applied writes older than `older_than`; returns how many."""
    from .models import OfflineWrite

    deleted, _by_model = OfflineWrite.objects.filter(
        applied_at__lt=timezone.now() - older_than).delete()
    return deleted
