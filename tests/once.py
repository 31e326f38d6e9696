"""Test helper for forms that carry a one-time submission token."""

import uuid

from lms.once import TOKEN_FIELD


def with_token(data: dict | None = None, token: uuid.UUID | str | None = None) -> dict:
    """`data` plus a submission token (a fresh one unless `token` is given), as the
    `{% once_field %}` tag would have put in the form."""
    return {**(data or {}), TOKEN_FIELD: str(token or uuid.uuid4())}
