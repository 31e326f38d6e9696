"""Ids out of range: a 404 in URLs, an ignored filter or a form error in query strings
and forms, never a server error (SQLite raised OverflowError above 2**63 - 1)."""

import pytest

from lms.converters import MAX_ID, IdConverter, parse_id

HUGE = "99999999999999999999"
JUST_ABOVE = str(MAX_ID + 1)


@pytest.mark.parametrize("raw, expected", [
    ("1", 1), ("42", 42), (str(MAX_ID), MAX_ID), (" 7 ", 7), (12, 12),
    (None, None), ("", None), ("0", None), ("-3", None), ("+3", None), ("3.0", None),
    (HUGE, None), (JUST_ABOVE, None), ("=1+2", None), ("٣", None), ("1e3", None),
    ("9" * 400, None), (MAX_ID + 1, None), (0, None), (True, None),
])
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


def test_converter_refuses_out_of_range():
    converter = IdConverter()
    assert converter.to_python("12") == 12
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    for raw in ["0", JUST_ABOVE]:
        with pytest.raises(ValueError):
            converter.to_python(raw)
    assert converter.to_url(12) == "12"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    f"/practice/{HUGE}/", f"/practice/{JUST_ABOVE}/", f"/practice/{HUGE}/new/",
    f"/practice/{HUGE}/logbook.csv", f"/practice/entries/{HUGE}/",
    f"/practice/entries/{JUST_ABOVE}/edit/", f"/supervise/entries/{HUGE}/",
    f"/supervise/trainees/{HUGE}/ratings/", f"/supervise/cohorts/{HUGE}/",
    f"/supervise/enrollments/{HUGE}/supervisors/",
    f"/cohorts/{HUGE}/", f"/cohorts/{HUGE}/trainees/", f"/cohorts/{HUGE}/matrix.csv",
    f"/learn/enrollments/{HUGE}/withdraw/", f"/certificates/{HUGE}/certificate.pdf",
    f"/certificates/{HUGE}/badge.json", f"/certificates/{HUGE}/manage/",
    f"/certificates/cohorts/{HUGE}/", "/practice/0/",
])
def test_out_of_range_ids_in_urls_are_not_found(client, superuser, path):
    client.force_login(superuser)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    f"/learn/courses/{HUGE}/enrol/", f"/learn/lessons/{HUGE}/complete/",
    f"/learn/assessments/{JUST_ABOVE}/submit/",
])
def test_out_of_range_page_ids_are_not_found(client, trainee, path):
    client.force_login(trainee)
    assert client.post(path).status_code == 404
