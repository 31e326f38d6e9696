"""Helpers for tests of the offline outbox's sync endpoint (lms.offline_writes)."""

import json
import uuid

from django.urls import reverse

from lms.offline import offline_key


def write(kind, **fields):
    return {"id": str(uuid.uuid4()), "kind": kind, "fields": fields}


def sync_body(user, writes) -> bytes:
    """The body as outbox.js sends it: JSON.stringify's compact form, in UTF-8."""
    return json.dumps({"key": offline_key(user), "writes": writes}, ensure_ascii=False,
                      separators=(",", ":")).encode()


def sync(client, user, writes, *, url=None, **extra):
    """POST the writes as the user's device would; the response."""
    return client.post(url or reverse("lms:offline_sync"), sync_body(user, writes),
                       content_type="application/json", **extra)


def answers_by_id(response) -> dict:
    assert response.status_code == 200, response.content
    return {answer["id"]: answer for answer in response.json()["writes"]}
