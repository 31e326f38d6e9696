from django.db import migrations, models


def allocate_indexes(apps, schema_editor):
    # Certificates issued before status lists existed take their id as their index.
    # (New ones now get a random index: services.certificate_status_list_index.)
    Certificate = apps.get_model("certificates", "Certificate")
    Certificate.objects.filter(status_list_index__isnull=True).update(
        status_list_index=models.F("pk"))


class Migration(migrations.Migration):

    dependencies = [
        ("certificates", "0002_default_certificate_template"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_list_index",
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True,
                                                 unique=True,
                                                 verbose_name="status list index"),
        ),
        migrations.RunPython(allocate_indexes, migrations.RunPython.noop),
    ]
