"""The certificate e-mail goes through the outbox: once per certificate, never lost."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from certificates.tasks import email_certificate, sweep_certificates
from lms.models import OutgoingEmail
from lms.tasks import sweep_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(completed_enrollment):
    certificate, _ = services.certificate_issue(enrollment_id=completed_enrollment.pk)
    return services.certificate_render(certificate_id=certificate.pk)


def test_the_email_is_one_outbox_row_per_certificate(rendered,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert email_certificate.delay(rendered.pk).get() is True
        assert email_certificate.delay(rendered.pk).get() is False
    email = OutgoingEmail.objects.get()
    assert email.key == f"certificate-issued:{rendered.pk}"
    assert email.status == OutgoingEmail.Status.SENT
    assert email.to == rendered.enrollment.trainee.email
    assert len(mail.outbox) == 1
    assert rendered.code in mail.outbox[0].body
    rendered.refresh_from_db()
    assert rendered.emailed_at is not None


def test_a_revoked_certificate_is_not_emailed(rendered, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=rendered.pk).update(
        status=Certificate.Status.REVOKED, revoked_at=timezone.now(),
        revocation_category=Certificate.RevocationCategory.values[0], revocation_reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        assert email_certificate.delay(rendered.pk).get() is False
    assert not OutgoingEmail.objects.exists()
    assert len(mail.outbox) == 0


def test_a_worker_killed_while_emailing_loses_nothing(rendered, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    """The defect: the certificate was marked e-mailed before sending and unmarked only
    in `except`, which a kill skips, so the e-mail was lost for good."""
    from lms import services as lms_services

    class Killed(BaseException):
        pass

    def killed(self, *args, **kwargs):
        raise Killed

    monkeypatch.setattr(lms_services.EmailMultiAlternatives, "send", killed)
    with pytest.raises(Killed), django_capture_on_commit_callbacks(execute=True):
        email_certificate.delay(rendered.pk)
    monkeypatch.undo()
    assert len(mail.outbox) == 0
    # The dead worker's lease runs out; the sweepers find the e-mail and send it once.
    OutgoingEmail.objects.update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_certificates.delay().get()["emails"] == 0
        assert sweep_outbox.delay().get()["emails"] == 1
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


def test_the_sweeper_emails_a_certificate_whose_email_task_was_lost(
        rendered, django_capture_on_commit_callbacks):
    assert rendered.emailed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_certificates.delay().get() == {"enrollments": 0, "pdfs": 0, "emails": 1}
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_certificates.delay().get() == {"enrollments": 0, "pdfs": 0, "emails": 0}
    assert len(mail.outbox) == 1


def test_the_sweeper_does_not_email_before_the_pdf(completed_enrollment,
                                                   django_capture_on_commit_callbacks):
    services.certificate_issue(enrollment_id=completed_enrollment.pk)
    with django_capture_on_commit_callbacks(execute=False):
        counts = sweep_certificates.delay().get()
    assert counts["emails"] == 0 and counts["pdfs"] == 1
