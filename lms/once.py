"""Forms that create something do it once, even when clicked twice.

Every such form carries a one-time token (`{% load once %}{% once_field %}`: a fresh
UUID per rendered form) and its POST view is decorated with `@once`. The decorator runs
the view in one transaction together with the claim of the token, a `SubmissionToken`
row whose token is unique:

- the first POST claims the token, does the work and records where it led (the redirect);
- a repeated POST with the same token finds the claim and is sent to the same place with
  "This was already saved." (or with the same refusal, if the first POST was refused),
  creating nothing;
- a concurrent POST waits on the unique index until the first transaction ends, then
  either replays its result (committed) or claims the token itself (rolled back);
- a POST that does not end in a redirect (a form with errors) is rolled back with its
  claim, so the re-rendered form keeps the same, still usable, token.

A form view calls `guard_form(request, form)` after building its form, so that a POST
without a token is a clear error on the form and nothing is saved. Views without a form
are protected too: without a token their work is rolled back and the person is told.

    @login_required
    @once
    def entry_create(request, enrollment_id):
        form = PracticeEntryForm(request.POST or None, ...)
        guard_form(request, form)
        ...
"""

from __future__ import annotations

import datetime
import functools
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

TOKEN_FIELD = "once_token"
# Claims older than this are only kept to answer a late double-click; the sweep deletes them.
KEEP_CLAIMS_FOR = datetime.timedelta(days=1)


def missing_token_message() -> str:
    return _("This form was sent without its one-time code, so nothing was saved. "
             "Please check it and send it again.")


def already_saved_message() -> str:
    return _("This was already saved.")


@dataclass
class Submission:
    """What `@once` knows about the POST being handled, as `request.once`."""

    token: uuid.UUID | None
    reported: bool = False

    @property
    def missing(self) -> bool:
        return self.token is None


def token_from(request) -> uuid.UUID | None:
    """The well-formed token of the POST, or None."""
    raw = request.POST.get(TOKEN_FIELD, "")
    try:
        return uuid.UUID(raw.strip()) if raw else None
    except (ValueError, AttributeError):
        return None


def token_for_form(request) -> uuid.UUID:
    """The token to render in a form: the one just posted when the form comes back with
    errors (its claim was rolled back, so it is still usable), otherwise a fresh one."""
    submission = getattr(request, "once", None) if request is not None else None
    if submission is not None and submission.token is not None:
        return submission.token
    return uuid.uuid4()


def guard_form(request, form) -> None:
    """Make `form` invalid, with a message, when its POST came without a token.

    Call it right after building the form in a view decorated with `@once`.
    """
    submission = getattr(request, "once", None)
    if request.method == "POST" and submission is not None and submission.missing:
        form.add_error(None, missing_token_message())
        submission.reported = True


def _is_redirect(response) -> bool:
    return 300 <= response.status_code < 400 and response.has_header("Location")


def _drop_queued_messages(request) -> None:
    # Iterating the storage marks it used: what the rolled-back view queued is not shown.
    for _message in messages.get_messages(request):
        pass


def _messages_since(request, count: int) -> list[list]:
    """The messages added after the first `count` ones, as [level, text] pairs, leaving
    every message in place to be shown."""
    storage = messages.get_messages(request)
    if not hasattr(storage, "add"):  # no message middleware: nothing to record
        return []
    everything = list(storage)  # marks the storage used: only re-added messages are kept
    for message in everything:
        storage.add(message.level, message.message, message.extra_tags)
    return [[message.level, str(message.message)] for message in everything[count:]]


def _replay(request, earlier):
    refusals = [m for m in earlier.result_messages if m[0] >= messages.ERROR]
    if refusals:
        for level, text in earlier.result_messages:
            messages.add_message(request, level, text)
    else:
        messages.info(request, already_saved_message())
    return redirect(earlier.result_url)


def once(view):
    """Run a POST of `view` at most once per form token; see the module docstring.

    Put it under `@login_required`: a claim belongs to the person who posted it.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        from .models import SubmissionToken

        token = token_from(request)
        if token is None:
            return _without_token(view, request, args, kwargs)
        request.once = Submission(token=token)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SubmissionToken.objects.create(token=token, user=request.user)
            except IntegrityError:
                # The unique index made us wait for the first POST; it has committed.
                earlier = SubmissionToken.objects.filter(token=token).first()
                if earlier is None or earlier.user_id != request.user.pk:
                    request.once = Submission(token=None)
                    return _without_token(view, request, args, kwargs)
                return _replay(request, earlier)
            shown_before = len(messages.get_messages(request))
            response = view(request, *args, **kwargs)
            if _is_redirect(response):
                claim.result_url = response["Location"][:2000]
                claim.result_messages = _messages_since(request, shown_before)
                claim.save(update_fields=["result_url", "result_messages"])
            else:
                # A form with errors, or a refusal: nothing is kept, the token stays usable.
                transaction.set_rollback(True)
            return response

    return wrapper


def _without_token(view, request, args, kwargs):
    """A POST without a (usable) token saves nothing: the form view shows the error on
    its form; any other view's work is rolled back and the person is told."""
    request.once = Submission(token=None)
    with transaction.atomic():
        response = view(request, *args, **kwargs)
        transaction.set_rollback(True)
    if not request.once.reported:
        _drop_queued_messages(request)
        messages.error(request, missing_token_message())
    return response


def purge_claims(*, older_than: datetime.timedelta = KEEP_CLAIMS_FOR) -> int:
    """Delete the claims older than `older_than`; returns how many were deleted."""
    from .models import SubmissionToken

    deleted, _by_model = SubmissionToken.objects.filter(
        created_at__lt=timezone.now() - older_than).delete()
    return deleted
