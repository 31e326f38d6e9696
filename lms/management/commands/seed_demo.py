from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the demo: people, organisations and, from every app that has a `demo` module, "
        "its own demo data. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        # The demo creates an administrator whose password is printed in the README.
        if getattr(settings, "SANAD_PRODUCTION", False):
            raise CommandError(
                "seed_demo refuses to run with production settings: it creates an "
                "administrator with the published demo password.")
        # Demo people are not real: keep what the demo would e-mail them (invitations,
        # certificates) in memory instead of printing it over the logins.
        with override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        ):
            self._seed()
        from lms.demo import print_logins

        print_logins(self.stdout)

    def _seed(self):
        # Each app seeds its own layer, in INSTALLED_APPS order (lms, content, courses, ...),
        # found the way Django finds admin modules, so lms never imports a higher layer.
        for config in apps.get_app_configs():
            if config.name.startswith(("django.", "wagtail", "allauth", "modelcluster", "taggit")):
                continue
            if module_has_submodule(config.module, "demo"):
                with transaction.atomic():
                    import_module(f"{config.name}.demo").seed(stdout=self.stdout)
