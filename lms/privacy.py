"""The privacy guard: what trainees write (practice records, reflections) never holds a
client's contact details.

It lives in lms, the lowest layer, so that every layer's free text can use it: the
supervision layer's practice entries and the courses layer's reflections.

Names cannot be detected reliably, so the forms ask for none; e-mail addresses and phone
numbers can, so free text containing one is refused with a message saying why.

Everything is looked for in the cleaned text (lms.text.normalise): full-width digits and
"＠" become plain ones, and zero-width characters and direction marks, which can split a
number or an address without showing, are gone. Digits of every script count as digits
and every kind of dash as a dash, so "٠٧٩–١٢٣–٤٥٦٧" is the same number as "079-123-4567".

Phone numbers: dates (2026-03-14, 14/03/2026), year ranges (2019-2024) and clock times
(14:30) are blanked out first, so they never join into a "number". What is left is cut
into runs of digits and the separators people write in numbers (spaces, dots, dashes,
slashes, brackets, middle dots). Each run is given to the `phonenumbers` library's
matcher for the regions where Sanad works (and for international "+" numbers), which
also tells apart several numbers written in a row; a run of 7 to 15 digits that no
region recognises still counts, since a number from elsewhere is a number too.
Durations and counts ("45 minutes", "12 people") are too short to count.

E-mail addresses: name@host.org, name@host (an "@" between word characters is enough),
and addresses spelled out to slip past filters: "name at host dot com", "name (at) host
(dot) org", French "arobase" and "point", Arabic "آت" and "نقطة"/"دوت". Spelled-out
addresses must end in a known domain ending, so prose such as "at this point in time"
passes.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.text import normalise

# Every Unicode dash (category Pd) and the minus sign.
DASHES = ("\u002d\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212"
          "\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63"
          "\uff0d\U00010ead")
_TO_HYPHEN = {ord(dash): "-" for dash in DASHES}
_DIGIT = re.compile(r"\d")

# --- E-mail addresses ----------------------------------------------------------------

_WORD_AT = r"(?:at|arobase|آت|أت|ات)"
_WORD_DOT = r"(?:dot|point|نقطة|نقطه|دوت)"
# Endings that are not also common short words in English, French or Arabic prose.
_KNOWN_ENDING = (r"(?:com|org|net|edu|gov|info|int|io|uk|fr|ch|nl|lb|sy|jo|iq|ps|eg|tn|dz|ly"
                 r"|sd|ye|ae|qa|kw|bh|tr|ke|ug|tz|rw|ss|كوم|نت|اورج|أورج|فر)")
_BRACKETED_AT = r"\s*[(\[]\s*at\s*[)\]]\s*"
_BRACKETED_DOT = r"\s*(?:\.|[(\[]\s*dot\s*[)\]])\s*"
_SPELLED_DOT = rf"(?:\.|\s+{_WORD_DOT}\s+|\s*[(\[]\s*{_WORD_DOT}\s*[)\]]\s*)"
_EMAIL = re.compile(
    # name@host.org, and name@host without the ending
    r"(?<![\w.+%-])[\w.+%-]*\w@\w[\w-]*(?:\.[\w-]+)*"
    # name (at) host (dot) org
    rf"|(?<![\w.+%-])[\w.+%-]+{_BRACKETED_AT}[\w-]+(?:{_BRACKETED_DOT}[\w-]+)*{_BRACKETED_DOT}[^\W\d_]{{2,}}"
    # name at host dot com, name arobase host point fr, name آت host نقطة com
    rf"|(?<![\w.+%-])[\w.+%-]+\s+{_WORD_AT}\s+[\w-]+(?:{_SPELLED_DOT}[\w-]+)*?"
    rf"{_SPELLED_DOT}{_KNOWN_ENDING}(?!\w)"
    # name @ host . com
    rf"|(?<![\w.+%-])[\w.+%-]+\s+@\s+[\w-]+\s*\.\s*{_KNOWN_ENDING}(?!\w)",
    re.IGNORECASE,
)

# --- Phone numbers -------------------------------------------------------------------

# Shapes that are made of digits but are not phone numbers; replaced by a barrier
# character before phone numbers are looked for. A shape glued to more digits by the
# same separators ("06.12.34.56.78") is not one of them.
_NOT_PHONE = re.compile(
    r"""
    (?<![\d.\-/:])(?:
        \d{4}[-/.]\d{1,2}[-/.]\d{1,2}            # 2026-03-14
      | \d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})  # 14/03/2026, 14.03.26
      | (?:19|20)\d{2}\ ?[-/]\ ?(?:19|20)\d{2}   # 2019-2024
      | \d{1,2}[:h]\d{2}                          # 14:30, 9h30
    )(?![-/.:]?\d)
    """,
    re.VERBOSE,
)

_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/\u00b7\u2022\u2027\u2219_]*\d(?!\w)")

# Where Sanad's trainees practise: the Middle East, North Africa, Europe and East Africa.
# "ZZ" (no region) recognises international numbers written with "+".
PHONE_REGIONS = ("ZZ", "LB", "SY", "JO", "IQ", "PS", "EG", "LY", "TN", "DZ", "MA", "SD", "YE",
                 "TR", "FR", "DE", "GB", "IT", "GR", "KE", "ET", "SO", "UG", "SS")

MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15

EMAIL_MESSAGE = _("Remove the e-mail address: practice records must never hold anyone's "
                  "contact details.")
PHONE_MESSAGE = _("Remove the phone number: practice records must never hold anyone's "
                  "contact details.")
REFLECTION_EMAIL_MESSAGE = _("Remove the e-mail address: even a private reflection must never "
                             "hold anyone's contact details.")
REFLECTION_PHONE_MESSAGE = _("Remove the phone number: even a private reflection must never "
                             "hold anyone's contact details.")


def _cleaned(text: str) -> str:
    """The text as the guard reads it: normalised, ASCII digits, one kind of dash."""
    text = normalise(text).translate(_TO_HYPHEN)
    return _DIGIT.sub(lambda match: str(unicodedata.decimal(match.group(0))), text)


def find_email_addresses(text: str) -> list[str]:
    """Every e-mail-like address in the text (also "name at host dot com" and the like)."""
    if not text:
        return []
    return [match.group(0).strip() for match in _EMAIL.finditer(_cleaned(text))]


# The matcher tries every region in turn, which costs about half a millisecond for a run
# no region knows; a text gets this many tries, so a wall of digits stays fast.
MATCHER_TRIES = 8


def _numbers_in(candidate: str) -> list[str]:
    for region in PHONE_REGIONS:
        found = [match.raw_string for match in phonenumbers.PhoneNumberMatcher(
            candidate, region, leniency=phonenumbers.Leniency.VALID)]
        if found:
            return found
    return []


def _digit_groups(candidate: str) -> list[str]:
    """A long run cut, at its spaces, into the first groups long enough to be numbers."""
    groups, current = [], []
    for part in candidate.split():
        current.append(part)
        if sum(ch.isdigit() for ch in "".join(current)) >= MIN_PHONE_DIGITS:
            groups.append(" ".join(current))
            current = []
    return groups


def find_phone_numbers(text: str) -> list[str]:
    """Every phone-number-like run of digits in the text (see the module's docstring)."""
    if not text:
        return []
    cleaned = _cleaned(text)
    if sum(ch.isdigit() for ch in cleaned) < MIN_PHONE_DIGITS:
        return []
    cleaned = _NOT_PHONE.sub("\u00a7", cleaned)
    found = []
    tries = MATCHER_TRIES
    for match in _PHONE_CANDIDATE.finditer(cleaned):
        candidate = match.group(0).strip()
        digits = sum(ch.isdigit() for ch in candidate)
        if digits < MIN_PHONE_DIGITS:
            continue
        numbers = []
        if tries and digits <= 4 * MAX_PHONE_DIGITS:
            tries -= 1
            numbers = _numbers_in(candidate)
        if numbers:
            found.extend(numbers)
        elif digits <= MAX_PHONE_DIGITS:
            found.append(candidate)
        else:
            # Several numbers in a row ("079 123 4567 078 123 4567") that no region knows.
            found.extend(group for group in _digit_groups(candidate)
                         if sum(ch.isdigit() for ch in group) <= MAX_PHONE_DIGITS)
    return found


def contact_details_problems(text: str, *, email_message=EMAIL_MESSAGE,
                             phone_message=PHONE_MESSAGE) -> list[str]:
    """Messages explaining what must be removed from the text (empty when it is clean).

    The messages name the kind of record the text belongs to; practice records by default.
    """
    problems = []
    if find_email_addresses(text):
        problems.append(str(email_message))
    if find_phone_numbers(text):
        problems.append(str(phone_message))
    return problems


def validate_no_contact_details(text: str) -> None:
    """Raise ValidationError when the text holds an e-mail address or a phone number."""
    problems = contact_details_problems(text)
    if problems:
        raise ValidationError(problems, code="contact_details")
