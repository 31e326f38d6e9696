import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_python(code, **env):
    """Import settings in a clean process with exactly the given environment."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "CACHE_URL", "SANAD_",
                                  "EMAIL_URL"))}
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


# What a well-configured production has: each unsafe default replaced.
GOOD_PRODUCTION = {
    "DJANGO_SECRET_KEY": "k3y-" + "a9Zq!" * 12,
    "DJANGO_ALLOWED_HOSTS": "sanad.example.org",
    "DATABASE_URL": "postgres://sanad:s3cret@db.internal:5432/sanad",
    "CELERY_BROKER_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:p%40ss@mail.example.org:587",
    "SANAD_SITE_URL": "https://sanad.example.org",
    "CACHE_URL": "redis://cache.internal:6379/1",
}
START_PRODUCTION = ("import django, os; "
                    "os.environ['DJANGO_SETTINGS_MODULE']='lms.settings.production'; "
                    "django.setup(); print('started')")


def test_production_starts_with_safe_settings():
    result = _run_python(START_PRODUCTION, **GOOD_PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(("variable", "unsafe", "named", "accept"), [
    ("DATABASE_URL", None, "DATABASE_URL", "SANAD_ACCEPT_SQLITE"),
    ("DATABASE_URL", "sqlite:////var/lib/sanad/db.sqlite3", "DATABASE_URL",
     "SANAD_ACCEPT_SQLITE"),
    ("CELERY_BROKER_URL", None, "CELERY_BROKER_URL", "SANAD_ACCEPT_EAGER_TASKS"),
    ("EMAIL_URL", None, "EMAIL_URL", "SANAD_ACCEPT_CONSOLE_EMAIL"),
    ("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend", "EMAIL_URL",
     "SANAD_ACCEPT_CONSOLE_EMAIL"),
    ("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend", "EMAIL_URL",
     "SANAD_ACCEPT_CONSOLE_EMAIL"),
    ("SANAD_SITE_URL", None, "SANAD_SITE_URL", "SANAD_ACCEPT_INSECURE_SITE_URL"),
    ("SANAD_SITE_URL", "http://sanad.example.org", "SANAD_SITE_URL",
     "SANAD_ACCEPT_INSECURE_SITE_URL"),
    ("SANAD_SITE_URL", "https://localhost:8443", "SANAD_SITE_URL",
     "SANAD_ACCEPT_INSECURE_SITE_URL"),
    ("SANAD_SITE_URL", "https://127.0.0.1", "SANAD_SITE_URL",
     "SANAD_ACCEPT_INSECURE_SITE_URL"),
    ("CACHE_URL", None, "CACHE_URL", "SANAD_ACCEPT_DATABASE_CACHE"),
    ("CACHE_URL", "dbcache://sanad_cache", "CACHE_URL", "SANAD_ACCEPT_DATABASE_CACHE"),
])
def test_production_refuses_unsafe_setting_unless_accepted(variable, unsafe, named, accept):
    env = dict(GOOD_PRODUCTION)
    if unsafe is None:
        env.pop(variable)
    else:
        env[variable] = unsafe
    refused = _run_python(START_PRODUCTION, **env)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert named in refused.stderr and accept in refused.stderr
    assert "started" not in refused.stdout

    # "false" is not an acceptance; "true" is.
    still_refused = _run_python(START_PRODUCTION, **env, **{accept: "false"})
    assert still_refused.returncode != 0
    accepted = _run_python(START_PRODUCTION, **env, **{accept: "true"})
    assert accepted.returncode == 0, accepted.stderr
    assert "started" in accepted.stdout


def test_production_refuses_a_cache_of_its_own_process_even_when_accepted():
    """A memory cache per process would keep a removed role alive in the other ones."""
    env = {**GOOD_PRODUCTION, "CACHE_URL": "locmemcache://sanad",
           "SANAD_ACCEPT_DATABASE_CACHE": "true"}
    refused = _run_python(START_PRODUCTION, **env)
    assert refused.returncode != 0
    assert "CACHE_URL must be shared by every process" in refused.stderr


def test_seed_demo_refuses_with_production_settings(tmp_path):
    env = {**GOOD_PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
           "SANAD_ACCEPT_SQLITE": "true", "DJANGO_SETTINGS_MODULE": "lms.settings.production"}
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "SANAD_", "EMAIL_URL"))}
    clean.update(env)
    result = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=clean,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "refuses to run with production settings" in result.stderr
    assert "admin@sanad.example" not in result.stdout
    # Refused before anything was written: not a single table exists.
    database = tmp_path / "live.sqlite3"
    if database.exists():
        import sqlite3

        with sqlite3.connect(database) as connection:
            tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
        assert tables == []


def test_production_passes_deploy_checks():
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "SANAD_", "EMAIL_URL"))}
    clean.update(GOOD_PRODUCTION, DJANGO_SETTINGS_MODULE="lms.settings.production")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], cwd=ROOT, env=clean, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION_VALUES = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
    "'health': s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
    "'cache': s.CACHES['default']['BACKEND'], 'middleware': s.MIDDLEWARE, "
    "'visibility': s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
    "'time_limit': s.CELERY_TASK_TIME_LIMIT}))")


def _production_values(**env):
    import json

    result = _run_python(START_PRODUCTION + "; " + PRODUCTION_VALUES, **{**GOOD_PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_keeps_database_connections_with_health_checks():
    values = _production_values()
    assert values["conn_max_age"] == 60
    assert values["health"] is True
    values = _production_values(SANAD_CONN_MAX_AGE="0", SANAD_CONN_HEALTH_CHECKS="false")
    assert values["conn_max_age"] == 0
    assert values["health"] is False


def test_production_compresses_responses_after_whitenoise():
    middleware = _production_values()["middleware"]
    gzip = middleware.index("django.middleware.gzip.GZipMiddleware")
    assert gzip == middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
    # Before everything that writes the body, so what it writes is compressed.
    assert gzip < middleware.index("django.middleware.csrf.CsrfViewMiddleware")


def test_production_cache_is_redis_when_named():
    values = _production_values(CACHE_URL="redis://cache.internal:6379/1")
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_broker_hands_over_tasks_only_after_the_longest_one():
    values = _production_values()
    assert values["visibility"] > values["time_limit"]


@pytest.mark.django_db
def test_html_is_compressed_under_the_production_middleware(client, settings):
    settings.MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]
    response = client.get("/accounts/login/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


S3_STORAGES = (
    "from django.core.files.storage import storages; from lms.models import private_storage; "
    "import json; media, private = storages['default'], private_storage(); "
    "print(json.dumps({'media': type(media).__module__ + '.' + type(media).__name__, "
    "'private': type(private).__name__, 'private_bucket': private.bucket_name, "
    "'media_url': media.url('images/a.png'), "
    "'private_url': private.url('certificates/X.pdf')}))")


def test_buckets_put_media_and_private_files_in_object_storage():
    import json
    from urllib.parse import parse_qs, urlsplit

    result = _run_python(START_PRODUCTION + "; " + S3_STORAGES, **GOOD_PRODUCTION,
                         SANAD_S3_MEDIA_BUCKET="sanad-media", SANAD_S3_PRIVATE_BUCKET="sanad-private",
                         AWS_S3_ENDPOINT_URL="https://objects.example.org",
                         AWS_S3_REGION_NAME="eu-west-1", AWS_S3_ACCESS_KEY_ID="AKIAEXAMPLE",
                         AWS_S3_SECRET_ACCESS_KEY="secret-example")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.splitlines()[-1])
    assert values["media"] == "storages.backends.s3.S3Storage"
    assert values["private"] == "PrivateS3Storage"
    assert values["private_bucket"] == "sanad-private"
    # Course materials: a plain address. Private files: signed, for a minute.
    assert values["media_url"].startswith("https://objects.example.org/sanad-media/images/a.png")
    assert "Signature" not in values["media_url"]
    private = urlsplit(values["private_url"])
    assert private.path == "/sanad-private/certificates/X.pdf"
    query = parse_qs(private.query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query


def test_without_buckets_files_stay_in_their_folders():
    result = _run_python(START_PRODUCTION + "; " + S3_STORAGES.replace(
        "'private_bucket': private.bucket_name, ", "").replace(
        "'media_url': media.url('images/a.png'), ", "").replace(
        ", 'private_url': private.url('certificates/X.pdf')", ""), **GOOD_PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert '"media": "django.core.files.storage.filesystem.FileSystemStorage"' in result.stdout
    assert '"private": "PrivateStorage"' in result.stdout
