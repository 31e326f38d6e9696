"""Production: every secret and host comes from the environment, or the process refuses to start."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MEDIA_STORAGE, env


def _required(name):
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def _refuse_unless_accepted(problem, accept_variable):
    """Refuse to start over an unsafe setting unless the operator accepted it by name."""
    if not env.bool(accept_variable, default=False):
        raise ImproperlyConfigured(f"{problem} Set {accept_variable}=true to accept this.")


DEBUG = False
# Commands that must never touch a live site (seed_demo) look for this.
SANAD_PRODUCTION = True
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]

# Rate limits, sessions, the roles of each user and the course routes need a cache that
# every web process and worker shares, and that answers faster than the database it
# saves queries on: Redis (CACHE_URL=redis://host:6379/1, a database apart from the
# broker's). A database cache table (`manage.py createcachetable`) turns each saved
# query into another query, and a per-process memory cache would keep a removed role
# alive in the other processes, so either is a choice the operator must name.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://sanad_cache")}
if not CACHES["default"]["BACKEND"].startswith(("django.core.cache.backends.redis",
                                                "django_redis")):
    _refuse_unless_accepted("CACHE_URL must name a Redis cache shared by every process (it is "
                            f"{CACHES['default']['BACKEND']}).", "SANAD_ACCEPT_DATABASE_CACHE")
    if "locmem" in CACHES["default"]["BACKEND"] or "dummy" in CACHES["default"]["BACKEND"]:
        raise ImproperlyConfigured("CACHE_URL must be shared by every process: Redis, or a "
                                   "database table (dbcache://sanad_cache).")

# A demo database, tasks run inside the web process, mail nobody receives and links to
# localhost in every QR code and credential are each a choice the operator must name.
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    _refuse_unless_accepted("DATABASE_URL must point at PostgreSQL in production.",
                            "SANAD_ACCEPT_SQLITE")
if not CELERY_BROKER_URL:  # noqa: F405
    _refuse_unless_accepted("CELERY_BROKER_URL is not set, so tasks would run inside the "
                            "web process.", "SANAD_ACCEPT_EAGER_TASKS")
_site = urlsplit(SITE_URL)  # noqa: F405
if (_site.scheme != "https" or not _site.hostname
        or _site.hostname in ("localhost", "127.0.0.1", "::1", "0.0.0.0")
        or _site.hostname.endswith(".localhost")):
    _refuse_unless_accepted("SANAD_SITE_URL must be the public https address of the site "
                            f"(it is {SITE_URL!r}).",  # noqa: F405
                            "SANAD_ACCEPT_INSECURE_SITE_URL")

_email = env.email("EMAIL_URL", default="smtp://localhost:25")
MAILERS = {
    "default": {
        "BACKEND": env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": _email["EMAIL_HOST"],
            "port": _email["EMAIL_PORT"],
            "username": _email["EMAIL_HOST_USER"],
            "password": _email["EMAIL_HOST_PASSWORD"],
            "use_tls": _email.get("EMAIL_USE_TLS", False),
            "use_ssl": _email.get("EMAIL_USE_SSL", False),
        },
    },
}
_UNREAL_EMAIL_BACKENDS = ("console", "locmem", "dummy", "filebased")
if not env("EMAIL_URL", default="") or any(
        part in MAILERS["default"]["BACKEND"] for part in _UNREAL_EMAIL_BACKENDS):
    _refuse_unless_accepted("EMAIL_URL must name a real mail server (and DJANGO_EMAIL_BACKEND "
                            "must not be the console, locmem, file or dummy backend).",
                            "SANAD_ACCEPT_CONSOLE_EMAIL")
WHITENOISE_USE_FINDERS = False

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Workers and production defaults (issue 15) ---------------------------------------
# A connection per web process kept for a minute instead of one per request (16 → 23
# requests/s measured); the health check replaces a connection the server dropped
# before a request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("SANAD_CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool(  # noqa: F405
    "SANAD_CONN_HEALTH_CHECKS", default=True)
# HTML, JSON and CSV compressed (a lesson page: 9 KB → 3.4 KB). BREACH, the attack on
# compressed secrets: Django masks the CSRF token anew in every response, and no page
# reflects what a visitor typed next to a secret. Static files come pre-compressed from
# WhiteNoise, which answers before this middleware runs.
MIDDLEWARE = list(MIDDLEWARE)  # noqa: F405
MIDDLEWARE.insert(MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
                  "django.middleware.gzip.GZipMiddleware")
# Static files without a hash in their name are cached a day; hashed ones forever.
WHITENOISE_MAX_AGE = env.int("SANAD_STATIC_MAX_AGE", default=24 * 60 * 60)
# --- end of issue 15 block -------------------------------------------------------------

LOGGING["root"]["level"] = env("DJANGO_LOG_LEVEL", default="INFO")  # noqa: F405
# Wagtail's live preview frames our own pages (X_FRAME_OPTIONS = SAMEORIGIN); other
# origins are still refused, so the check asking for DENY does not apply.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
