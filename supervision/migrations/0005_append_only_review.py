"""The practice record is append-only.

- Review events: on PostgreSQL a trigger refuses UPDATE and DELETE, except the one
  bookkeeping change the notification task makes: setting `notified_at` once, from NULL,
  with every other column unchanged. (Moving the receipt to a table of its own would
  have meant a second write per e-mail and a join in the claim; the exception is one
  line of SQL and the receipt still cannot be rewritten once set.)
- Approved practice entries: on PostgreSQL a trigger refuses DELETE (0003 already
  refused UPDATE). The UPDATE lock now has one sanctioned exception, used by erasure of
  a trainee's personal data: replacing reflections with '[erased]' and changing nothing
  else. On SQLite the UPDATE trigger is rewritten the same way; DELETE there is refused
  by the model layer and by PROTECT foreign keys, never by a trigger, because the test
  runner's flush deletes rows with DELETE on SQLite.
- Foreign keys that would cascade into the record become PROTECT.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

ERASED = "[erased]"
REFLECTIONS = ("went_well", "was_hard", "do_differently", "support_needed")
# Every other column of supervision_practiceentry, as of this migration.
LOCKED_COLUMNS = ("id", "enrollment_id", "date", "duration_minutes", "activity_kind_id",
                  "modality", "setting", "people_served", "language", "interpreter_present",
                  "state", "created_at", "updated_at", "submitted_at", "approved_at",
                  "approved_by_id")

_reflections_erased_only = " AND ".join(
    f"NEW.{c} IN (OLD.{c}, '{ERASED}')" for c in REFLECTIONS)
_some_reflection_erased = f"'{ERASED}' IN ({', '.join(f'NEW.{c}' for c in REFLECTIONS)})"

SQLITE_DROP = "DROP TRIGGER IF EXISTS supervision_practiceentry_approved_locked;"
SQLITE_FORWARD = f"""
CREATE TRIGGER supervision_practiceentry_approved_locked
BEFORE UPDATE ON supervision_practiceentry
WHEN OLD.state = 'approved' AND NOT (
    {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in LOCKED_COLUMNS)}
    AND {_reflections_erased_only} AND {_some_reflection_erased})
BEGIN
    SELECT RAISE(ABORT, 'approved practice entries are locked');
END;
"""

_reflections_array = "ARRAY[" + ", ".join(f"'{c}'" for c in REFLECTIONS) + "]"
POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION supervision_practiceentry_approved_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'approved' THEN
        RETURN NEW;
    END IF;
    -- Erasure of personal data: reflections become '{ERASED}', nothing else moves.
    IF (to_jsonb(NEW) - {_reflections_array}) = (to_jsonb(OLD) - {_reflections_array})
       AND {_reflections_erased_only} AND {_some_reflection_erased} THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'approved practice entries are locked';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION supervision_practiceentry_approved_kept() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'approved' THEN
        RAISE EXCEPTION 'approved practice entries cannot be deleted';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS supervision_practiceentry_approved_kept ON supervision_practiceentry;
CREATE TRIGGER supervision_practiceentry_approved_kept
BEFORE DELETE ON supervision_practiceentry
FOR EACH ROW EXECUTE FUNCTION supervision_practiceentry_approved_kept();

CREATE OR REPLACE FUNCTION supervision_reviewevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.notified_at IS NULL AND NEW.notified_at IS NOT NULL
       AND (to_jsonb(NEW) - 'notified_at') = (to_jsonb(OLD) - 'notified_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'review events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS supervision_reviewevent_append_only ON supervision_reviewevent;
CREATE TRIGGER supervision_reviewevent_append_only
BEFORE UPDATE OR DELETE ON supervision_reviewevent
FOR EACH ROW EXECUTE FUNCTION supervision_reviewevent_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS supervision_reviewevent_append_only ON supervision_reviewevent;
DROP FUNCTION IF EXISTS supervision_reviewevent_append_only();
DROP TRIGGER IF EXISTS supervision_practiceentry_approved_kept ON supervision_practiceentry;
DROP FUNCTION IF EXISTS supervision_practiceentry_approved_kept();
"""


def _previous_lock():
    return importlib.import_module("supervision.migrations.0003_approved_entries_locked")


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # SQLite runs one statement per call.
        schema_editor.execute(SQLITE_DROP, params=None)
        schema_editor.execute(SQLITE_FORWARD, params=None)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    previous = _previous_lock()
    if vendor == "sqlite":
        schema_editor.execute(previous.SQLITE_BACKWARD, params=None)
        schema_editor.execute(previous.SQLITE_FORWARD, params=None)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)
        schema_editor.execute(previous.POSTGRES_FORWARD, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0004_protect_trainee'),
        ('supervision', '0004_supervision_requests'),
    ]

    operations = [
        migrations.AlterField(
            model_name='competencyrating',
            name='enrollment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='competency_ratings', to='courses.enrollment'),
        ),
        migrations.AlterField(
            model_name='practiceentry',
            name='enrollment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='practice_entries', to='courses.enrollment', verbose_name='course'),
        ),
        migrations.AlterField(
            model_name='reviewevent',
            name='entry',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='supervision.practiceentry'),
        ),
        migrations.RunPython(forward, backward),
    ]
