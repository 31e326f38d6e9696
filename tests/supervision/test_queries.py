"""The logbook and the queue cost the same number of queries for 10 and 1,000 entries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from supervision.models import PracticeEntry

pytestmark = pytest.mark.django_db


def fill(enrollment, kinds, count, state):
    today = timezone.localdate()
    PracticeEntry.objects.bulk_create([
        PracticeEntry(enrollment=enrollment, date=today - datetime.timedelta(days=i % 20),
                      duration_minutes=30 + i % 60, activity_kind=kinds[i % len(kinds)],
                      modality="in_person", setting="camp", language="Arabic", state=state,
                      submitted_at=timezone.now() if state == "submitted" else None)
        for i in range(count)])


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["logbook", "queue"])
def test_query_count_does_not_grow(client, enrollment, kinds, trainee, supervisor, url_name,
                                   django_assert_num_queries):
    user = trainee if url_name == "logbook" else supervisor
    client.force_login(user)
    url = reverse(f"supervision:{url_name}")
    fill(enrollment, kinds, 10, "submitted")
    client.get(url)  # the course plan is read once, then cached for every later request
    small = count_queries(client, url)
    fill(enrollment, kinds, 990, "submitted")
    assert PracticeEntry.objects.count() == 1000
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


def test_pinned_counts(client, enrollment, kinds, trainee, supervisor,
                       django_assert_num_queries):
    fill(enrollment, kinds, 1000, "submitted")
    client.force_login(trainee)
    client.get(reverse("supervision:logbook"))  # reads the course plan into the cache
    # session, user, trainee's enrollments, entries count + page, practice requirements,
    # approved, waiting, supervision hours, ratings, and who supervises it (the people of
    # both sources in one UNION, the open request); the competency requirements come
    # from the course's cached plan and the person's roles from the roles cache
    with django_assert_num_queries(12):
        client.get(reverse("supervision:logbook"))
    client.force_login(supervisor)
    # session, user, groups (the supervisor's first request), the ids of the supervisor's
    # enrollments (assigned, through cohorts: read once and remembered for the request)
    # and the nav count over them, supervision requests, open follow-ups, assessments
    # waiting for the supervisor, the queue's filters (cohorts, trainees) and its entries
    # (count + page)
    with django_assert_num_queries(13):
        client.get(reverse("supervision:queue"))


def test_the_pages_of_the_logbook_and_the_queue_keep_what_was_chosen(
        client, enrollment, kinds, trainee, supervisor):
    fill(enrollment, kinds, 60, "submitted")
    client.force_login(trainee)
    logbook = client.get(reverse("supervision:logbook"), {"enrollment": enrollment.pk})
    assert f'?enrollment={enrollment.pk}&amp;page=2">Older</a>' in logbook.content.decode()
    client.force_login(supervisor)
    queue = client.get(reverse("supervision:queue"), {"cohort": enrollment.cohort_id})
    assert f'?cohort={enrollment.cohort_id}&amp;page=2">Next</a>' in queue.content.decode()
    second = client.get(reverse("supervision:queue"), {"cohort": enrollment.cohort_id,
                                                       "page": 2}).content.decode()
    assert f'?cohort={enrollment.cohort_id}&amp;page=1">Previous</a>' in second
