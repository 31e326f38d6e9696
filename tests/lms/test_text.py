"""The one cleaning step for person-entered text: what is stored is what is seen."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from lms.forms import CleanTextMixin
from lms.text import clean_name, clean_text, normalise

RLO, LRM, ZWSP, ZWJ, BOM, ALM = "\u202e", "\u200e", "\u200b", "\u200d", "\ufeff", "\u061c"


@pytest.mark.parametrize("raw, expected", [
    ("  ليلى   حداد ", "ليلى حداد"),
    (f"{RLO}Layla Haddad", "Layla Haddad"),
    (f"Lay{ZWSP}la{LRM} {ALM}Haddad{BOM}", "Layla Haddad"),
    ("Ｌａｙｌａ　Ｈａｄｄａｄ", "Layla Haddad"),  # full-width letters and space
    ("Nour\tAl-Haddad\n", "Nour Al-Haddad"),
    ("Zoë O'Neil & Co", "Zoë O'Neil & Co"),
    ("Zoe\u0308", "Zoë"),  # a decomposed accent is composed
])
def test_names_are_cleaned_to_what_is_seen(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize("raw", [
    ZWSP * 5,
    f"{ZWSP}{ZWJ}{LRM}{RLO}",
    "\u0301\u0308\u064b",  # combining marks only
    "123 456",
    "=-+@",
    "   ",
])
def test_a_name_without_a_visible_letter_is_refused(raw):
    with pytest.raises(ValidationError) as caught:
        clean_name(raw)
    assert "letter" in caught.value.messages[0]


def test_an_empty_name_can_have_its_own_message():
    with pytest.raises(ValidationError, match="Please enter your full name"):
        clean_name(ZWSP, empty_message="Please enter your full name.")


@pytest.mark.parametrize("raw", ["Layla\x00Haddad", "Layla\x1bHaddad", "\x07"])
def test_control_characters_are_refused(raw):
    with pytest.raises(ValidationError) as caught:
        clean_name(raw)
    assert "remove it" in caught.value.messages[0]


def test_nul_byte_is_named():
    with pytest.raises(ValidationError, match="NUL"):
        clean_text("went well\x00", multiline=True)


def test_length_is_checked_after_cleaning_and_the_message_says_the_limit():
    assert clean_name(ZWSP * 50 + "ن" * 200) == "ن" * 200
    with pytest.raises(ValidationError) as caught:
        clean_name("ن" * 10_000)
    assert caught.value.messages == ["Keep this to at most 200 characters (it has 10000)."]


def test_multiline_text_keeps_line_breaks_and_tabs():
    raw = f"First line  \r\nSecond\tline\u2028third{ZWSP} line\r"
    assert clean_text(raw, multiline=True) == "First line\nSecond\tline\nthird line"


def test_single_line_text_folds_line_breaks():
    assert clean_text("Beirut\n  spring ") == "Beirut spring"


def test_empty_text_stays_empty():
    assert clean_text("") == "" and clean_text(None) == ""
    assert clean_text(f" {ZWSP} ", multiline=True) == ""


def test_normalise_never_refuses():
    assert normalise("079\u200b123\x004567") == "079123\x004567"
    assert normalise("layla＠gmail.com") == "layla@gmail.com"


class _ReflectionForm(CleanTextMixin, forms.Form):
    title = forms.CharField(max_length=20)
    notes = forms.CharField(required=False, widget=forms.Textarea)
    password = forms.CharField(strip=False, widget=forms.PasswordInput)
    email = forms.EmailField(required=False)


def test_the_mixin_cleans_every_text_field_but_passwords():
    form = _ReflectionForm({"title": f"{RLO}Ｂｅｉｒｕｔ  spring", "notes": "a\r\nb",
                            "password": f" pass{ZWSP}word "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Beirut spring"
    assert form.cleaned_data["notes"] == "a\nb"
    assert form.cleaned_data["password"] == f" pass{ZWSP}word "


def test_the_mixin_reports_bad_text_by_field():
    form = _ReflectionForm({"title": ZWSP * 3, "notes": "x\x00y", "password": "p"})
    assert not form.is_valid()
    assert form.errors["title"] == ["This field is required."]
    assert "NUL" in form.errors["notes"][0]


def test_the_mixin_checks_the_limit_on_the_cleaned_text():
    assert _ReflectionForm({"title": "Ａ" * 20 + ZWSP * 5, "password": "p"}).is_valid()
    form = _ReflectionForm({"title": "ب" * 21, "password": "p"})
    assert not form.is_valid() and "at most 20 characters" in form.errors["title"][0]


class _DynamicForm(CleanTextMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes_7"] = forms.CharField(required=False, widget=forms.Textarea)


def test_the_mixin_cleans_fields_a_form_adds_itself_and_only_once():
    form = _DynamicForm({"notes_7": f"{RLO}Good  rapport{ZWSP}\r\n"})
    assert form.is_valid() and form.cleaned_data["notes_7"] == "Good  rapport"
    form.full_clean()
    assert form.cleaned_data["notes_7"] == "Good  rapport"
