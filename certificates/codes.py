"""Verification codes: 80 random bits written in Crockford's base32.

Sixteen characters in four groups ("K7QM-2ZP4-H9XW-R3TB") are easy to read out over a
phone line and to type: the alphabet has no I, L, O or U, and on input those look-alikes
are read as 1, 1 and 0, case is ignored, and dashes or spaces may be left out.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_BITS = 80
CODE_LENGTH = CODE_BITS // 5
GROUP = 4
# What people type by mistake for the characters Crockford left out.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")
_VALID = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
CODE_PATTERN = r"[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}"


def format_code(symbols: str) -> str:
    return "-".join(symbols[i:i + GROUP] for i in range(0, len(symbols), GROUP))


def generate_code() -> str:
    """A new random code, grouped for reading: 80 bits from the OS's secure source."""
    number = secrets.randbits(CODE_BITS)
    symbols = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH)))
    return format_code(symbols)


def normalise_code(typed: str) -> str | None:
    """The canonical grouped form of a typed code, or None when it cannot be one."""
    if not typed or len(typed) > 64:
        return None
    symbols = _SEPARATORS.sub("", typed).upper().translate(_LOOKALIKES)
    if not _VALID.match(symbols):
        return None
    return format_code(symbols)
