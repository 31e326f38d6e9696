"""Object ids from user input: URL paths, query strings, POSTed values.

Ids are 64-bit signed integers in the database. A larger number typed into a URL or a
query string must mean "no such object", not reach the database driver (SQLite raises
OverflowError on values above 2**63 - 1).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    """The object id in `value` (a string or an int from user input), or None when it is
    missing, not a plain positive decimal number, or outside 1..2**63 - 1.

    Only ASCII digits count: `int()` would also accept signs, underscores and
    Arabic-Indic digits, which no link of ours produces.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if not _DIGITS.fullmatch(text):
            return None
        number = int(text)
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The valid ids among `values` (e.g. `request.POST.getlist("entries")`), in order,
    without the ones `parse_id` refuses."""
    return [pk for pk in (parse_id(value) for value in values) if pk is not None]


class IdConverter:
    """The `<id:...>` path converter: a database id, 1 to 2**63 - 1. Anything else does
    not match the URL, so the request is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value!r} is not an id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses out-of-range ids as invalid choices.

    Django guards `pk=<huge>` but not `pk__in=[<huge>]`, which SQLite cannot bind.
    """

    def _check_values(self, value):
        # `clean` has already made sure `value` is a list or tuple.
        if self.to_field_name is None:
            for pk in value:
                if parse_id(pk) is None:
                    raise ValidationError(self.error_messages["invalid_pk_value"],
                                          code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)
