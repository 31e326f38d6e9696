from django.core.management.base import BaseCommand

from supervision.tasks import send_supervision_digests


class Command(BaseCommand):
    help = ("E-mail each supervisor a digest of the practice entries that have waited for "
            "their review more than three days. At most one digest per supervisor a day.")

    def handle(self, *args, **options):
        sent = send_supervision_digests()
        self.stdout.write(f"Digests sent: {sent}")
