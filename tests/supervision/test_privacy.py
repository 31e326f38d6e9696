import pytest
from django.core.exceptions import ValidationError

from lms.privacy import (
    PHONE_MESSAGE,
    contact_details_problems,
    find_email_addresses,
    find_phone_numbers,
    validate_no_contact_details,
)


@pytest.mark.parametrize("text", [
    "Call him on +961 3 123 456 tomorrow",
    "her number is 0791234567",
    "(06) 12 34 56 78",
    "06.12.34.56.78",
    "+33 6 12 34 56 78",
    "00961 3 123456",
    "+1 (555) 123-4567",
    "079-123-4567",
    "tel:+962791234567",
    "Number: ٠٧٩١٢٣٤٥٦٧",  # Arabic-Indic digits
    "reach on 71 123 456",
])
def test_phone_numbers_are_found(text):
    assert find_phone_numbers(text), text


@pytest.mark.parametrize("text", [
    "Session on 2026-03-14 went well.",
    "Follow-up on 14/03/2026 and 15.03.2026.",
    "Seen on 2026-03-14, 2026-03-21 and 2026-03-28.",
    "45 minutes with 12 people",
    "From 14:30 to 16:00, then 9h30 the next day.",
    "Worked there 2019-2024.",
    "3 sessions of 60 minutes, 2 of 90 minutes",
    "Group of 25 women, 10 men and 4 children",
    "Used the PM+ protocol, step 3 of 5",
    "1.5 hours",
    "",
])
def test_dates_durations_and_counts_are_not_phone_numbers(text):
    assert find_phone_numbers(text) == [], text


@pytest.mark.parametrize("text", [
    "write to layla.h@example.org",
    "his mail is AHMAD_99@mail.co.uk.",
    "contact: someone (at) example (dot) com",
    "name[at]host[dot]org",
])
def test_email_addresses_are_found(text):
    assert find_email_addresses(text), text


@pytest.mark.parametrize("text", [
    "We met @ the centre. Then we talked.",
    "She was at home. Then she came back.",
    "Used the PM+ protocol",
])
def test_ordinary_text_is_not_an_email_address(text):
    assert find_email_addresses(text) == [], text


def test_validation_message_says_why():
    with pytest.raises(ValidationError) as caught:
        validate_no_contact_details("Ring 0791234567 or mail a@b.org")
    messages = " ".join(caught.value.messages)
    assert "phone number" in messages
    assert "e-mail address" in messages
    assert "contact details" in messages


def test_clean_text_passes():
    validate_no_contact_details("Good rapport; I need help with silences.")
    assert contact_details_problems("Good rapport") == []


# --- Written to slip past a filter, or typed on another keyboard ----------------------


@pytest.mark.parametrize("text", [
    "call 079–123–4567 tonight",  # en dash
    "call 079—123—4567",  # em dash
    "call 079‒123‒4567",  # figure dash
    "call 079−123−4567",  # minus sign
    "call 079\u200b123\u200b4567",  # zero-width spaces
    "call 07\u200d91\u206023\ufeff4567",  # other zero-width characters
    "call ０７９１２３４５６７",  # full-width digits
    "رقمها ٠٧٩–١٢٣–٤٥٦٧",  # Arabic-Indic digits and an en dash
    "رقمها ۰۷۹۱۲۳۴۵۶۷",  # Eastern Arabic-Indic (Persian, Urdu) digits
    "+961\u20093\u2009123\u2009456",  # thin spaces
    "+961\u00a03\u00a0123\u00a0456",  # no-break spaces
    "079·123·4567",  # middle dots
    "Numbers: 0791234567 0781234567",  # two numbers in a row, 20 digits together
    "Numbers: 079 123 4567 078 123 4567",
    "WhatsApp +44 20 7946 0958",
    "appelle le 06 12 34 56 78",
])
def test_disguised_phone_numbers_are_found(text):
    assert find_phone_numbers(text), text


@pytest.mark.parametrize("text", [
    "layla＠gmail.com",  # full-width @
    "layla﹫gmail.com",  # small @
    "layla at gmail dot com",
    "Layla AT Gmail DOT Com",
    "layla at gmail.com",
    "layla @ gmail . com",
    "l.haddad at mail dot co dot uk",
    "layla arobase gmail point com",
    "layla arobase gmail point fr",
    "layla آت gmail dot com",
    "ليلى آت جيميل نقطة كوم",
    "ليلى at جيميل دوت كوم",
    "layla at gmail نقطة com",
    "name@gmail",
    "write to layla@gmail tomorrow",
    "lay\u200bla@gm\u200bail.com",
    "\u202elayla@gmail.com",
])
def test_disguised_email_addresses_are_found(text):
    assert find_email_addresses(text), text


@pytest.mark.parametrize("text", [
    "We looked at the point of view of the family.",
    "At this point in the session she cried.",
    "Il est arrivé au point de rencontre à l'heure.",
    "She was at school. It was hard.",
    "وصلنا إلى نقطة مهمة في الجلسة",
    "We met at the centre dot the i's and cross the t's.",
    "I was at work, dot point by point.",
    "Meet @ 10, room 4",
])
def test_prose_with_at_dot_and_point_is_not_an_email_address(text):
    assert find_email_addresses(text) == [], text


@pytest.mark.parametrize("text", [
    "Session on ٢٠٢٦-٠٣-١٤ went well.",  # an Arabic-Indic date
    "Seen on 2026–03–14 and 2026—03—21.",  # dates with other dashes
    "Worked there 2019–2024.",
    "From ١٤:٣٠ to ١٦:٠٠ with ١٢ people",
    "٤٥ دقيقة مع ١٢ شخصا",
])
def test_arabic_indic_dates_durations_and_counts_are_not_phone_numbers(text):
    assert find_phone_numbers(text) == [], text


def test_validation_runs_on_the_cleaned_text():
    with pytest.raises(ValidationError):
        validate_no_contact_details("ring\u202e 079\u200b–123–4567")


def test_a_long_reflection_is_checked_quickly():
    """Not a timed assertion: prints the time for the benchmark log (run with -s)."""
    import time

    reflection = ("On 2026-03-14 we met for 45 minutes with 12 people; from 14:30 to 15:15 "
                  "we practised grounding (step 3 of 5). Worked there 2019-2024. ") * 14
    reflection = reflection[:2000] + " 079–123–4567"
    start = time.perf_counter()
    assert contact_details_problems(reflection) == [str(PHONE_MESSAGE)]
    print(f"privacy guard, 2,000 characters: {(time.perf_counter() - start) * 1000:.1f} ms")
    for wall in ("1 " * 1000, "0" * 2000, "12 34 " * 340, "a.b" * 700, "x at y dot z " * 160,
                 "0791234567 " * 180, "٠١٢٣ " * 400, "11111111111111111 " * 110):
        start = time.perf_counter()
        contact_details_problems(wall[:2000])
        print(f"privacy guard, {wall[:8]!r}…: {(time.perf_counter() - start) * 1000:.1f} ms")


def test_every_unicode_dash_counts_as_a_dash():
    import sys
    import unicodedata

    from lms.privacy import DASHES

    dashes = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Pd"}
    assert dashes <= set(DASHES) and "\u2212" in DASHES
