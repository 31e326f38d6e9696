"""Settings for the real worker processes of the worker tests: the test settings, with
e-mail written to files in a folder the test reads (another process's locmem outbox
cannot be read)."""

import os

from lms.settings.test import *  # noqa: F403

MAILERS = {"default": {
    "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    "OPTIONS": {"file_path": os.environ.get("SANAD_TEST_MAIL_DIR", "/tmp/sanad-test-mail")},
}}
