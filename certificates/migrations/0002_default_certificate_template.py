"""Guarantee a default certificate template, so a course that chooses none still
gets a certificate (in tests and in a fresh production database alike)."""

from django.db import migrations


def create_default_template(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    CertificateTemplate = apps.get_model("content", "CertificateTemplate")
    if CertificateTemplate.objects.filter(is_default=True).exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code="en")
    CertificateTemplate.objects.create(
        locale=locale,
        name="Default certificate",
        title="Certificate of completion",
        body=("This certifies that {name} has successfully completed {course} on {date}, "
              "including {hours} hours of approved supervised practice."),
        issuing_organisation="Sanad",
        accent_colour="#0b6e4f",
        is_default=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("content", "0005_authoring_permissions_and_workflow"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_default_template, migrations.RunPython.noop)]
