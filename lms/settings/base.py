"""Settings shared by every environment. Everything that differs comes from the environment.

With no environment at all Sanad runs on SQLite, prints e-mail to the console and runs
Celery tasks eagerly in the web process, so a fresh clone works with no services.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env("SANAD_SITE_URL", default="http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps, in layer order: a lower one never imports a higher one.
    "lms",
    "content",
    "courses",
    "supervision",
    "certificates",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.apps.SanadWagtailUsersConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_countries",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Reads asked for several times while one page is built are made once (lms.memo).
    "lms.memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.csp.ContentSecurityPolicyMiddleware",  # Django's, relaxed for the admins
    "allauth.account.middleware.AccountMiddleware",
    # Whose page this is, for the service worker's per-person caches (lms.offline).
    "lms.offline.OfflineKeyMiddleware",
    # Staff: a second factor before anything opens, and idle sessions end.
    "lms.middleware.StaffMfaRequiredMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "content.routing.CachedSiteMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.navigation",
                "supervision.context_processors.queue_count",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite, the zero-setup default, must take concurrent writes (five trainees submitting a
# post-test at once): WAL lets readers go on while one writes; IMMEDIATE takes the write
# lock when a transaction begins, so two transactions never both read and then fail to
# upgrade ("database is locked" comes back at once then, the timeout does not help); and
# a writer waits up to `timeout` seconds for the lock instead of failing.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL full-text search there.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://sanad")}

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the login, verification is mandatory, rate limits are on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "lms.forms.SignupForm"
ACCOUNT_FORMS = {"login": "lms.account_forms.LoginForm"}
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
# How many reverse proxies (nginx, a load balancer) sit in front of Sanad, each adding
# to X-Forwarded-For. Every rate limit counts the client address this implies
# (lms/client.py); 0 trusts no header and counts REMOTE_ADDR. Set too high, clients
# choose the address they are counted as; too low, everyone shares the proxy's.
SANAD_TRUSTED_PROXY_COUNT = env.int("SANAD_TRUSTED_PROXY_COUNT", default=0)
# allauth reads its own setting where it does not ask our adapter (lms/adapters.py).
ALLAUTH_TRUSTED_PROXY_COUNT = SANAD_TRUSTED_PROXY_COUNT
# A training room shares one address (one NAT, one venue Wi-Fi): limits per address are
# sized for a room of thirty, and the strict limit is per e-mail address ("key"), so
# guessing one person's password stays slow while the room can still log in. Addresses
# are counted behind the trusted proxies (SANAD_TRUSTED_PROXY_COUNT above).
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "30/5m/ip,5/5m/key",
    "signup": "60/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Sanad] "
# Sign-up is open to trainees; an organisation that only enrols by invitation closes it.
SANAD_SIGNUP_OPEN = env.bool("SANAD_SIGNUP_OPEN", default=True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sanad"
# Staff accounts (every role but trainee, and administrators) must have a second factor
# before any page opens (lms.middleware); trainees may add one.
SANAD_STAFF_MFA_REQUIRED = env.bool("SANAD_STAFF_MFA_REQUIRED", default=True)
# A staff session not used for this long is signed out on its next request.
SANAD_STAFF_SESSION_IDLE_MINUTES = env.int("SANAD_STAFF_SESSION_IDLE_MINUTES", default=480)
# allauth.usersessions lists a person's sessions and signs out the others. It records a
# session at log-in; tracking every request would write a row per page view.
USERSESSIONS_TRACK_ACTIVITY = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One readable date format per language (see lms/formats).
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
# Serve straight from the apps in development and tests; production collects them.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("SANAD_MEDIA_ROOT", default=BASE_DIR / "media")
# Several web machines share files through an object store (django-storages; AWS S3 or
# any S3-compatible store such as MinIO, Ceph or Garage): naming a bucket is enough.
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
AWS_S3_ACCESS_KEY_ID = env("AWS_S3_ACCESS_KEY_ID", default=None)
AWS_S3_SECRET_ACCESS_KEY = env("AWS_S3_SECRET_ACCESS_KEY", default=None)
# Signature version 4: what every current S3-compatible store accepts for signed URLs.
AWS_S3_SIGNATURE_VERSION = env("AWS_S3_SIGNATURE_VERSION", default="s3v4")
SANAD_S3_MEDIA_BUCKET = env("SANAD_S3_MEDIA_BUCKET", default="")
SANAD_S3_PRIVATE_BUCKET = env("SANAD_S3_PRIVATE_BUCKET", default="")
if SANAD_S3_MEDIA_BUCKET:
    # Course materials are public by design: plain URLs, cacheable by browsers.
    MEDIA_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": SANAD_S3_MEDIA_BUCKET, "querystring_auth": False,
        "file_overwrite": False, "custom_domain": env("SANAD_S3_MEDIA_DOMAIN", default=None)}}
else:
    # Media go to the local folder unless a deployment names another storage backend.
    MEDIA_STORAGE = {"BACKEND": env("SANAD_MEDIA_STORAGE",
                                    default="django.core.files.storage.FileSystemStorage")}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Files only their owner may download (exports, certificate PDFs): outside MEDIA_ROOT,
# never served by URL. Read through `lms.files.private_file_response` after an access check.
SANAD_PRIVATE_ROOT = env.path("SANAD_PRIVATE_ROOT", default=BASE_DIR / "private")
# A storage class for them; a remote one (S3 through django-storages, with signed URLs
# that expire within a minute) is answered with a redirect to a fresh signed URL.
SANAD_PRIVATE_STORAGE = env("SANAD_PRIVATE_STORAGE", default=(
    "lms.storage.PrivateS3Storage" if SANAD_S3_PRIVATE_BUCKET else "lms.models.PrivateStorage"))
# "" streams the file from Python; "x-accel-redirect" (nginx) or "x-sendfile" (Apache)
# hands it to the web server, which serves SANAD_PRIVATE_ROOT only to such a header.
SANAD_PRIVATE_SENDFILE = env("SANAD_PRIVATE_SENDFILE", default="")
if SANAD_PRIVATE_SENDFILE not in ("", "x-accel-redirect", "x-sendfile"):
    # A typo would otherwise surface as a broken download, not at start-up.
    raise ImproperlyConfigured("SANAD_PRIVATE_SENDFILE must be empty, x-accel-redirect or "
                               f"x-sendfile, not {SANAD_PRIVATE_SENDFILE!r}.")
# The nginx `internal` location mapped onto SANAD_PRIVATE_ROOT (x-accel-redirect only).
SANAD_PRIVATE_SENDFILE_PREFIX = env("SANAD_PRIVATE_SENDFILE_PREFIX", default="/_private/")

MAILERS = {
    "default": {"BACKEND": env("DJANGO_EMAIL_BACKEND",
                               default="django.core.mail.backends.console.EmailBackend")},
}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Sanad <no-reply@sanad.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND",
    default=(CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else "rpc://")
    if CELERY_BROKER_URL else None,
)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {}
# Supervision: once a day, e-mail supervisors the entries waiting more than 3 days.
CELERY_BEAT_SCHEDULE["supervision-digest"] = {
    "task": "supervision.tasks.send_supervision_digests",
    "schedule": 24 * 60 * 60,
}
# Certificates: every hour, queue what was lost (completed without a certificate, or a
# certificate without its PDF).
CELERY_BEAT_SCHEDULE["certificates-sweep"] = {
    "task": "certificates.tasks.sweep_certificates",
    "schedule": 60 * 60,
}
# One-time form tokens: once a day, forget the claims older than a day.
CELERY_BEAT_SCHEDULE["lms-purge-submission-tokens"] = {
    "task": "lms.tasks.purge_submission_tokens",
    "schedule": 24 * 60 * 60,
}
CELERY_BEAT_SCHEDULE["lms-purge-offline-writes"] = {
    "task": "lms.tasks.purge_offline_writes",
    "schedule": 24 * 60 * 60,
}
# Export files hold other people's data: once a day, delete those older than a week.
CELERY_BEAT_SCHEDULE["lms-delete-expired-exports"] = {
    "task": "lms.tasks.delete_expired_exports",
    "schedule": 24 * 60 * 60,
}
# Workers and production defaults (issue 15) ---------------------------------------
# Every e-mail goes through an outbox row claimed with a lease; a lease that runs out
# means its worker died and the sweeper sends the message again.
SANAD_EMAIL_LEASE_SECONDS = env.int("SANAD_EMAIL_LEASE_SECONDS", default=300)
# Issue, render and e-mail each have a queue, so an e-mail never waits behind a backlog
# of PDFs; a small deployment runs one worker on all of them (SANAD_WORKER_QUEUES).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "certificates.tasks.issue_certificate": {"queue": "issue"},
    "certificates.tasks.render_certificate": {"queue": "render"},
    "certificates.tasks.email_certificate": {"queue": "email"},
    "lms.tasks.send_outgoing_email": {"queue": "email"},
    "courses.tasks.send_cohort_invitation": {"queue": "email"},
    "supervision.tasks.*": {"queue": "email"},
}
SANAD_WORKER_QUEUES = "celery,issue,render,email"
# Redis hands a task nobody acknowledged to another worker after this long: more than
# the hard time limit (300 s) and the longest retry countdown (600 s), or a slow task
# or a waiting retry would run twice; a dead worker's tasks come back after it, and the
# sweepers below catch anything sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int(
    "CELERY_VISIBILITY_TIMEOUT", default=900)}
CELERY_BEAT_SCHEDULE["certificates-sweep"]["schedule"] = 10 * 60
CELERY_BEAT_SCHEDULE["lms-sweep-outbox"] = {
    "task": "lms.tasks.sweep_outbox",
    "schedule": 5 * 60,
}
# --- end of issue 15 block -------------------------------------------------------------
# Open Badges: the Ed25519 private key (PEM; "\n" escapes allowed) that signs credentials,
# or a file holding it. `manage.py certificates_create_key` makes one for development.
SANAD_OB_SIGNING_KEY = env("SANAD_OB_SIGNING_KEY", default="")
SANAD_OB_SIGNING_KEY_FILE = env("SANAD_OB_SIGNING_KEY_FILE", default="")
# Certificate verification lookups allowed per client IP and minute.
SANAD_VERIFY_RATE_PER_MINUTE = env.int("SANAD_VERIFY_RATE_PER_MINUTE", default=30)

# Wagtail
WAGTAIL_SITE_NAME = "Sanad"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "xlsx", "csv", "txt", "mp3", "ogg", "m4a"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
# No Gravatar: the admin would send a hash of each staff e-mail address to a third party
# (and the policy below would have to let its images in).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Passwords are reset and changed through allauth only (rate limits, notifications,
# other sessions signed out); Wagtail's own forms would go around that.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Content Security Policy (Django's built-in), enforced on every page. Our pages load no
# inline script or style; lesson videos are framed from YouTube (no-cookie) and Vimeo.
# Browsers report what it blocks to /csp-report/ (lms/csp.py), logged as `sanad.csp`.
# report-uri only: Chromium ignores report-uri once the policy names a report-to group,
# and its Reporting API delivered nothing within 100 s in our checks, while report-uri
# reached the endpoint at once (and is what Firefox and Safari send to). The endpoint
# already reads the Reporting API's format, should report-to be added later.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com",
                  "https://player.vimeo.com"],
    "style-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "report-uri": "/csp-report/",
}
# The Wagtail admin (/cms/) only, set by path in lms/csp.py (the Django admin needs
# nothing more than SECURE_CSP): its date pickers are inline scripts, its StreamField and rich-text editors
# insert inline scripts and styles, its live preview frames our own pages, and image
# uploads show blob: previews. Checked in Chromium on Wagtail 8.0 (tests/e2e/test_csp.py).
SANAD_CSP_ADMIN = {
    **SECURE_CSP,
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF, *SECURE_CSP["frame-src"]],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}
# Reports accepted per client address and minute; more are refused unlogged.
SANAD_CSP_REPORTS_PER_MINUTE = env.int("SANAD_CSP_REPORTS_PER_MINUTE", default=60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Wagtail's live preview shows the page in an iframe of the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
