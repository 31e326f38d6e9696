from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervised practice")

    def ready(self):
        # Practice hours, supervision hours and competency levels gate completion
        # through the courses registry, so courses never imports this layer.
        from courses.panels import registry as panels
        from courses.requirements import registry

        from .panels import panel
        from .requirements import register

        register(registry)

        from lms.indicators import registry as indicators

        from .indicators import register as register_indicators

        # Practice, supervision, competence and supervisor load, for the programme pages.
        register_indicators(indicators)

        from courses.programme import register_four_w

        from .indicators import four_w_supervision

        register_four_w(four_w_supervision)

        from lms.personal_data import registry as personal_data

        from .personal_data import contributor

        personal_data.register(contributor)
        from lms import access

        from . import access_rules

        # Supervisors read and review the practice of the trainees they supervise.
        access_rules.register(access.registry)
        # My learning shows who supervises each enrollment, or how to ask for someone.
        panels.register(panel)
        # What a trainee or supervisor may write offline, applied through our services.
        from lms.offline_writes import registry as offline_writes

        from .offline import register as register_offline_writes

        register_offline_writes(offline_writes)
