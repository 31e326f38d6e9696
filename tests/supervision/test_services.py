import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from lms.models import AuditEvent
from supervision import services
from supervision.models import PracticeEntry, ReviewEvent
from tests.factories import ActivityKindFactory, PracticeEntryFactory, TraineeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_entry):
    return make_entry()


def submit(entry, trainee):
    return services.practice_entry_submit(trainee=trainee, entry=entry)


def test_draft_submitted_returned_resubmitted_approved(draft, trainee, supervisor, enrollment,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(draft, trainee)
    draft.refresh_from_db()
    assert draft.state == "submitted" and draft.submitted_at

    with django_capture_on_commit_callbacks(execute=True):
        services.practice_entry_review(entry=draft, supervisor=supervisor, decision="return",
                                       comment="Say more about what was hard.")
    draft.refresh_from_db()
    assert draft.state == "returned"

    draft.was_hard = "Long silences."
    services.practice_entry_save(trainee=trainee, entry=draft)
    draft.refresh_from_db()
    assert draft.state == "returned" and draft.was_hard == "Long silences."
    with django_capture_on_commit_callbacks(execute=True):
        submit(draft, trainee)
        services.practice_entry_review(entry=draft, supervisor=supervisor, decision="approve")
    draft.refresh_from_db()
    assert draft.state == "approved" and draft.approved_by == supervisor and draft.approved_at

    transitions = list(draft.events.values_list("from_state", "to_state", "actor_id", "comment"))
    assert transitions == [
        ("draft", "submitted", trainee.pk, ""),
        ("submitted", "returned", supervisor.pk, "Say more about what was hard."),
        ("returned", "submitted", trainee.pk, ""),
        ("submitted", "approved", supervisor.pk, ""),
    ]
    audit = AuditEvent.objects.get(action="practice_entry.approved")
    assert audit.actor == supervisor and audit.target_id == str(draft.pk)


def test_return_needs_a_comment_and_nothing_changes(draft, trainee, supervisor):
    submit(draft, trainee)
    with pytest.raises(ValidationError) as caught:
        services.practice_entry_review(entry=draft, supervisor=supervisor, decision="return",
                                       comment="   ")
    assert "comment is required" in str(caught.value)
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert draft.events.count() == 1


def test_approving_a_draft_is_refused(draft, supervisor):
    with pytest.raises(ValidationError, match="Only submitted entries"):
        services.practice_entry_review(entry=draft, supervisor=supervisor, decision="approve")
    draft.refresh_from_db()
    assert draft.state == "draft" and not AuditEvent.objects.exists()


def test_approved_entries_are_locked(draft, trainee, supervisor):
    submit(draft, trainee)
    services.practice_entry_review(entry=draft, supervisor=supervisor, decision="approve")
    draft.refresh_from_db()
    draft.duration_minutes = 600
    with pytest.raises(ValidationError, match="can be changed"):
        services.practice_entry_save(trainee=trainee, entry=draft)
    with pytest.raises(ValidationError, match="Only drafts"):
        services.practice_entry_delete(trainee=trainee, entry=draft)
    with pytest.raises(ValidationError):
        submit(draft, trainee)
    with pytest.raises(ValidationError):
        services.practice_entry_review(entry=draft, supervisor=supervisor, decision="return",
                                       comment="Changed my mind")
    assert PracticeEntry.objects.get(pk=draft.pk).duration_minutes == 60


def test_the_database_refuses_to_change_an_approved_entry(draft, trainee, supervisor):
    submit(draft, trainee)
    services.practice_entry_review(entry=draft, supervisor=supervisor, decision="approve")
    with pytest.raises(DatabaseError), transaction.atomic():
        PracticeEntry.objects.filter(pk=draft.pk).update(duration_minutes=720)


def test_nobody_approves_their_own_entries(enrollment, cohort, trainee, make_entry):
    # The trainee is also a supervisor of their own cohort.
    from django.contrib.auth.models import Group
    trainee.groups.add(Group.objects.get(name="Supervisor"))
    cohort.supervisors.add(trainee)
    entry = make_entry()
    submit(entry, trainee)
    trainee = type(trainee).objects.get(pk=trainee.pk)
    with pytest.raises(ValidationError, match="own"):
        services.practice_entry_review(entry=entry, supervisor=trainee, decision="approve")
    assert PracticeEntry.objects.get(pk=entry.pk).state == "submitted"


def test_supervisor_of_another_cohort_cannot_review(draft, trainee, other_supervisor):
    submit(draft, trainee)
    with pytest.raises(PermissionDenied):
        services.practice_entry_review(entry=draft, supervisor=other_supervisor,
                                       decision="approve")


def test_bulk_approval_is_all_or_nothing(enrollment, trainee, supervisor, make_entry):
    entries = [make_entry() for _ in range(3)]
    services.practice_entries_submit(trainee=trainee, entries=entries[:2])
    with pytest.raises(ValidationError):
        services.practice_entries_approve(entries=entries, supervisor=supervisor)
    assert not PracticeEntry.objects.filter(state="approved").exists()
    services.practice_entries_approve(entries=entries[:2], supervisor=supervisor)
    assert PracticeEntry.objects.filter(state="approved").count() == 2
    assert AuditEvent.objects.filter(action="practice_entry.approved").count() == 2


@pytest.mark.parametrize(("field", "value", "message"), [
    ("duration_minutes", -5, "between 1 and 720"),
    ("duration_minutes", 0, "between 1 and 720"),
    ("duration_minutes", 721, "between 1 and 720"),
    ("date", "future", "future"),
    ("date", "before_enrolment", "before you enrolled"),
    ("went_well", "Client can be reached on +961 3 123 456", "phone number"),
    ("language", "Arabic (ask ahmad@example.org)", "e-mail address"),
])
def test_bad_content_is_refused_and_nothing_is_saved(draft, trainee, field, value, message):
    original = PracticeEntry.objects.get(pk=draft.pk)
    if value == "future":
        value = timezone.localdate() + datetime.timedelta(days=1)
    elif value == "before_enrolment":
        value = timezone.localdate(draft.enrollment.enrolled_at) - datetime.timedelta(days=1)
    setattr(draft, field, value)
    with pytest.raises(ValidationError) as caught:
        services.practice_entry_save(trainee=trainee, entry=draft)
    assert message in str(caught.value.message_dict[field])
    assert getattr(PracticeEntry.objects.get(pk=draft.pk), field) == getattr(original, field)


def test_activity_kind_must_be_in_the_course(draft, trainee):
    draft.activity_kind = ActivityKindFactory(name="Not in this course")
    with pytest.raises(ValidationError) as caught:
        services.practice_entry_save(trainee=trainee, entry=draft)
    assert "activity_kind" in caught.value.message_dict


def test_a_trainee_cannot_touch_anothers_entry(draft):
    intruder = TraineeFactory()
    with pytest.raises(PermissionDenied):
        services.practice_entry_save(trainee=intruder, entry=draft)
    with pytest.raises(PermissionDenied):
        services.practice_entries_submit(trainee=intruder, entries=[draft])


def test_one_email_per_submission_batch_and_per_trainee(enrollment, trainee, supervisor,
                                                         make_entry,
                                                         django_capture_on_commit_callbacks):
    entries = [make_entry() for _ in range(3)]
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_entries_submit(trainee=trainee, entries=entries)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [supervisor.email]
    assert "3" in mail.outbox[0].subject

    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_entries_approve(entries=entries[:2], supervisor=supervisor)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [trainee.email]
    assert "approved" in mail.outbox[0].subject

    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_entry_review(entry=entries[2], supervisor=supervisor,
                                       decision="return", comment="Add the setting, please.")
    assert len(mail.outbox) == 1
    assert "returned" in mail.outbox[0].subject
    assert "Add the setting, please." in mail.outbox[0].body


def test_notification_tasks_are_idempotent(draft, trainee, supervisor):
    from supervision.tasks import notify_supervisors_of_submission

    submit(draft, trainee)  # eager task runs outside on_commit capture: not yet sent
    event_ids = list(ReviewEvent.objects.values_list("pk", flat=True))
    mail.outbox = []
    assert notify_supervisors_of_submission(event_ids) == 1
    assert notify_supervisors_of_submission(event_ids) == 0
    assert len(mail.outbox) == 1


def test_digest_lists_entries_waiting_more_than_three_days(enrollment, trainee, supervisor,
                                                           make_entry):
    from django.core.management import call_command

    old = make_entry()
    new = make_entry()
    services.practice_entries_submit(trainee=trainee, entries=[old, new])
    PracticeEntry.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=4))
    mail.outbox = []
    call_command("supervision_digest")
    call_command("supervision_digest")  # the same day: nothing more
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [supervisor.email]
    assert date_format(old.date) in mail.outbox[0].body
    assert "1 practice entry has waited" in mail.outbox[0].body


