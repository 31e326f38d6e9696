"""Audit events are append-only in the database too: on PostgreSQL a trigger refuses
any UPDATE or DELETE of lms_auditevent.

SQLite gets no trigger: the test runner's flush empties tables with DELETE there, and
the model layer (lms.models.AppendOnlyModel) already refuses. PostgreSQL's flush uses
TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION lms_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS lms_auditevent_append_only ON lms_auditevent;
CREATE TRIGGER lms_auditevent_append_only
BEFORE UPDATE OR DELETE ON lms_auditevent
FOR EACH ROW EXECUTE FUNCTION lms_auditevent_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS lms_auditevent_append_only ON lms_auditevent;
DROP FUNCTION IF EXISTS lms_auditevent_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("lms", "0006_submission_token")]

    operations = [migrations.RunPython(forward, backward)]
