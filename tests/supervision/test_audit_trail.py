"""The record is append-only: every change that gates completion leaves an audit row,
and audit rows, review events and approved entries cannot be changed or deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from courses.models import Enrollment
from lms.models import AppendOnlyError, AuditEvent
from lms.services import audit_record
from supervision import services
from supervision.models import PracticeEntry, ReviewEvent

pytestmark = pytest.mark.django_db

REFUSED = (AppendOnlyError, DatabaseError, ProtectedError)


def _approved(make_entry, trainee, supervisor, **kwargs):
    entry = make_entry(**kwargs)
    services.practice_entry_submit(trainee=trainee, entry=entry)
    services.practice_entry_review(entry=entry, supervisor=supervisor, decision="approve",
                                   comment="حسنًا — well reflected")
    entry.refresh_from_db()
    return entry


# --- Audit rows ----------------------------------------------------------------------


def test_a_supervision_session_is_audited(enrollment, supervisor):
    session = services.supervision_session_record(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=90,
        format="individual", enrollments=[enrollment], topics="=SUM(A1) إحالة وسلامة")
    audit = AuditEvent.objects.get(action="supervision_session.recorded")
    assert audit.actor == supervisor
    assert audit.target_type == "supervision.supervisionsession"
    assert audit.target_id == str(session.pk)
    assert audit.details == {"enrollments": [enrollment.pk], "minutes": 90,
                             "format": "individual", "date": timezone.localdate().isoformat()}


def test_a_refused_session_writes_no_audit_row(enrollment, supervisor):
    with pytest.raises(ValidationError, match="future"):
        services.supervision_session_record(
            supervisor=supervisor, date=timezone.localdate() + datetime.timedelta(days=3),
            duration_minutes=90, format="individual", enrollments=[enrollment], topics="x")
    assert not AuditEvent.objects.filter(action="supervision_session.recorded").exists()


def test_assignments_ratings_and_approvals_are_audited(enrollment, cohort, trainer, supervisor,
                                                       make_entry, trainee, course):
    from tests.factories import SupervisorFactory

    other = SupervisorFactory(full_name="Rania Khoury")
    services.supervisor_assign_to_enrollment(actor=trainer, enrollment=enrollment,
                                             supervisor=other)
    competency = course.competency_requirements.first().competency
    services.competency_ratings_record(
        supervisor=supervisor, enrollment=enrollment, observation="role_play",
        ratings=[services.RatingInput(competency=competency, level=3)])
    _approved(make_entry, trainee, supervisor)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"supervisor.assigned_to_enrollment", "competency.rated",
            "practice_entry.approved"} <= actions


def test_completion_is_audited(enrollment, supervisor, trainee, make_entry, course, kinds):
    from courses.services import enrollment_check_completion

    for kind, hours in ((kinds[0], 2), (kinds[1], 1)):
        _approved(make_entry, trainee, supervisor, activity_kind=kind,
                  duration_minutes=hours * 60)
    services.supervision_session_record(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=60,
        format="individual", enrollments=[enrollment], topics="Referral pathways")
    services.competency_ratings_record(
        supervisor=supervisor, enrollment=enrollment, observation="role_play",
        ratings=[services.RatingInput(competency=r.competency, level=4)
                 for r in course.competency_requirements.all()])
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    audit = AuditEvent.objects.get(action="enrollment.completed")
    assert audit.target_id == str(enrollment.pk) and audit.actor is None
    # Checking again completes nothing and writes nothing.
    enrollment_check_completion(enrollment_ids=[enrollment.pk])
    assert AuditEvent.objects.filter(action="enrollment.completed").count() == 1


def test_withdrawal_is_audited(enrollment, trainee):
    from courses.services import enrollment_withdraw

    enrollment_withdraw(trainee=trainee, enrollment=enrollment)
    audit = AuditEvent.objects.get(action="enrollment.withdrawn")
    assert audit.actor == trainee and audit.target_id == str(enrollment.pk)


# --- Audit events are append-only ----------------------------------------------------


@pytest.fixture
def audit_event(enrollment, supervisor):
    return audit_record(actor=supervisor, action="competency.rated", target=enrollment,
                        new_level=3, note="=HYPERLINK(\"x\") " + "ملاحظة " * 40)


def test_an_audit_event_cannot_be_saved_again(audit_event):
    audit_event.action = "competency.erased"
    with pytest.raises(REFUSED), transaction.atomic():
        audit_event.save()
    assert AuditEvent.objects.get(pk=audit_event.pk).action == "competency.rated"


def test_an_audit_event_cannot_be_deleted(audit_event):
    with pytest.raises(REFUSED), transaction.atomic():
        audit_event.delete()
    assert AuditEvent.objects.filter(pk=audit_event.pk).exists()


def test_audit_events_cannot_be_updated_or_deleted_in_bulk(audit_event):
    with pytest.raises(REFUSED), transaction.atomic():
        AuditEvent.objects.filter(pk=audit_event.pk).update(action="tampered")
    with pytest.raises(REFUSED), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=audit_event.pk).action == "competency.rated"


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers on PostgreSQL")
def test_the_database_refuses_to_change_audit_events(audit_event):
    with pytest.raises(DatabaseError):
        _raw("UPDATE lms_auditevent SET action = %s WHERE id = %s", ["x", audit_event.pk])
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM lms_auditevent WHERE id = %s", [audit_event.pk])
    assert AuditEvent.objects.get(pk=audit_event.pk).action == "competency.rated"


# --- Review events are append-only, except their notification receipt ----------------


@pytest.fixture
def review_event(make_entry, trainee):
    entry = make_entry()
    services.practice_entry_submit(trainee=trainee, entry=entry)
    return ReviewEvent.objects.get(entry=entry)


def test_a_review_event_cannot_be_changed_or_deleted(review_event):
    review_event.comment = "rewritten"
    with pytest.raises(REFUSED), transaction.atomic():
        review_event.save()
    with pytest.raises(REFUSED), transaction.atomic():
        review_event.delete()
    with pytest.raises(REFUSED), transaction.atomic():
        ReviewEvent.objects.filter(pk=review_event.pk).update(to_state="approved")
    with pytest.raises(REFUSED), transaction.atomic():
        ReviewEvent.objects.filter(pk=review_event.pk).delete()
    event = ReviewEvent.objects.get(pk=review_event.pk)
    assert (event.comment, event.to_state) == ("", "submitted")


def test_the_notification_receipt_may_be_set_once(review_event):
    ReviewEvent.objects.filter(pk=review_event.pk, notified_at__isnull=True).update(
        notified_at=timezone.now())
    assert ReviewEvent.objects.get(pk=review_event.pk).notified_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers on PostgreSQL")
def test_the_database_refuses_to_change_review_events(review_event):
    with pytest.raises(DatabaseError):
        _raw("UPDATE supervision_reviewevent SET comment = %s WHERE id = %s",
             ["rewritten", review_event.pk])
    with pytest.raises(DatabaseError):
        _raw("UPDATE supervision_reviewevent SET notified_at = now(), comment = %s "
             "WHERE id = %s", ["rewritten", review_event.pk])
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM supervision_reviewevent WHERE id = %s", [review_event.pk])
    _raw("UPDATE supervision_reviewevent SET notified_at = now() WHERE id = %s",
         [review_event.pk])
    # Once set, the receipt is part of the record too.
    with pytest.raises(DatabaseError):
        _raw("UPDATE supervision_reviewevent SET notified_at = NULL WHERE id = %s",
             [review_event.pk])
    assert ReviewEvent.objects.get(pk=review_event.pk).comment == ""


# --- Approved entries cannot be deleted; people and enrollments keep their trail -----


def test_an_approved_entry_cannot_be_deleted(make_entry, trainee, supervisor):
    entry = _approved(make_entry, trainee, supervisor)
    with pytest.raises(REFUSED), transaction.atomic():
        entry.delete()
    with pytest.raises(REFUSED), transaction.atomic():
        PracticeEntry.objects.filter(pk=entry.pk).delete()
    assert PracticeEntry.objects.filter(pk=entry.pk, state="approved").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers on PostgreSQL")
def test_the_database_refuses_to_delete_an_approved_entry(make_entry, trainee, supervisor):
    entry = _approved(make_entry, trainee, supervisor)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM supervision_practiceentry WHERE id = %s", [entry.pk])
    assert PracticeEntry.objects.filter(pk=entry.pk).exists()


def test_a_draft_without_events_can_still_be_deleted(make_entry, trainee):
    draft = make_entry(went_well="مسودة")
    services.practice_entry_delete(trainee=trainee, entry=draft)
    assert not PracticeEntry.objects.filter(pk=draft.pk).exists()


def test_deleting_a_trainee_or_enrollment_keeps_the_trail(enrollment, trainee, supervisor,
                                                          make_entry):
    entry = _approved(make_entry, trainee, supervisor)
    events = ReviewEvent.objects.filter(entry=entry).count()
    with pytest.raises(ProtectedError), transaction.atomic():
        trainee.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        enrollment.delete()
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert ReviewEvent.objects.filter(entry=entry).count() == events == 2
    assert AuditEvent.objects.filter(action="practice_entry.approved").exists()


def test_a_trainee_with_an_enrollment_cannot_be_deleted(enrollment, trainee):
    with pytest.raises(ProtectedError), transaction.atomic():
        trainee.delete()
    assert type(trainee).objects.filter(pk=trainee.pk).exists()