def test_entry_factory_sanity(enrollment):
    assert PracticeEntryFactory(enrollment=enrollment).state == "draft"


# --- Supervision sessions: the same date and duration rules as practice entries ---------


def _enrolled_on(enrollment, day):
    enrollment.__class__.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))))
    enrollment.refresh_from_db()


def _record(supervisor, enrollments, **overrides):
    data = {"date": timezone.localdate(), "duration_minutes": 90, "format": "group",
            "topics": "Self-care; referral pathways for =SUM(A1) \"emergencies\"",
            "enrollments": enrollments, **overrides}
    return services.supervision_session_record(supervisor=supervisor, **data)


@pytest.mark.parametrize("overrides, field, message", [
    ({"date": datetime.date(1900, 1, 1)}, "date", "before the trainees present enrolled"),
    ({"date": datetime.date(1, 1, 1)}, "date", "before the trainees present enrolled"),
    ({"date": "future"}, "date", "cannot be in the future"),
    ({"duration_minutes": 720}, "duration_minutes", "between 1 and 480 minutes (8 hours)"),
    ({"duration_minutes": 481}, "duration_minutes", "between 1 and 480 minutes (8 hours)"),
    ({"duration_minutes": 0}, "duration_minutes", "between 1 and 480 minutes (8 hours)"),
    ({"topics": "\u200b\u200e"}, "topics", "Say what the session covered"),
    ({"topics": "Ring her: 079\u2013123\u20134567"}, "topics", "phone number"),
    ({"topics": "Safety\x00plan"}, "topics", "NUL"),
])
def test_a_session_breaking_a_rule_is_refused_and_nothing_saved(supervisor, enrollment,
                                                                overrides, field, message):
    from supervision.models import SupervisionSession

    if overrides.get("date") == "future":
        overrides["date"] = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _record(supervisor, [enrollment], **overrides)
    assert message in " ".join(caught.value.message_dict[field])
    assert not SupervisionSession.objects.exists()


