from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.requirements import registry
        from courses.signals import enrollment_completed

        from .requirements import CertificateRequirement
        from .signals import queue_certificate

        # The learner layer announces completion; this layer answers with a certificate.
        enrollment_completed.connect(queue_certificate, dispatch_uid="certificates.issue")
        # An informational checklist line: issued and valid until..., or refresher due.
        registry.register(CertificateRequirement())

        from lms.indicators import registry as indicators

        from .indicators import register as register_indicators

        # Certification for the programme pages, which only iterate the registry.
        register_indicators(indicators)

        from lms.personal_data import registry as personal_data

        from .personal_data import contributor

        # A person's data: their certificates in the download, the name off on erasure.
        personal_data.register(contributor)
        from lms import access

        from . import access_rules

        # Holders see their certificates; managers and permitted trainers manage them.
        access_rules.register(access.registry)

        from content.models import CertificateTemplate

        from .forms_admin import CertificateTemplateForm

        # Authors learn about an unknown placeholder when they save, not when a trainee
        # completes: Wagtail's snippet editor builds its form from this attribute.
        if not hasattr(CertificateTemplate, "base_form_class"):
            CertificateTemplate.base_form_class = CertificateTemplateForm
