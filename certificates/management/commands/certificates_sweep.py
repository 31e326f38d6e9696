"""Queue certificates that were lost: completed enrollments without one, certificates
without their PDF, and certificate e-mails never queued. Beat runs the same sweep every
ten minutes."""

from django.core.management.base import BaseCommand

from certificates.tasks import sweep_certificates


class Command(BaseCommand):
    help = ("Queue issuing for completed enrollments without a certificate, missing PDFs "
            "and certificate e-mails never queued.")

    def handle(self, *args, **options):
        counts = sweep_certificates.apply().get()
        self.stdout.write(f"Queued {counts['enrollments']} certificates, "
                          f"{counts['pdfs']} PDFs and {counts['emails']} e-mails.")
