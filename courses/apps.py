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

        from lms import access

        from . import access_rules

        # Who may see cohorts and enrollments is decided in lms.access; this layer
        # says what it knows about trainers, managers and trainees.
        access_rules.register(access.registry)
        # An invitation is honoured once the person proves the address is theirs.
        email_confirmed.connect(receivers.accept_cohort_invitations,
                                dispatch_uid="courses_accept_cohort_invitations")
