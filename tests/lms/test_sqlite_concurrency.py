"""SQLite, the zero-setup default, takes concurrent writes: WAL journal, immediate
transactions and a busy timeout, so five simultaneous post-test submissions are five
attempts and not "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_options_in_settings():
    from lms.settings import base

    options = base.SQLITE_OPTIONS
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert "PRAGMA synchronous=NORMAL" in options["init_command"]
    assert options["timeout"] >= 5
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_five_simultaneous_post_test_submissions_on_a_sqlite_file(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'sanad.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "lms.settings.test", "CELERY_BROKER_URL": ""}
    run = subprocess.run([sys.executable, "-m", "tests.lms.sqlite_writers"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert "database is locked" not in run.stderr
    assert outcome["errors"] == []
    assert outcome["journal_mode"] == "wal"
    assert outcome["statuses"] == [302] * 5
    assert outcome["attempts"] == 5
