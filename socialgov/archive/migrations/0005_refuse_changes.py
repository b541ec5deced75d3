"""Refuse changes to what the archive committed, in the database itself, not only in the application.

Record versions, tombstones, log leaves and signed tree heads are only ever added; a blob's name
(its SHA-256), size and inline bytes never change. ``archive_record`` itself is updated by the
ingest (current version, status, capture dates) and has no trigger.

PostgreSQL: triggers refuse UPDATE and DELETE of those rows, and UPDATE of a blob's sha256, size or
inline content. (TRUNCATE needs the table owner's rights; run the application as a role that does
not own its tables, as for the audit trail.) SQLite: the same triggers refuse UPDATE; DELETE is
refused by the application (no service deletes), because Django's test flush on SQLite empties
tables with DELETE — the same choice as ``core_auditevent``.
"""

from django.db import migrations

APPEND_ONLY = ("archive_recordversion", "archive_tombstone", "archive_logleaf", "archive_signedtreeheadrecord")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION archive_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the archive only appends: % refused on %', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
PG_BLOB = """
CREATE TRIGGER archive_blob_fixed BEFORE UPDATE ON archive_blob FOR EACH ROW
    WHEN (OLD.sha256 IS DISTINCT FROM NEW.sha256 OR OLD.size IS DISTINCT FROM NEW.size
          OR (OLD.content IS NOT NULL AND OLD.content IS DISTINCT FROM NEW.content))
    EXECUTE FUNCTION archive_refuse_change();
"""
SQLITE_BLOB = """
CREATE TRIGGER archive_blob_fixed BEFORE UPDATE ON archive_blob
WHEN OLD.sha256 IS NOT NEW.sha256 OR OLD.size IS NOT NEW.size
     OR (OLD.content IS NOT NULL AND OLD.content IS NOT NEW.content)
BEGIN SELECT RAISE(ABORT, 'the archive only appends: UPDATE of a blob''s name, size or bytes refused'); END;
"""


def pg_trigger(table: str) -> str:
    return (f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION archive_refuse_change();")


def sqlite_trigger(table: str) -> str:
    return (f"CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'the archive only appends: UPDATE refused on {table}'); END;")


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in APPEND_ONLY:
            schema_editor.execute(pg_trigger(table), params=None)
        schema_editor.execute(PG_BLOB, params=None)
    elif vendor == "sqlite":
        for table in APPEND_ONLY:
            schema_editor.execute(sqlite_trigger(table))
        schema_editor.execute(SQLITE_BLOB)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in APPEND_ONLY:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=None)
        schema_editor.execute("DROP TRIGGER IF EXISTS archive_blob_fixed ON archive_blob;", params=None)
        schema_editor.execute("DROP FUNCTION IF EXISTS archive_refuse_change();", params=None)
    elif vendor == "sqlite":
        for table in APPEND_ONLY:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only;")
        schema_editor.execute("DROP TRIGGER IF EXISTS archive_blob_fixed;")


class Migration(migrations.Migration):
    # Chained after 0004_blob_inline_content (which refers to the column ``content``) to keep the graph linear.
    dependencies = [("archive", "0004_blob_inline_content")]
    operations = [migrations.RunPython(install, remove)]
