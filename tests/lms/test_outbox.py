"""The outbox: every e-mail is a row first, claimed with a lease, then marked sent."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from lms import services
from lms.models import OutgoingEmail
from lms.tasks import send_outgoing_email, sweep_outbox

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What a kill -9 looks like to the code it interrupts: nothing after it runs, not
    even an `except Exception`."""


def _enqueue(key="test:1", **kwargs):
    return services.email_enqueue(key=key, to="layla@example.org", subject="Hello",
                                  text="Body", **kwargs)


def test_enqueue_is_idempotent_by_key(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = _enqueue()
        again, created_again = _enqueue()
    assert created and not created_again
    assert first.pk == again.pk
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert first.status == OutgoingEmail.Status.SENT and first.sent_at and first.attempts == 1


def test_enqueue_sends_nothing_until_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _enqueue()
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1


def test_a_message_carries_html_and_headers(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _enqueue(html="<p>Body</p>", headers={"X-Sanad": "1"})
    message = mail.outbox[0]
    assert message.to == ["layla@example.org"]
    assert message.alternatives[0].content == "<p>Body</p>"
    assert message.extra_headers["X-Sanad"] == "1"


def test_a_sent_email_is_not_sent_again():
    email, _ = _enqueue()
    assert services.email_send(email_id=email.pk) is True
    assert services.email_send(email_id=email.pk) is False
    assert send_outgoing_email.delay(email.pk).get() is False
    assert len(mail.outbox) == 1


def test_a_held_lease_keeps_others_out_until_it_runs_out():
    email, _ = _enqueue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENDING,
        lease_until=timezone.now() + datetime.timedelta(minutes=5))
    assert services.email_send(email_id=email.pk) is False
    assert len(mail.outbox) == 0
    OutgoingEmail.objects.filter(pk=email.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1))
    assert services.email_send(email_id=email.pk) is True
    assert len(mail.outbox) == 1


def test_a_failure_puts_the_email_back_in_the_queue(monkeypatch):
    email, _ = _enqueue()

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", refuse)
    with pytest.raises(ConnectionRefusedError):
        services.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.lease_until is None
    assert "mail server down" in email.last_error
    monkeypatch.undo()
    assert services.email_send(email_id=email.pk) is True
    email.refresh_from_db()
    assert email.attempts == 2 and email.status == OutgoingEmail.Status.SENT


def test_a_worker_killed_while_sending_loses_nothing(monkeypatch,
                                                     django_capture_on_commit_callbacks):
    email, _ = _enqueue()

    def killed(self, *args, **kwargs):
        raise WorkerKilled

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", killed)
    with pytest.raises(WorkerKilled):
        services.email_send(email_id=email.pk)
    monkeypatch.undo()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENDING  # the dead worker's claim
    # Before the lease runs out the sweeper leaves it alone...
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_outbox.delay().get()["emails"] == 0
    assert len(mail.outbox) == 0
    # ...after, it sends it, once.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_outbox.delay().get()["emails"] == 1
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_outbox.delay().get()["emails"] == 0
    assert len(mail.outbox) == 1


def test_the_sweeper_sends_a_queued_email_whose_task_was_lost(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email, _ = _enqueue()  # its send task is dropped with the callbacks
    # Just queued: its task may still be on the way.
    assert sweep_outbox.delay().get()["emails"] == 0
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - services.email_lease() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_outbox.delay().get()["emails"] == 1
    assert len(mail.outbox) == 1


def test_the_sweeper_gives_up_on_a_message_refused_every_time(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email, _ = _enqueue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - services.email_lease() - datetime.timedelta(seconds=1),
        attempts=services.EMAIL_MAX_ATTEMPTS)
    assert not services.emails_to_sweep().exists()
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=services.EMAIL_MAX_ATTEMPTS - 1)
    assert list(services.emails_to_sweep()) == [email]


def test_the_sweeper_forgets_emails_sent_long_ago():
    old, _ = _enqueue("test:old")
    recent, _ = _enqueue("test:recent")
    services.email_send(email_id=old.pk)
    services.email_send(email_id=recent.pk)
    OutgoingEmail.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=31))
    assert sweep_outbox.delay().get()["forgotten"] == 1
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["test:recent"]


def test_the_sweeper_requeues_a_stale_export(trainee):
    from lms.models import ExportFile

    stale = ExportFile.objects.create(requested_by=trainee, kind="nothing-registered")
    fresh = ExportFile.objects.create(requested_by=trainee, kind="nothing-registered")
    ExportFile.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1))
    from lms.exports import exports_to_sweep

    assert list(exports_to_sweep()) == [stale]
    assert fresh not in exports_to_sweep()


def test_beat_runs_the_outbox_sweeper(settings):
    assert settings.CELERY_BEAT_SCHEDULE["lms-sweep-outbox"]["task"] == "lms.tasks.sweep_outbox"


def test_queues_and_visibility_timeout(settings):
    routes = settings.CELERY_TASK_ROUTES
    assert routes["certificates.tasks.issue_certificate"]["queue"] == "issue"
    assert routes["certificates.tasks.render_certificate"]["queue"] == "render"
    assert routes["certificates.tasks.email_certificate"]["queue"] == "email"
    assert routes["lms.tasks.send_outgoing_email"]["queue"] == "email"
    queues = set(settings.SANAD_WORKER_QUEUES.split(","))
    assert {route["queue"] for route in routes.values()} | {"celery"} <= queues
    # A task still running (or waiting to retry) must not be handed to a second worker.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > max(
        settings.CELERY_TASK_TIME_LIMIT, 600)
    assert settings.SANAD_EMAIL_LEASE_SECONDS >= 60


def test_routes_resolve_to_the_queues():
    from lms.celery import app

    router = app.amqp.router
    assert router.route({}, "certificates.tasks.render_certificate")["queue"].name == "render"
    assert router.route({}, "supervision.tasks.send_supervision_digests")["queue"].name == "email"
    assert router.route({}, "lms.tasks.ping")["queue"].name == "celery"
