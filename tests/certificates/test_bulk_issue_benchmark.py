"""The bulk-issue benchmark runs a cohort's "Issue all" through real workers and cleans
up after itself. Runs only with a Redis broker on PostgreSQL (CI's second pass)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from certificates.models import Certificate
from courses.models import Cohort
from lms.models import OutgoingEmail, User
from tests.certificates.test_worker_kill import _own_redis_database
from tests.factories import CoursePageFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bulk_issue_through_two_workers_issues_renders_and_sends_every_certificate(
        capsys, superuser, monkeypatch):
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("needs PostgreSQL and a Redis broker shared with real workers")
    import redis

    # A broker database of its own, so no other test's worker takes these tasks.
    broker_url = _own_redis_database(_own_redis_database(settings.CELERY_BROKER_URL))
    redis.Redis.from_url(broker_url).flushdb()
    monkeypatch.setenv("CELERY_BROKER_URL", broker_url)
    monkeypatch.setenv("CELERY_RESULT_BACKEND", broker_url)
    from lms.celery import app

    monkeypatch.setattr(app.conf, "broker_url", broker_url)
    monkeypatch.setattr(app.conf, "result_backend", broker_url)
    CoursePageFactory(certificate_validity_months=24)
    connection.close()  # the workers must see committed rows
    call_command("certificates_benchmark", workers=2, count=6)
    out = capsys.readouterr().out
    assert "6 queued, 6 certificates with their PDF and 6 e-mails sent" in out, out
    assert "with 2 workers" in out
    # Its people, cohort, certificates and e-mails are gone again.
    assert not User.objects.filter(email__endswith="bulk-issue.bench.invalid").exists()
    assert not Cohort.objects.filter(name="Bulk issue benchmark").exists()
    assert not Certificate.objects.exists() and not OutgoingEmail.objects.exists()
