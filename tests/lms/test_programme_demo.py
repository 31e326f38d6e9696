"""The programme demo: organisations, sites, a consortium with its coordinator, and six
cohorts of trainees whose history keeps every invariant the models and the completion
rules state. Built twice, it changes nothing."""

import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone

from certificates.models import Certificate
from courses.demo import PROGRAMME_COHORTS
from courses.models import AssessmentAttempt, Cohort, Enrollment
from courses.requirements import registry
from lms.demo import CONSORTIUM, COORDINATOR, DEMO_PASSWORD
from lms.models import Consortium, Site, User
from lms.roles import Role
from supervision.models import (
    CompetencyRating,
    PracticeEntry,
    ReviewEvent,
    SupervisionSession,
)

pytestmark = pytest.mark.django_db


def _counts():
    return (User.objects.count(), Enrollment.objects.count(), Site.objects.count(),
            PracticeEntry.objects.count(), ReviewEvent.objects.count(),
            SupervisionSession.objects.count(), CompetencyRating.objects.count(),
            AssessmentAttempt.objects.count(), Certificate.objects.count())


def test_the_programme_demo(capsys):
    call_command("seed_demo", stdout=io.StringIO())
    counts = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == counts

    today = timezone.localdate()
    consortium = Consortium.objects.get(name=CONSORTIUM)
    members = list(consortium.members.all())
    assert len(members) == 3 and {m.country.code for m in members} == {"LB", "JO"}
    assert all(2 <= m.sites.count() <= 3 for m in members)
    coordinator = User.objects.get(email=COORDINATOR)
    assert coordinator.has_role(Role.COORDINATOR)
    assert list(coordinator.coordinated_consortia.all()) == [consortium]
    assert authenticate(email=COORDINATOR, password=DEMO_PASSWORD) is not None

    cohorts = Cohort.objects.filter(name__in=[c.name for c in PROGRAMME_COHORTS])
    assert cohorts.count() == 6
    assert not cohorts.exclude(site__organisation=F("organisation")).exists()
    enrollments = Enrollment.objects.filter(cohort__in=cohorts).select_related("trainee")
    assert 110 <= enrollments.count() <= 130
    statuses = dict(enrollments.values_list("status").annotate(n=Count("id")))
    assert statuses["completed"] >= 40 and statuses["withdrawn"] >= 5
    assert statuses["active"] >= 30
    trainees = [e.trainee for e in enrollments]
    assert sum(1 for t in trainees if t.cadre_id) > 90
    assert sum(1 for t in trainees if not t.cadre_id) > 0
    assert {t.sex for t in trainees} == {"", "female", "male", "undisclosed"}
    assert any("\u0600" <= t.full_name[0] <= "\u06ff" for t in trainees)
    assert any(t.full_name[0].isascii() for t in trainees)

    # Every completed enrollment meets its course's requirements, as completion demands.
    completed = [e for e in enrollments if e.status == "completed"]
    evaluated = registry.evaluate(completed)
    assert all(registry.all_met(evaluated[e.pk]) for e in completed)
    gains = [e.knowledge_gain for e in enrollments if e.knowledge_gain is not None]
    assert len(gains) > 40 and sum(1 for g in gains if g > 0) > 0.8 * len(gains)

    entries = PracticeEntry.objects.filter(enrollment__in=enrollments)
    assert not entries.filter(date__gt=today).exists()
    assert not entries.filter(date__lt=F("enrollment__enrolled_at__date")).exists()
    assert entries.filter(state="approved").count() > 100
    assert entries.filter(state="submitted").count() > 10
    sessions = SupervisionSession.objects.filter(enrollments__in=enrollments).distinct()
    assert not sessions.filter(date__gt=today).exists()
    assert sessions.filter(date__gte=today - datetime.timedelta(days=30)).exists()
    for session in sessions.prefetch_related("enrollments"):
        assert all(timezone.localdate(e.enrolled_at) <= session.date
                   for e in session.enrollments.all())

    assert CompetencyRating.objects.filter(level=1).count() == 1
    rated_twice = (CompetencyRating.objects.filter(enrollment__in=enrollments)
                   .values("enrollment", "competency").annotate(n=Count("id"))
                   .filter(n__gt=1))
    assert rated_twice.count() > 50

    certificates = Certificate.objects.filter(enrollment__in=enrollments)
    assert certificates.count() == len(completed)
    assert certificates.filter(status="revoked").count() == 1
    assert certificates.filter(expires_on__lt=today).count() == 1
    assert certificates.filter(status="valid", expires_on__gte=today,
                               expires_on__lte=today + datetime.timedelta(days=60)).count() >= 5
    assert not certificates.filter(issued_on__lt=F("completion_date")).exists()
