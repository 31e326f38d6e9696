from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Cadre, Consortium, ErasureRequest, Organisation, Site, User
from .roles import Role
from .services import audit_record


def give_coordinator_role(users, actor) -> None:
    """Someone made a coordinator of a consortium also gets the Coordinator role, so that
    an administrator does it in one step. The role is never taken away here: a person
    may coordinate another consortium."""
    group = Group.objects.get(name=Role.COORDINATOR)
    for user in users:
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            audit_record(actor=actor, action="user.role_given", target=user,
                         role=Role.COORDINATOR.value)


class CoordinatedConsortiaInline(admin.TabularInline):
    model = Consortium.coordinators.through
    fk_name = "user"
    extra = 0
    verbose_name = _("consortium coordinated")
    verbose_name_plural = _("coordinator of consortia")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "country", "is_active"]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name", "preferred_language", "country", "organisation",
                               "cadre", "sex"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"],
                             "fields": ["email", "full_name", "password1", "password2"]})]
    inlines = [CoordinatedConsortiaInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.coordinated_consortia.exists():
            give_coordinator_role([form.instance], request.user)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are made by the person and confirmed on the staff page,
    where the erasure service runs."""

    list_display = ["requested_at", "user", "status", "confirmed_by", "confirmed_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "country", "admin_area"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "admin_area", "organisation__name"]


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    filter_horizontal = ["members", "coordinators"]
    search_fields = ["name"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "coordinators":
            field.help_text = _("They see the members' aggregate figures, never a trainee's "
                                "record. Each is given the Coordinator role on saving.")
        return field

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        give_coordinator_role(form.instance.coordinators.all(), request.user)


@admin.register(Cadre)
class CadreAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    list_editable = ["position"]
