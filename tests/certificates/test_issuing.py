import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from certificates.tasks import issue_certificate, sweep_certificates
from content.models import CertificateTemplate
from courses.models import Enrollment
from courses.signals import enrollment_completed
from lms.models import AuditEvent
from tests.factories import CertificateEnrollmentFactory, CoursePageFactory

pytestmark = pytest.mark.django_db


def test_a_default_template_exists_from_the_migration():
    template = CertificateTemplate.objects.get(is_default=True, locale__language_code="en")
    assert "{name}" in template.body


def test_completion_signal_issues_renders_and_emails(completed_enrollment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_completed.send(sender=Enrollment, enrollment_id=completed_enrollment.pk)
    certificate = Certificate.objects.get(enrollment=completed_enrollment)
    assert certificate.pdf and len(certificate.pdf_sha256) == 64
    assert certificate.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [completed_enrollment.trainee.email]
    assert certificate.code in message.body
    assert "/certificates/" in message.body


def test_snapshot_holds_what_the_certificate_attests(completed_enrollment):
    course = completed_enrollment.course
    certificate, created = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert created
    assert certificate.name_as_issued == "Layla Haddad"
    assert certificate.course_title == course.title
    assert certificate.completion_date == timezone.localdate(completed_enrollment.completed_at)
    assert certificate.issued_on == timezone.localdate()
    assert certificate.expires_on == services.add_months(certificate.completion_date, 24)
    assert certificate.issuing_organisation == "Sanad"
    assert certificate.practice_hours == [
        {"activity_kind": "Individual counselling session", "hours": "2.50"}]
    assert certificate.supervision_hours == Decimal("1.50")
    assert certificate.competency_levels == [
        {"code": "C-AL", "title": "Active listening", "level": 3, "label": "3 — Competent"}]
    # Later changes to the profile do not change what was issued.
    completed_enrollment.trainee.full_name = "Someone Else"
    completed_enrollment.trainee.save()
    certificate.refresh_from_db()
    assert certificate.name_as_issued == "Layla Haddad"


def test_course_title_is_in_the_holders_language(completed_enrollment):
    from wagtail.models import Locale

    course = completed_enrollment.course
    arabic = course.copy_for_translation(Locale.objects.get_or_create(language_code="ar")[0],
                                         copy_parents=True)
    arabic.title = "مهارات المساعدة الأساسية"
    arabic.save_revision().publish()
    completed_enrollment.trainee.preferred_language = "ar"
    completed_enrollment.trainee.save()
    certificate, _ = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert certificate.course_title == "مهارات المساعدة الأساسية"
    assert certificate.language == "ar"


def test_no_validity_means_no_expiry(trainee):
    enrollment = CertificateEnrollmentFactory(
        trainee=trainee, course=CoursePageFactory(certificate_validity_months=None))
    certificate, _ = services.certificate_issue(enrollment_id=enrollment.pk)
    assert certificate.expires_on is None


def test_add_months_keeps_to_the_end_of_short_months():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 11, 15), 24) == datetime.date(2028, 11, 15)


def test_task_run_twice_gives_one_certificate_and_one_email(
        completed_enrollment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = issue_certificate.delay(completed_enrollment.pk).get()
    with django_capture_on_commit_callbacks(execute=True):
        second = issue_certificate.delay(completed_enrollment.pk).get()
    assert first == second
    assert Certificate.objects.filter(enrollment=completed_enrollment).count() == 1
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="certificate.issued").count() == 1


def test_a_race_on_the_unique_constraint_returns_the_winner(completed_enrollment, monkeypatch):
    winner, _ = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    # The loser read "no certificate yet" before the winner committed.
    real_filter = Certificate.objects.filter
    calls = {"n": 0}

    def stale_filter(*args, **kwargs):
        calls["n"] += 1
        queryset = real_filter(*args, **kwargs)
        return queryset.none() if calls["n"] == 1 else queryset

    monkeypatch.setattr(Certificate.objects, "filter", stale_filter)
    loser, created = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert not created and loser.pk == winner.pk
    assert Certificate.objects.count() == 1


def test_incomplete_enrollment_is_refused(trainee):
    enrollment = CertificateEnrollmentFactory(trainee=trainee, status="active", completed_at=None)
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(enrollment_id=enrollment.pk)
    assert "not complete" in str(error.value)
    assert issue_certificate.delay(enrollment.pk).get() is None
    assert not Certificate.objects.exists()


def test_template_with_unknown_placeholder_issues_nothing(completed_enrollment):
    CertificateTemplate.objects.filter(is_default=True).update(
        body="Awarded to {name} for {coursework} on {date}.")
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert "{coursework}" in " ".join(error.value.messages)
    assert issue_certificate.delay(completed_enrollment.pk).get() is None
    assert not Certificate.objects.exists()


def test_course_template_is_used_when_chosen(completed_enrollment):
    from wagtail.models import Locale

    custom = CertificateTemplate.objects.create(
        locale=Locale.objects.get(language_code="en"), name="Partner", title="Award",
        body="{name} — {course}", issuing_organisation="Partner Agency")
    course = completed_enrollment.course
    course.certificate_template = custom
    course.save()
    certificate, _ = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    assert certificate.template == custom
    assert certificate.issuing_organisation == "Partner Agency"


def test_sweeper_recovers_a_lost_task(completed_enrollment, trainee,
                                      django_capture_on_commit_callbacks):
    # The completion was recorded but its task never ran (worker crashed, broker lost it).
    open_enrollment = CertificateEnrollmentFactory(status="active", completed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_certificates.delay().get() == {"enrollments": 1, "pdfs": 0, "emails": 0}
    certificate = Certificate.objects.get(enrollment=completed_enrollment)
    assert certificate.pdf_sha256
    assert not Certificate.objects.filter(enrollment=open_enrollment).exists()
    assert sweep_certificates.delay().get() == {"enrollments": 0, "pdfs": 0, "emails": 0}


def test_sweeper_renders_a_missing_pdf(completed_enrollment, django_capture_on_commit_callbacks):
    certificate, _ = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_certificates.delay().get() == {"enrollments": 0, "pdfs": 1, "emails": 0}
    certificate.refresh_from_db()
    assert certificate.pdf_sha256


def test_sweep_command(completed_enrollment, capsys, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("certificates_sweep")
    assert "Queued 1 certificates" in capsys.readouterr().out
    assert Certificate.objects.filter(enrollment=completed_enrollment).exists()


def test_one_certificate_per_enrollment_and_cycle_is_a_database_rule(completed_enrollment):
    from django.db import IntegrityError

    certificate, _ = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrollment=completed_enrollment, cycle=1, name_as_issued="x", course_title="x",
            completion_date=certificate.completion_date, issued_on=certificate.issued_on,
            issuing_organisation="x")


def test_beat_schedules_the_sweeper(settings):
    assert settings.CELERY_BEAT_SCHEDULE["certificates-sweep"]["task"] == \
        "certificates.tasks.sweep_certificates"
