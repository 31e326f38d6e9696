"""``field__any``: the same rows as ``__in``, with the list sent as one parameter on
PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Enrollment
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_any_finds_what_in_finds():
    enrollments = [EnrollmentFactory() for _ in range(4)]
    wanted = [enrollments[0].pk, enrollments[2].pk]
    assert sorted(Enrollment.objects.filter(pk__any=wanted).values_list("pk", flat=True)) \
        == sorted(wanted)
    # Through a foreign key's column and its relation, as the access rules use it.
    people = [enrollments[1].trainee_id, enrollments[3].trainee_id]
    assert set(Enrollment.objects.filter(trainee_id__any=people)) == {enrollments[1],
                                                                      enrollments[3]}
    assert set(Enrollment.objects.filter(trainee__any=people)) == {enrollments[1],
                                                                   enrollments[3]}
    assert not Enrollment.objects.filter(pk__any=[]).exists()
    assert Enrollment.objects.exclude(pk__any=[]).count() == 4


def test_any_sends_one_parameter_on_postgresql():
    enrollment = EnrollmentFactory()
    if connection.vendor != "postgresql":
        pytest.skip("the array parameter is PostgreSQL's")
    ids = [*range(10**6, 10**6 + 500), enrollment.pk]
    with CaptureQueriesContext(connection) as queries:
        assert list(Enrollment.objects.filter(pk__any=ids)) == [enrollment]
    assert "= ANY(" in queries[0]["sql"]
    assert str(10**6 + 1) not in queries[0]["sql"].split("ANY(")[0]
