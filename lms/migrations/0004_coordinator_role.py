from django.db import migrations

COORDINATOR = "Coordinator"


def create_role(apps, schema_editor):
    # No permissions: a coordinator never reaches the CMS nor any individual record.
    apps.get_model("auth", "Group").objects.get_or_create(name=COORDINATOR)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COORDINATOR).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0003_audit_event"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
