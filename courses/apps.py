from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Learning")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from . import receivers
        from .learning_requirements import register
        from .requirements import registry

        register(registry)

        from lms.indicators import registry as indicators

        from .indicators import register as register_indicators

        register_indicators(indicators)

        from lms.personal_data import registry as personal_data

        from .personal_data import contributor

        personal_data.register(contributor)
        from lms import access

        from . import access_rules

        # Who may see cohorts and enrollments is decided in lms.access; this layer
        # says what it knows about trainers, managers and trainees.
        access_rules.register(access.registry)
        # An invitation is honoured once the person proves the address is theirs.
        email_confirmed.connect(receivers.accept_cohort_invitations,
                                dispatch_uid="courses_accept_cohort_invitations")
        # The cohort workbook is built by lms's export jobs, which must not import us.
        from lms import exports as lms_exports

        from . import exports

        lms_exports.register(exports.MATRIX_XLSX, builder=exports.build_matrix_xlsx,
                             may_request=exports.may_export_matrix)
        from . import programme

        lms_exports.register(programme.REPORT_PDF, builder=programme.build_report_pdf,
                             may_request=programme.may_request_report)
        # What a trainee may do offline here, applied through our services.
        from lms.offline_writes import registry as offline_writes

        from .offline import register as register_offline_writes

        register_offline_writes(offline_writes)
