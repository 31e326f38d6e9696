"""One cleaning step for every piece of text a person types or uploads.

Names are printed on certificates and free text is read by supervisors and checked by
the privacy guard, so what is stored must be what is seen: compatibility forms are
folded (NFKC: full-width letters, ligatures, presentation forms), invisible characters
that reorder or hide text are removed, and control characters (a NUL byte cannot even
be stored by PostgreSQL) are refused. Lengths are checked here, with a message naming
the limit, so that a database never has to refuse a value.

Call `clean_text` for free text and `clean_name` for people's and organisations' names;
forms get both through `lms.forms.CleanTextMixin`.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Bidirectional controls: an override at the start of a name prints it backwards.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f" + "".join(map(chr, range(0x202A, 0x202F)))
                          + "".join(map(chr, range(0x2066, 0x206A))))
# Zero-width characters: they split words and numbers without showing.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_INVISIBLE = {ord(ch): None for ch in BIDI_CONTROLS | ZERO_WIDTH}
# Line and paragraph separators and the old Windows and Mac line ends all become "\n".
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+\n")

NAME_MAX_LENGTH = 200


def normalise(value: str) -> str:
    """The text in NFKC form without bidirectional controls and zero-width characters.

    Never refuses anything; use it to compare or search text (the privacy guard does),
    and `clean_text` to accept it.
    """
    return unicodedata.normalize("NFKC", value or "").translate(_INVISIBLE)


def _too_long(length: int, max_length: int) -> ValidationError:
    return ValidationError(
        ngettext("Keep this to at most %(max)d character (it has %(length)d).",
                 "Keep this to at most %(max)d characters (it has %(length)d).", max_length)
        % {"max": max_length, "length": length}, code="max_length")


def clean_text(value: str | None, *, max_length: int | None = None,
               multiline: bool = False) -> str:
    """The text as it should be stored, or ValidationError saying what is wrong.

    Single-line text has its runs of spaces (tabs and line breaks included) folded into
    one space; multi-line text keeps its line breaks and tabs, with line ends unified.
    Any other control character is refused. `max_length` is checked on the cleaned text.
    """
    text = normalise(value)
    if multiline:
        text = _LINE_BREAKS.sub("\n", text)
        text = _TRAILING_SPACE.sub("\n", text).strip()
        allowed = "\n\t"
    else:
        text = " ".join(text.split())
        allowed = ""
    for character in text:
        if unicodedata.category(character) == "Cc" and character not in allowed:
            if character == "\x00":
                raise ValidationError(_("This text contains a NUL byte (an invisible "
                                        "character used by computers): remove it."),
                                      code="nul")
            raise ValidationError(
                _("This text contains an invisible control character (U+%(code)04X): "
                  "remove it.") % {"code": ord(character)}, code="control_character")
    if max_length is not None and len(text) > max_length:
        raise _too_long(len(text), max_length)
    return text


def clean_name(value: str | None, *, max_length: int = NAME_MAX_LENGTH,
               empty_message=None) -> str:
    """A person's (or an organisation's) name as it will be printed: cleaned like
    single-line text, and refused unless it holds at least one visible letter.

    `empty_message` replaces the message for a name that is empty once cleaned.
    """
    name = clean_text(value, max_length=max_length)
    if not name and empty_message:
        raise ValidationError(empty_message, code="required")
    if not any(unicodedata.category(character).startswith("L") for character in name):
        raise ValidationError(_("A name needs at least one letter; this one has none that "
                                "can be seen."), code="no_letter")
    return name
