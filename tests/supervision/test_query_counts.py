"""Supervisor pages cost the same number of queries however many trainees, cohorts and
entries the rest of the system holds, and however many trainees the supervisor has.

Two sizes: a supervisor of 3 trainees (one assigned directly, two through the cohort)
in a small system, then of 30 trainees in a system with ten times more of everyone
else's trainees, enrollments and submitted entries.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Cohort, Enrollment
from lms.models import Organisation, User
from supervision.models import PracticeEntry, SupervisorAssignment

pytestmark = pytest.mark.django_db

TRAINEES_MAX_QUERIES = 12


def _add_trainees(course, cohort, n, password, start):
    """n trainees of their own organisation in the cohort (None: self-paced), each with
    three submitted practice entries."""
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Agency {start + i}", kind="national_ngo", country="LB")
        for i in range(n)])
    users = User.objects.bulk_create([
        User(email=f"q{start + i}@example.org", full_name=f"Trainee {start + i:04d}",
             password=password, organisation=organisations[i]) for i in range(n)])
    enrollments = Enrollment.objects.bulk_create([
        Enrollment(trainee=u, course=course, course_key=course.translation_key, cohort=cohort)
        for u in users])
    kind = course.practice_requirements.first().activity_kind
    now, today = timezone.now(), timezone.localdate()
    PracticeEntry.objects.bulk_create([
        PracticeEntry(enrollment=e, date=today - datetime.timedelta(days=d), duration_minutes=45,
                      activity_kind=kind, modality="in_person", setting="camp",
                      language="Arabic", state="submitted", submitted_at=now)
        for e in enrollments for d in range(3)])
    return enrollments


def _grow(course, cohort, other_cohort, supervisor, password, *, mine, others, start):
    """The supervisor gains `mine` trainees (one assigned, the rest through the cohort);
    the rest of the system gains `others`."""
    direct = _add_trainees(course, None, 1, password, start)
    SupervisorAssignment.objects.create(supervisor=supervisor, enrollment=direct[0])
    _add_trainees(course, cohort, mine - 1, password, start + 1)
    _add_trainees(course, other_cohort, others // 2, password, start + mine)
    _add_trainees(course, None, others - others // 2, password, start + mine + others // 2)


def _count(client, url):
    client.get(url)  # warm the caches every later request shares
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.fixture
def sizes(client, course, cohort, other_cohort, supervisor):
    """Query counts of each page at the small size, then at the large one."""
    password = User.objects.get(pk=supervisor.pk).password
    client.force_login(supervisor)
    counts = {}
    start = 0
    for mine, others in ((3, 10), (30, 100)):
        _grow(course, cohort, other_cohort, supervisor, password, mine=mine, others=others,
              start=start)
        start += mine + others
        entry = (PracticeEntry.objects.filter(enrollment__cohort=cohort, state="submitted")
                 .order_by("pk").first())
        for name, url in (("queue", reverse("supervision:queue")),
                          ("review", reverse("supervision:entry_review", args=[entry.pk])),
                          ("trainees", reverse("supervision:trainees"))):
            count, response = _count(client, url)
            counts.setdefault(name, []).append(count)
            if name == "trainees":
                total = Enrollment.objects.filter(cohort=cohort).count() + \
                    SupervisorAssignment.objects.filter(supervisor=supervisor).count()
                assert response.content.decode().count("Agency ") == total
    return counts


@pytest.mark.parametrize("page", ["queue", "review", "trainees"])
def test_supervisor_pages_do_not_grow(sizes, page):
    small, large = sizes[page]
    assert small == large, sizes


def test_pinned_counts(sizes):
    # session, user, groups; the supervised enrollment ids (one UNION) for the queue's
    # filters, for the entries and for the count in the navigation; cohorts, trainees,
    # supervision requests, open follow-ups, assessments waiting, the page's count and
    # rows.
    assert sizes["queue"][1] <= 12, sizes
    assert sizes["review"][1] <= 10, sizes
    assert sizes["trainees"][1] <= TRAINEES_MAX_QUERIES, sizes


def test_one_cheap_query_counts_the_navigation_badge(client, supervisor, enrollment, kinds,
                                                     django_assert_num_queries):
    from supervision.selectors import review_queue_count

    PracticeEntry.objects.create(enrollment=enrollment, date=timezone.localdate(),
                                 duration_minutes=30, activity_kind=kinds[0],
                                 modality="in_person", setting="camp", language="Arabic",
                                 state="submitted", submitted_at=timezone.now())
    supervisor = User.objects.get(pk=supervisor.pk)
    # The ids of the supervisor's trainees, then the count over those ids.
    with django_assert_num_queries(2):
        assert review_queue_count(supervisor) == 1
    assert Cohort.objects.filter(supervisors=supervisor).exists()
