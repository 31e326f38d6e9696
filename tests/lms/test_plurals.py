"""Counts go through plural-aware translation: Arabic has six forms (0, 1, 2, 3–10,
11–99, 100 and up), French counts 0 and 1 as singular, and a fraction of an hour takes
the form each language gives fractions."""

from decimal import Decimal

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from lms.plurals import plural_number


@pytest.mark.parametrize("language, value, expected", [
    ("en", 0, 0), ("en", 3, 3), ("en", Decimal("2.00"), 2), ("en", "1.5", 100),
    ("fr", "1,5", 1), ("fr", Decimal("2.5"), 2), ("ar", "1,5", 100), ("ar", "11", 11),
])
def test_plural_number_is_an_integer_that_picks_the_right_form(language, value, expected):
    with translation.override(language):
        assert plural_number(value) == expected


def _waiting_cells(language, counts):
    rows = [{"activity_kind": "Individual counselling session", "met": False,
             "approved": "0", "required": "10", "percent": 0, "waiting": str(count)}
            for count in counts]
    with translation.override(language):
        html = render_to_string("supervision/_totals.html", {
            "practice_rows": rows, "supervision_target": "0", "competency_statuses": []})
    # The third cell of each body row: the hours waiting for review.
    return [row.split("<td>")[2].split("</td>")[0].strip()
            for row in html.split("<tbody>")[1].split("<tr>")[1:]]


def test_arabic_hours_take_all_six_plural_forms_in_a_rendered_page():
    assert _waiting_cells("ar", [0, 1, 2, 3, 11, 100]) == [
        "0 ساعة", "ساعة واحدة", "ساعتان", "3 ساعات", "11 ساعة", "100 ساعة"]


def test_english_one_hour_is_singular_in_a_rendered_page():
    html = render_to_string("supervision/_totals.html", {
        "practice_rows": [], "supervision_target": "1", "supervision_done": "1",
        "competency_statuses": []})
    assert "Supervision received: 1 of 1 hour<" in html


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_plural_message_has_all_the_languages_forms(language):
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES"
                                 / "django.po"))
    forms = 6 if language == "ar" else 3
    assert f"nplurals={forms};" in catalogue.metadata["Plural-Forms"]
    plural = [entry for entry in catalogue if entry.msgid_plural and not entry.obsolete]
    assert plural
    for entry in plural:
        assert len(entry.msgstr_plural) == forms, entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid
        assert not entry.fuzzy, entry.msgid
