"""The offline outbox's two URLs: the sync endpoint the device posts its queued writes
to, and the page listing what waits on the device (filled in by outbox.js)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import offline_writes


@require_POST
def sync(request):
    """Apply a batch of queued writes; answer for each write's id.

    JSON in and out. CSRF-protected like every POST (the device sends the token in the
    X-CSRFToken header). A person who is not signed in gets 401, so the device keeps
    their writes until they sign in again.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Sign in again to send what is saved on this device.")},
                            status=401)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    try:
        if declared > offline_writes.MAX_BODY_BYTES:
            raise offline_writes.BatchError(_("Too much to send at once (more than %(size)s KB). Send "
                                       "fewer writes in each request.")
                                     % {"size": offline_writes.MAX_BODY_BYTES // 1024}, 413)
        writes = offline_writes.parse_batch(request.read(offline_writes.MAX_BODY_BYTES + 1),
                                     user=request.user)
    except offline_writes.BatchError as error:
        return JsonResponse({"error": error.message}, status=error.status)
    answers = offline_writes.offline_writes_apply(request=request, writes=writes)
    return JsonResponse({"writes": answers})


@login_required
@require_GET
def outbox(request):
    """What waits on this device to be sent, and what the server refused, with the
    person's words; the page is a shell that outbox.js fills from the device's store."""
    return render(request, "lms/offline_outbox.html")
