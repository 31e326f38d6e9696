import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_python(code, **env):
    """Import settings in a clean process with exactly the given environment."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "CACHE_URL"))}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=120)


def test_defaults_need_no_environment():
    result = _run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lms.settings.dev'; "
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE']); print(settings.MAILERS['default']['BACKEND']); "
        "print(settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    assert result.returncode == 0, result.stderr
    engine, email, eager = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert email == "django.core.mail.backends.console.EmailBackend"
    assert eager == "True"


def test_database_and_broker_urls_switch_backends():
    result = _run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='lms.settings.dev'; "
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE']); print(settings.CELERY_TASK_ALWAYS_EAGER); "
        "print(settings.CELERY_RESULT_BACKEND)",
        DATABASE_URL="postgres://u:p@db.internal:5432/sanad",
        CELERY_BROKER_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    engine, eager, backend = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert eager == "False"
    assert backend == "redis://cache.internal:6379/0"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "sanad.example.org"}
    env.pop(missing)
    result = _run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lms.settings.production'; "
        "django.setup()", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_passes_deploy_checks():
    env = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "k3y-" + "a9Zq!" * 12,
        "DJANGO_ALLOWED_HOSTS": "sanad.example.org",
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], cwd=ROOT, env=clean, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
