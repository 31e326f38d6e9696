from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Print the demo staff's current authenticator code (the secret seed_demo gives "
            "them), for trying the demo without an authenticator app.")

    def handle(self, *args, **options):
        if getattr(settings, "SANAD_PRODUCTION", False):
            raise CommandError("demo_code refuses to run with production settings.")
        from lms.demo import DEMO_TOTP_SECRET, demo_code

        self.stdout.write(demo_code())
        self.stdout.write(f"(secret {DEMO_TOTP_SECRET}; a new code every 30 seconds)",
                          style_func=self.style.NOTICE)
