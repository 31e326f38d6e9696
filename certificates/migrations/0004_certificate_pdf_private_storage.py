import logging

from django.core.files.storage import storages
from django.db import migrations, models

import certificates.models
import lms.models

logger = logging.getLogger(__name__)


def _move_pdfs(apps, source, destination):
    """Move each certificate's PDF from `source` to `destination` under the same name.

    Safe to run twice (a file already at its destination is left there, and a copy left
    behind at the source is removed) and tolerant of missing files (the sweeper renders
    a PDF again when its file is gone; see selectors.certificates_missing_pdf).
    """
    Certificate = apps.get_model("certificates", "Certificate")
    moved = missing = 0
    for pk, name in Certificate.objects.exclude(pdf="").values_list("pk", "pdf").iterator():
        if destination.exists(name):
            if source.exists(name):
                source.delete(name)
            continue
        if not source.exists(name):
            missing += 1
            continue
        with source.open(name, "rb") as handle:
            stored = destination.save(name, handle)
        if stored != name:  # the destination chose another name: keep the row right
            Certificate.objects.filter(pk=pk).update(pdf=stored)
        source.delete(name)
        moved += 1
    if moved or missing:
        logger.warning("Certificate PDFs moved: %s; missing (to be rendered again): %s",
                       moved, missing)


def to_private_storage(apps, schema_editor):
    _move_pdfs(apps, storages["default"], lms.models.private_storage())


def to_public_storage(apps, schema_editor):
    _move_pdfs(apps, lms.models.private_storage(), storages["default"])


class Migration(migrations.Migration):

    dependencies = [
        ("certificates", "0003_status_list_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="pdf",
            field=models.FileField(blank=True, storage=lms.models.private_storage,
                                   upload_to=certificates.models.certificate_pdf_path,
                                   verbose_name="PDF"),
        ),
        migrations.RunPython(to_private_storage, to_public_storage, elidable=False),
    ]
