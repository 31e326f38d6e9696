"""Course titles in lists follow the reader's language where a translation is live,
resolved once per page (cached until content changes), never with a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.content.test_catalogue_and_languages import translate_tree
from tests.factories import CertificateEnrollmentFactory, CertificateFactory, TraineeFactory

pytestmark = pytest.mark.django_db


def _certificate(trainee, title, arabic_title=None):
    enrollment = CertificateEnrollmentFactory(trainee=trainee)
    course = enrollment.course
    course.title = title
    course.save_revision().publish()
    if arabic_title:
        translated = translate_tree(course, "ar")
        translated.title = arabic_title
        translated.save_revision().publish()
    return CertificateFactory(enrollment=enrollment, course_title=title)


def test_my_certificates_name_the_course_in_the_readers_language(client):
    trainee = TraineeFactory()
    _certificate(trainee, "Basic helping skills", "مهارات المساعدة الأساسية")
    _certificate(trainee, "Working with interpreters")
    client.force_login(trainee)
    url = reverse("certificates:mine")
    html = client.get("/ar" + url).content.decode()
    assert "مهارات المساعدة الأساسية" in html and "Basic helping skills" not in html
    # No Arabic version: the English title, marked so it is read with an English voice.
    assert '<bdi lang="en">Working with interpreters</bdi>' in html
    english = client.get(url).content.decode()
    assert "Basic helping skills" in english and "<bdi lang=" not in english


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_translated_titles_cost_no_query_per_certificate(client):
    trainee = TraineeFactory()
    _certificate(trainee, "Course A", "الدورة أ")
    client.force_login(trainee)
    url = "/ar" + reverse("certificates:mine")
    few = _queries(client, url)
    for n in range(5):
        _certificate(trainee, f"Course {n}", f"الدورة {n}" if n % 2 else None)
    assert _queries(client, url) == few
