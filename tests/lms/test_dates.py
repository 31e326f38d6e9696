"""One readable date format per language, in pages, e-mails and PDFs; ISO 8601 in exports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from lms.spreadsheets import csv_lines
from tests.factories import CohortFactory, TrainerFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 2, 3)


@pytest.mark.parametrize("language, expected", [
    ("en", "3 February 2026"),
    ("fr", "3 février 2026"),
    ("ar", "3 فبراير 2026"),
])
def test_one_date_format_per_language(language, expected):
    with translation.override(language):
        assert date_format(DAY) == expected
        # The short format is the same: "03/02/2026" reads as March in one country and
        # February in the next.
        assert date_format(DAY, "SHORT_DATE_FORMAT") == expected


@pytest.mark.parametrize("prefix, expected", [
    ("", "3 February 2026 – 1 December 2026"),
    ("/fr", "3 février 2026 – 1 décembre 2026"),
    ("/ar", "3 فبراير 2026 – 1 ديسمبر 2026"),
])
def test_cohort_list_dates_cannot_be_misread(client, prefix, expected):
    trainer = TrainerFactory()
    cohort = CohortFactory(name="Beirut spring", start_date=DAY,
                           end_date=datetime.date(2026, 12, 1))
    cohort.trainers.add(trainer)
    client.force_login(trainer)
    body = client.get(prefix + reverse("courses:cohort_list")).content.decode()
    assert expected in body
    assert "03/02/2026" not in body and "02/03/2026" not in body


def test_exports_write_iso_dates_whatever_the_language():
    with translation.override("ar"):
        lines = list(csv_lines([["Start", DAY]]))
    assert lines[1].strip() == "Start,2026-02-03"
