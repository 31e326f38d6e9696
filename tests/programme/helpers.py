"""Dated events for the hand-built populations: every timestamp set exactly."""

import uuid
from unittest import mock

from content.models import AssessmentPage
from courses.models import AssessmentAttempt
from supervision.models import CompetencyRating, PracticeEntry, ReviewEvent, SupervisionSession
from tests.factories import CertificateFactory, PracticeEntryFactory
from tests.programme.conftest import at

PRE_KEY, POST_KEY = uuid.uuid4(), uuid.uuid4()


def attempt(enrollment, kind, score, day, number=None):
    key = PRE_KEY if kind == "pre" else POST_KEY
    kind = AssessmentPage.Kind.PRE_TEST if kind == "pre" else AssessmentPage.Kind.POST_TEST
    number = number or AssessmentAttempt.objects.filter(enrollment=enrollment,
                                                        assessment_key=key).count() + 1
    row = AssessmentAttempt.objects.create(enrollment=enrollment, assessment_key=key, kind=kind,
                                           number=number, score=score, passed=score >= 60)
    AssessmentAttempt.objects.filter(pk=row.pk).update(submitted_at=at(day))
    return row


def entry(enrollment, *, state="approved", minutes=60, date="2026-02-01", submitted=None,
          approved=None, approver=None):
    fields = {"enrollment": enrollment, "state": state, "duration_minutes": minutes,
              "date": date}
    if submitted:
        fields["submitted_at"] = at(submitted)
    if state == PracticeEntry.State.APPROVED:
        fields["approved_at"] = at(approved or date)
        fields["approved_by"] = approver
    return PracticeEntryFactory(**fields)


def event(practice_entry, actor, from_state, to_state, when):
    with mock.patch("django.utils.timezone.now", return_value=when):
        return ReviewEvent.objects.create(entry=practice_entry, actor=actor,
                                          from_state=from_state, to_state=to_state)


def session(supervisor, day, minutes, *enrollments):
    row = SupervisionSession.objects.create(supervisor=supervisor, date=day,
                                            duration_minutes=minutes, format="individual",
                                            topics="Case review")
    row.enrollments.add(*enrollments)
    return row


def rating(enrollment, requirement, level, day, supervisor, harmful=False):
    row = CompetencyRating.objects.create(enrollment=enrollment,
                                          competency_id=requirement.competency_id,
                                          supervisor=supervisor, level=level,
                                          harmful_behaviour=harmful, observation="role_play")
    CompetencyRating.objects.filter(pk=row.pk).update(rated_at=at(day))
    return row


def certificate(enrollment, issued, expires=None, revoked=False, cycle=1):
    import datetime

    fields = {"enrollment": enrollment, "cycle": cycle,
              "issued_on": datetime.date.fromisoformat(issued),
              "completion_date": datetime.date.fromisoformat(issued),
              "expires_on": datetime.date.fromisoformat(expires) if expires else None}
    if revoked:
        fields.update(status="revoked", revoked_at=at(issued), revocation_category="other",
                      revocation_reason="Issued to the wrong person.")
    return CertificateFactory(**fields)
