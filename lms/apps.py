from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    # Chosen for "lms" although this module holds another app's config too.
    default = True
    name = "lms"
    verbose_name = _("People and organisations")

    def ready(self):
        from django.db.models import Field, ForeignObject, Q

        from . import access, exports
        from .lookups import AnyOf
        from .models import ErasureRequest, ExportFile
        from .personal_data import profile_contributor, registry

        # Related fields keep lookups of their own (RelatedIn…), so both are told.
        Field.register_lookup(AnyOf)
        ForeignObject.register_lookup(AnyOf)
        # Each layer registers its part of a person's data; the profile is this one's.
        registry.register(profile_contributor)
        exports.connect_signals()
        # Staff sessions start active and with their second factor found (lms.middleware).
        from django.contrib.auth.signals import user_logged_in

        from .middleware import start_staff_session

        user_logged_in.connect(start_staff_session, dispatch_uid="lms.start_staff_session")
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, pre_delete

        from .roles import forget_roles, forget_roles_of_group

        # Roles are cached between requests; a change of groups takes effect at once.
        m2m_changed.connect(forget_roles, sender=get_user_model().groups.through,
                            dispatch_uid="lms.forget_roles")
        pre_delete.connect(forget_roles_of_group, sender=Group,
                           dispatch_uid="lms.forget_roles_of_group")
        # An export holds what its requester was allowed to see then, so it is theirs
        # alone: personal, which keeps even superusers out.
        access.define("export.download", ExportFile, personal=True)
        access.grant("export.download", "requester", lambda user: Q(requested_by_id=user.pk))
        # Confirming an erasure has no grants: administrators only.
        access.define("erasure.confirm", ErasureRequest)
        # Every app's urls.py says <id:pk> for object ids; the converter must exist
        # before the first URLconf is imported, which happens after all apps are ready.
        from django.urls import converters, register_converter

        from .converters import IdConverter

        if "id" not in converters.get_converters():
            register_converter(IdConverter, "id")


class SanadWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the forms of Sanad's user model."""

    user_viewset = "lms.wagtail_users.SanadUserViewSet"
