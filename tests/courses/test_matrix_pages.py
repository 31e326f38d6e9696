"""The cohort matrix: a page of trainees at a time, under 100 KB of HTML; its CSV
streams with labels translated once."""

import pytest
from django.urls import reverse

from courses.models import Enrollment
from courses.views import MATRIX_PER_PAGE
from lms.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def large_cohort(cohort, trainer):
    password = User.objects.get(pk=trainer.pk).password
    users = User.objects.bulk_create([
        User(email=f"bulk{i}@example.org", full_name=f"Bulk {i:04d}", password=password)
        for i in range(500)])
    Enrollment.objects.bulk_create([
        Enrollment(trainee=u, course=cohort.course, cohort=cohort,
                   course_key=cohort.course.translation_key) for u in users])
    return cohort


def _rows(html: str) -> int:
    return html.count('<th scope="row">')


def test_the_matrix_shows_a_page_of_trainees_under_100_kb(client, trainer, large_cohort):
    client.force_login(trainer)
    url = reverse("courses:cohort_detail", args=[large_cohort.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) <= 100 * 1024
    assert "500 trainees" in html
    assert _rows(html) == MATRIX_PER_PAGE
    assert "Bulk 0000" in html and f"Bulk {MATRIX_PER_PAGE:04d}" not in html
    assert "Page 1 of 13" in html
    assert "?page=2#matrix-heading" in html

    last = client.get(url, {"page": 13}).content.decode()
    assert _rows(last) == 500 - 12 * MATRIX_PER_PAGE
    assert "Bulk 0499" in last
    # A page past the end, or not a number, shows the last or first page.
    assert "Bulk 0499" in client.get(url, {"page": 99}).content.decode()
    assert "Bulk 0000" in client.get(url, {"page": "x"}).content.decode()


def test_only_the_shown_trainees_are_evaluated(client, trainer, large_cohort, monkeypatch):
    from courses import selectors

    evaluated = []
    real = selectors.registry.evaluate

    def counting(enrollments):
        evaluated.append(len(enrollments))
        return real(enrollments)

    monkeypatch.setattr(selectors.registry, "evaluate", counting)
    client.force_login(trainer)
    url = reverse("courses:cohort_detail", args=[large_cohort.pk])
    assert "Bulk 0040" in client.get(url, {"page": 2}).content.decode()
    assert evaluated == [MATRIX_PER_PAGE]
    # Met or unmet is known only once evaluated: that filter evaluates the whole cohort.
    evaluated.clear()
    html = client.get(url, {"requirements": "unmet"}).content.decode()
    assert evaluated == [500] and "500 trainees" in html


def test_the_pages_keep_the_filters(client, trainer, large_cohort):
    client.force_login(trainer)
    url = reverse("courses:cohort_detail", args=[large_cohort.pk])
    html = client.get(url, {"status": "active", "page": 2}).content.decode()
    assert "?status=active&amp;page=3#matrix-heading" in html
    assert "?status=active&amp;page=1#matrix-heading" in html
    assert "page=2&amp;page" not in html


def test_a_small_cohort_has_no_pages(client, trainer, cohort, enrollment):
    client.force_login(trainer)
    html = client.get(reverse("courses:cohort_detail", args=[cohort.pk])).content.decode()
    assert 'class="pagination"' not in html
    assert _rows(html) == 1


def test_the_csv_has_every_trainee_and_translates_labels_once(client, trainer, large_cohort,
                                                              monkeypatch):
    from courses import exports

    calls = []
    real = exports._

    def counting(message):
        calls.append(message)
        return real(message)

    monkeypatch.setattr(exports, "_", counting)
    client.force_login(trainer)
    response = client.get(reverse("courses:cohort_export_csv", args=[large_cohort.pk]))
    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 501
    # The header's labels and "yes"/"no": not one more per trainee.
    assert len(calls) < 50


def test_the_csv_evaluates_the_cohort_a_batch_at_a_time(client, trainer, large_cohort,
                                                        monkeypatch):
    from courses import selectors

    evaluated = []
    real = selectors.registry.evaluate

    def counting(enrollments):
        evaluated.append(len(enrollments))
        return real(enrollments)

    monkeypatch.setattr(selectors, "MATRIX_BATCH", 64)
    monkeypatch.setattr(selectors.registry, "evaluate", counting)
    client.force_login(trainer)
    response = client.get(reverse("courses:cohort_export_csv", args=[large_cohort.pk]))
    assert evaluated == [64]  # only the first batch (it names the columns) before the download…
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    # …then 500 trainees in batches of 64, each once, in name order.
    assert evaluated == [64] * 7 + [52]
    names = [line.split(",")[0] for line in lines[1:]]
    assert names == [f"Bulk {i:04d}" for i in range(500)]
