"""A small hand-built programme: two organisations in a consortium (Lebanon, Jordan) and
one outside it, a site each, one practice course with two required competencies, and
helpers that date events exactly, so each test can count its figures by hand."""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone

from lms.indicators import Filters, Viewer
from lms.models import Cadre, Consortium, Site
from tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    OrganisationFactory,
    SupervisorFactory,
    TraineeFactory,
    practice_course,
)

# The period the tests count: the first quarter of 2026. Events are dated in or out of it.
Q1 = Filters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
EVERYTHING = Viewer(user_id=None, organisation_ids=None)


def at(day: str, hour: int = 12) -> datetime.datetime:
    """Noon (by default) of an ISO date in the current time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour)))


@dataclass
class World:
    org_a: object
    org_b: object
    org_c: object
    site_a: Site
    site_b: Site
    site_c: Site
    course: object
    cohort_a: object
    cohort_b: object
    cohort_c: object
    consortium: Consortium
    nurse: Cadre
    teacher: Cadre

    def enrol(self, cohort, *, sex="female", cadre=None, enrolled="2026-01-05", **kwargs):
        trainee = TraineeFactory(organisation=cohort.organisation, sex=sex, cadre=cadre)
        enrollment = EnrollmentFactory(trainee=trainee, cohort=cohort, **kwargs)
        type(enrollment).objects.filter(pk=enrollment.pk).update(enrolled_at=at(enrolled))
        enrollment.refresh_from_db()
        return enrollment

    @property
    def competencies(self):
        return list(self.course.competency_requirements.order_by("sort_order"))


@pytest.fixture
def world(db):
    org_a = OrganisationFactory(name="Amal", country="LB")
    org_b = OrganisationFactory(name="Basma", country="JO")
    org_c = OrganisationFactory(name="Outside", country="LB")
    site_a = Site.objects.create(organisation=org_a, name="Shatila centre", country="LB")
    site_b = Site.objects.create(organisation=org_b, name="Zaatari clinic", country="JO")
    site_c = Site.objects.create(organisation=org_c, name="Tripoli office", country="LB")
    course = practice_course(title="Supervised helping skills", slug=f"shs-{uuid.uuid4().hex[:6]}",
                             competencies=(("Active listening", 3), ("Safety planning", 3)))
    dates = {"start_date": datetime.date(2026, 1, 1), "end_date": datetime.date(2026, 6, 30)}
    cohort_a = CohortFactory(course=course, organisation=org_a, site=site_a, country="LB",
                             name="Shatila 2026", **dates)
    cohort_b = CohortFactory(course=course, organisation=org_b, site=site_b, country="JO",
                             name="Zaatari 2026", **dates)
    cohort_c = CohortFactory(course=course, organisation=org_c, site=site_c, country="LB",
                             name="Tripoli 2026", **dates)
    consortium = Consortium.objects.create(name="MHPSS TWG")
    consortium.members.add(org_a, org_b)
    nurse, _ = Cadre.objects.get_or_create(code="nurse", defaults={"name": "Nurse"})
    teacher, _ = Cadre.objects.get_or_create(code="teacher", defaults={"name": "Teacher"})
    return World(org_a, org_b, org_c, site_a, site_b, site_c, course, cohort_a, cohort_b,
                 cohort_c, consortium, nurse, teacher)


@pytest.fixture
def supervisor_factory():
    return SupervisorFactory
