"""Trainers and lead trainers author competency tools and role-play scenarios, as they
already do competencies (with their harmful behaviours, edited inside the competency)."""

from django.db import migrations

AUTHORING_GROUPS = ("Trainer", "Lead trainer")
MODELS = {"competencytool": "competency tool", "roleplayscenario": "role-play scenario"}
ACTIONS = ("add", "change", "view")


def grant_tool_authoring(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, label in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="content", model=model)
        permissions += [Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {label}"})[0] for action in ACTIONS]
    for group in Group.objects.filter(name__in=AUTHORING_GROUPS):
        group.permissions.add(*permissions)


def revoke_tool_authoring(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="content",
                                            content_type__model__in=list(MODELS))
    for group in Group.objects.filter(name__in=AUTHORING_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("content", "0009_translatable_snippets_and_competency_tools")]

    operations = [migrations.RunPython(grant_tool_authoring, revoke_tool_authoring)]
