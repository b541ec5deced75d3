"""Refuse changes to audit events in the database itself, not only in the application.

PostgreSQL: a trigger refuses UPDATE and DELETE on every row. (TRUNCATE needs the table owner's
rights; run the application as a role that does not own its tables — docs/deployment.md.)
SQLite: a trigger refuses UPDATE; the application refuses DELETE.
"""

from django.db import migrations

PG_INSTALL = """
CREATE OR REPLACE FUNCTION core_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on core_auditevent', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_change();
"""
PG_REMOVE = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_refuse_change();
"""
SQLITE_INSTALL = """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused on core_auditevent'); END;
"""
SQLITE_REMOVE = "DROP TRIGGER IF EXISTS core_auditevent_no_update;"


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_INSTALL, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_INSTALL)
    apps.get_model("core", "AuditChainHead").objects.get_or_create(pk=1)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_REMOVE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_REMOVE)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
