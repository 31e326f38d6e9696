"""The bulk-issue benchmark runs a cohort's "Issue all" through real workers and cleans
up after itself. Runs only with a Redis broker on PostgreSQL (CI's second pass)."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from certificates.models import Certificate
from courses.models import Cohort
from lms.models import OutgoingEmail, User
from tests.certificates.test_worker import _database_url
from tests.certificates.test_worker_kill import ROOT, Deployment, _own_redis_database
from tests.factories import CoursePageFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bulk_issue_through_two_workers_issues_renders_and_sends_every_certificate(
        superuser, tmp_path):
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("needs PostgreSQL and a Redis broker shared with real workers")
    import redis

    # A broker database of its own, so no other test's worker takes these tasks; the
    # command runs in a process of its own, as an operator runs it, so that it and the
    # workers it starts share that broker and the test database.
    broker_url = _own_redis_database(settings.CELERY_BROKER_URL, offset=2)
    redis.Redis.from_url(broker_url).flushdb()
    env = Deployment(broker_url, tmp_path / "mail").env
    assert env["DATABASE_URL"] == _database_url()
    CoursePageFactory(certificate_validity_months=24)
    connection.close()  # the processes must see committed rows
    out = subprocess.run(
        [sys.executable, "manage.py", "certificates_benchmark", "--workers", "2", "--count", "6"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600).stdout
    assert "6 queued, 6 certificates with their PDF and 6 e-mails sent" in out, out
    assert "with 2 workers" in out
    # Its people, cohort, certificates and e-mails are gone again.
    assert not User.objects.filter(email__endswith="bulk-issue.bench.invalid").exists()
    assert not Cohort.objects.filter(name="Bulk issue benchmark").exists()
    assert not Certificate.objects.exists() and not OutgoingEmail.objects.exists()