def test_a_session_may_last_eight_hours_and_its_topics_are_cleaned(supervisor, enrollment):
    session = _record(supervisor, [enrollment], duration_minutes=480,
                      topics="\u202eSelf-care\u200b and\r\nreferral")
    assert session.duration_minutes == 480
    assert session.topics == "Self-care and\nreferral"


def test_a_group_session_may_not_predate_the_earliest_enrolment_present(
        supervisor, enrollment, cohort):
    from tests.factories import EnrollmentFactory

    later = EnrollmentFactory(trainee=TraineeFactory(full_name="نور حداد"), cohort=cohort,
                              course=cohort.course)
    today = timezone.localdate()
    _enrolled_on(enrollment, today - datetime.timedelta(days=30))
    _enrolled_on(later, today - datetime.timedelta(days=10))
    earliest = today - datetime.timedelta(days=30)
    with pytest.raises(ValidationError) as caught:
        _record(supervisor, [enrollment, later], date=earliest - datetime.timedelta(days=1))
    assert date_format(earliest) in caught.value.message_dict["date"][0]
    session = _record(supervisor, [enrollment, later], date=earliest)
    assert session.date == earliest


def test_entries_and_sessions_share_one_date_rule():
    day = datetime.date(2026, 3, 14)
    errors = services.practice_time_errors(date=datetime.date(1900, 1, 1), duration_minutes=721,
                                           enrolled_on=day, max_minutes=720, today=day)
    assert set(errors) == {"date", "duration_minutes"}
    assert services.practice_time_errors(date=day, duration_minutes=720, enrolled_on=day,
                                         max_minutes=720, today=day) == {}


def test_review_comments_and_rating_notes_are_cleaned(make_entry, trainee, supervisor,
                                                      enrollment, course):
    entry = make_entry()
    submit(entry, trainee)
    with pytest.raises(ValidationError) as caught:
        services.practice_entry_review(entry=entry, supervisor=supervisor, decision="return",
                                       comment="Say more\x00")
    assert "NUL" in caught.value.message_dict["comment"][0]
    services.practice_entry_review(entry=entry, supervisor=supervisor, decision="return",
                                   comment="\u202eSay more\u200b about silences.\r\n")
    assert ReviewEvent.objects.get(to_state="returned").comment == "Say more about silences."

    competency = course.competency_requirements.first().competency
    rating = services.RatingInput(competency=competency, level=3,
                                  notes="\u200bGood  rapport\r\nClear")
    [record] = services.competency_ratings_record(supervisor=supervisor, enrollment=enrollment,
                                                  observation="role_play", ratings=[rating])
    assert record.notes == "Good  rapport\nClear"
    bad = services.RatingInput(competency=competency, level=3, notes="Bad\x1b")
    with pytest.raises(ValidationError) as caught:
        services.competency_ratings_record(supervisor=supervisor, enrollment=enrollment,
                                           observation="role_play", ratings=[bad])
    assert caught.value.message_dict[f"notes_{competency.pk}"]


def test_saving_an_entry_cleans_its_free_text(draft, trainee):
    draft.went_well = "\u202eGood\u200b rapport\r\nand trust"
    draft.language = "Ｋｕｒｍａｎｊｉ  with an interpreter"
    services.practice_entry_save(trainee=trainee, entry=draft)
    draft.refresh_from_db()
    assert draft.went_well == "Good rapport\nand trust"
    assert draft.language == "Kurmanji with an interpreter"


@pytest.mark.parametrize("field, value, message", [
    ("was_hard", "Silences\x00", "NUL"),
    ("language", "ع" * 101, "at most 100 characters"),
])
def test_an_entry_with_text_the_database_cannot_hold_is_refused(draft, trainee, field, value,
                                                                message):
    setattr(draft, field, value)
    with pytest.raises(ValidationError) as caught:
        services.practice_entry_save(trainee=trainee, entry=draft)
    assert message in caught.value.message_dict[field][0]
    stored = PracticeEntry.objects.get(pk=draft.pk)
    assert getattr(stored, field) != value
