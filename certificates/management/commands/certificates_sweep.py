"""Queue certificates that were lost: completed enrollments without one, and
certificates without their PDF. Beat runs the same sweep every hour."""

from django.core.management.base import BaseCommand

from certificates.tasks import sweep_certificates


class Command(BaseCommand):
    help = "Queue issuing for completed enrollments without a certificate, and missing PDFs."

    def handle(self, *args, **options):
        counts = sweep_certificates.apply().get()
        self.stdout.write(f"Queued {counts['enrollments']} certificates and "
                          f"{counts['pdfs']} PDFs.")
