import pytest
from django.core.exceptions import ValidationError

from supervision.privacy import (
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
