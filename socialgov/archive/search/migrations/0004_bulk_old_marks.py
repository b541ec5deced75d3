"""During a bulk-indexed batch, the versions a batch supersedes are marked "old" in one statement too.

A record's current version moving on marks the previous one "old" in the index (migration 0002), by a
trigger on the record, row by row. At ingest that was a full-text update per edited record, and on
SQLite each one made FTS5 write out its pending changes: ``search.indexing.BulkIndexing`` now marks a
batch's superseded versions in one statement, and the trigger stands down while it is on, as the
insert trigger does (migration 0003). Any other change of a current version is still marked by it.
"""

from importlib import import_module

from django.db import migrations

_INDEX = import_module("socialgov.archive.search.migrations.0002_fulltext_index")


def _sqlite_trigger(condition: str) -> str:
    return f"""CREATE TRIGGER search_versionfts_current AFTER UPDATE OF current_version_id ON archive_record
       WHEN OLD.current_version_id IS NOT NEW.current_version_id{condition} BEGIN
           UPDATE search_versionfts SET meta = meta || ' old'
           WHERE rowid = OLD.current_version_id AND meta NOT LIKE '% old';
           UPDATE search_versionfts SET meta = substr(meta, 1, length(meta) - 4)
           WHERE rowid = NEW.current_version_id AND meta LIKE '% old';
       END"""


def _pg_function(guard: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION search_versiondoc_record() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.current_version_id IS DISTINCT FROM NEW.current_version_id{guard} THEN
                UPDATE search_versiondoc SET old = version_id IS DISTINCT FROM NEW.current_version_id
                WHERE version_id IN (OLD.current_version_id, NEW.current_version_id);
            END IF;
            IF OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.account_id IS DISTINCT FROM NEW.account_id THEN
                UPDATE search_versiondoc SET created_at = NEW.created_at, account_id = NEW.account_id
                WHERE record_id = NEW.id;
            END IF;
            RETURN NULL;
        END $$"""


SQLITE_FORWARD = [
    "DROP TRIGGER search_versionfts_current",
    _sqlite_trigger(" AND NOT EXISTS (SELECT 1 FROM search_bulkindexing)"),
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_versionfts_current",
    _sqlite_trigger(""),
]
POSTGRES_FORWARD = [
    _pg_function("\n               AND current_setting('socialgov.search_bulk', true) IS DISTINCT FROM 'on'"),
]
POSTGRES_BACKWARD = [_pg_function("")]


class Migration(migrations.Migration):

    dependencies = [("search", "0003_bulk_indexing")]

    operations = [
        migrations.RunPython(_INDEX._run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                             _INDEX._run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})),
    ]
