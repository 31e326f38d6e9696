"""The benchmark's data and the benchmark itself, at a size a test can afford."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from certificates.models import Certificate
from courses.models import Cohort, Enrollment
from lms.models import User
from supervision.models import PracticeEntry, ReviewEvent

pytestmark = pytest.mark.django_db


def test_seed_scale_builds_a_programme_and_the_benchmark_reads_it(capsys):
    call_command("seed_scale", trainees=30)
    out = capsys.readouterr().out
    assert "30 trainees" in out
    trainees = User.objects.filter(email__startswith="trainee.", email__endswith="@scale.sanad.example")
    assert trainees.count() == 30
    cohort = Cohort.objects.get(name="Scale cohort 001")
    assert cohort.enrollments.count() == 30
    assert cohort.trainers.filter(email="trainer@sanad.example").exists()
    assert cohort.supervisors.filter(email="supervisor@sanad.example").exists()
    completed = Enrollment.objects.filter(trainee__in=trainees, status="completed")
    assert Certificate.objects.filter(enrollment__in=completed).count() == completed.count() > 0
    entries = PracticeEntry.objects.filter(enrollment__trainee__in=trainees)
    assert entries.count() >= 30 * 4
    assert ReviewEvent.objects.filter(entry__in=entries).count() >= entries.exclude(
        state="draft").count()
    # Staff pages open only after a second factor: seeded staff have one, trainees not.
    staff = User.objects.filter(email__endswith="@scale.sanad.example").exclude(
        email__startswith="trainee.")
    assert staff.exists()
    assert not staff.filter(authenticator__isnull=True).exists()
    assert not Authenticator.objects.filter(user__in=trainees).exists()
    # A second run would duplicate people: it refuses.
    with pytest.raises(CommandError, match="already"):
        call_command("seed_scale", trainees=30)

    call_command("benchmark", requests=1, pdf=1)
    out = capsys.readouterr().out
    assert "cohort CSV (30 trainees)" in out
    assert "certificate PDF" in out
    page_lines = [line for line in out.splitlines()
                  if line.startswith(("trainee ", "supervisor ", "trainer ", "manager "))]
    assert len(page_lines) >= 10
    for line in page_lines:
        assert line.split()[-4] == "200", line


@pytest.mark.skipif(connection.vendor == "sqlite",
                    reason="the live server's threads would share one in-memory SQLite "
                           "connection; CI runs this on PostgreSQL")
# serialized_rollback: its flush must leave the migrations' data (the site, the
# groups) for the tests that run next in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_load_generator_signs_every_role_in_and_gets_their_pages(live_server, capsys):
    call_command("seed_scale", trainees=12)
    capsys.readouterr()
    call_command("benchmark", requests=1, pdf=0, server=live_server.url, users=8, seconds=3,
                 think=0.2)
    out = capsys.readouterr().out.split("load on ", 1)[1]
    assert ", 0 errors" in out.splitlines()[0], out
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    # Each role's pages were asked for, each answered 200 every time.
    assert {row[0] for row in rows} == {"trainee", "supervisor", "trainer", "manager"}
    assert all(int(row[-4]) > 0 and row[-1] == "0" for row in rows), out


def test_seed_scale_and_benchmark_refuse_with_production_settings(settings):
    settings.SANAD_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_scale", trainees=5)
    with pytest.raises(CommandError, match="production"):
        call_command("benchmark")
    assert not User.objects.filter(email__endswith="@scale.sanad.example").exists()
