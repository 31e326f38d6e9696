"""The privacy guard: practice records never hold a client's contact details.

Names cannot be detected reliably, so the forms ask for none; e-mail addresses and phone
numbers can, so free text containing one is refused with a message saying why.

The phone detector looks for runs of 7 to 15 digits joined by the separators people
write in numbers (spaces, dots, dashes, slashes, brackets), optionally after "+" or "00".
Dates (2026-03-14, 14/03/2026), year ranges (2019-2024) and clock times (14:30) are
blanked out first, so they never join into a "number"; durations and counts ("45
minutes", "12 people") are too short to count. Digits of every script count, so
Arabic-Indic numerals are caught too.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATOR_AT = r"\s*[(\[]\s*at\s*[)\]]\s*"
_SEPARATOR_DOT = r"\s*(?:\.|[(\[]\s*dot\s*[)\]])\s*"
_EMAIL = re.compile(
    # name@host.org
    r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"
    # name (at) host (dot) org, written to slip past filters
    rf"|[\w.+%-]+{_SEPARATOR_AT}[\w-]+(?:{_SEPARATOR_DOT}[\w-]+)*{_SEPARATOR_DOT}[^\W\d_]{{2,}}",
    re.IGNORECASE,
)

# Shapes that are made of digits but are not phone numbers; replaced by a barrier
# character before phone numbers are looked for. A shape glued to more digits by the
# same separators ("06.12.34.56.78") is not one of them.
_NOT_PHONE = re.compile(
    r"""
    (?<![\d.\-/:])(?:
        \d{4}[-/.]\d{1,2}[-/.]\d{1,2}            # 2026-03-14
      | \d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})  # 14/03/2026, 14.03.26
      | (?:19|20)\d{2}\ ?[-–/]\ ?(?:19|20)\d{2}  # 2019-2024
      | \d{1,2}[:h]\d{2}                          # 14:30, 9h30
    )(?![-/.:]?\d)
    """,
    re.VERBOSE,
)

_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d \t\u00a0().\-/]*\d(?!\w)")

MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15

EMAIL_MESSAGE = _("Remove the e-mail address: practice records must never hold anyone's "
                  "contact details.")
PHONE_MESSAGE = _("Remove the phone number: practice records must never hold anyone's "
                  "contact details.")


def find_email_addresses(text: str) -> list[str]:
    """Every e-mail-like address in the text (also "name (at) host (dot) org")."""
    return [match.group(0).strip() for match in _EMAIL.finditer(text or "")]


def find_phone_numbers(text: str) -> list[str]:
    """Every phone-number-like run of digits in the text."""
    if not text:
        return []
    cleaned = _NOT_PHONE.sub("\u00a7", text)
    found = []
    for match in _PHONE_CANDIDATE.finditer(cleaned):
        candidate = match.group(0).strip()
        digits = sum(ch.isdigit() for ch in candidate)
        if MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
            found.append(candidate)
    return found


def contact_details_problems(text: str) -> list[str]:
    """Messages explaining what must be removed from the text (empty when it is clean)."""
    problems = []
    if find_email_addresses(text):
        problems.append(str(EMAIL_MESSAGE))
    if find_phone_numbers(text):
        problems.append(str(PHONE_MESSAGE))
    return problems


def validate_no_contact_details(text: str) -> None:
    """Raise ValidationError when the text holds an e-mail address or a phone number."""
    problems = contact_details_problems(text)
    if problems:
        raise ValidationError(problems, code="contact_details")
