"""Which plural form a number takes, for counts that are not whole (1.5 hours).

`ngettext` and `{% blocktranslate count %}` choose among a language's plural forms
(Arabic has six) with an integer; Python refuses fractions there. Whole numbers pass
through unchanged; a fraction is given a stand-in that selects the form CLDR gives
fractions in each language: "1.5 hours" and "1,5 ساعة" take the "other" form, while
French counts "1,5 heure" as singular below 2.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.formats import sanitize_separators
from django.utils.translation import get_language

# 100 is "other" in English and in Arabic's six forms (not 0, 1, 2, 3–10 or 11–99).
_FRACTION_STAND_IN = 100


def plural_number(value) -> int:
    """The integer that selects `value`'s plural form in the active language.

    Takes numbers or text already formatted for the active language ("1,5" in French).
    """
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(sanitize_separators(value) if isinstance(value, str) else value))
    except (InvalidOperation, ValueError, TypeError):
        return _FRACTION_STAND_IN
    if not number.is_finite():
        return _FRACTION_STAND_IN
    if number == number.to_integral_value():
        return int(number)
    if (get_language() or "")[:2] == "fr":
        return int(number)
    return _FRACTION_STAND_IN
