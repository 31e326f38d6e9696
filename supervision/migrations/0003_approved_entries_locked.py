"""Approved practice entries are locked in the database too, not only by the services:
a trigger refuses any UPDATE of a row whose state is already "approved"."""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER IF NOT EXISTS supervision_practiceentry_approved_locked
BEFORE UPDATE ON supervision_practiceentry
WHEN OLD.state = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'approved practice entries are locked');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS supervision_practiceentry_approved_locked;"

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION supervision_practiceentry_approved_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'approved' THEN
        RAISE EXCEPTION 'approved practice entries are locked';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS supervision_practiceentry_approved_locked ON supervision_practiceentry;
CREATE TRIGGER supervision_practiceentry_approved_locked
BEFORE UPDATE ON supervision_practiceentry
FOR EACH ROW EXECUTE FUNCTION supervision_practiceentry_approved_locked();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS supervision_practiceentry_approved_locked ON supervision_practiceentry;
DROP FUNCTION IF EXISTS supervision_practiceentry_approved_locked();
"""


def forward(apps, schema_editor):
    sql = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(
        schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    sql = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(
        schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_notifications_and_digest")]

    operations = [migrations.RunPython(forward, backward)]
