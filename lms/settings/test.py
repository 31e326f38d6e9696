from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = env.path("SANAD_MEDIA_ROOT", default=BASE_DIR / "test-artifacts" / "media")
SANAD_PRIVATE_ROOT = env.path("SANAD_PRIVATE_ROOT",
                              default=BASE_DIR / "test-artifacts" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
