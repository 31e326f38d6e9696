"""Practice entries keep the id the device gave them when written offline.

SQLite adds a unique column by rebuilding the table, which drops its triggers: the lock
on approved entries is made again, with the new column among those it keeps.
"""

import importlib

from django.db import migrations, models


def _lock():
    return importlib.import_module("supervision.migrations.0005_append_only_review")


def lock_with_client_id(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL keeps its triggers, which compare whole rows.
    lock = _lock()
    columns = (*lock.LOCKED_COLUMNS, "client_id")
    sql = lock.SQLITE_FORWARD.replace(
        " AND ".join(f"NEW.{c} IS OLD.{c}" for c in lock.LOCKED_COLUMNS),
        " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns))
    schema_editor.execute(lock.SQLITE_DROP, params=None)
    schema_editor.execute(sql, params=None)


def lock_without_client_id(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        lock = _lock()
        schema_editor.execute(lock.SQLITE_DROP, params=None)
        schema_editor.execute(lock.SQLITE_FORWARD, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("supervision", "0007_structured_competency_assessment_and_calibration"),
    ]

    operations = [
        # Undone last: the table rebuilt without the column gets the earlier lock back.
        migrations.RunPython(migrations.RunPython.noop, lock_without_client_id),
        migrations.AddField(
            model_name='practiceentry',
            name='client_id',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True, verbose_name='id given by the device'),
        ),
        migrations.RunPython(lock_with_client_id, migrations.RunPython.noop),
    ]
