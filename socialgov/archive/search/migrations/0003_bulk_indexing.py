"""The per-row index trigger can be turned off for one transaction, for a batch indexed in bulk.

See ``socialgov.archive.search.indexing``. SQLite: the insert trigger gains a ``WHEN`` clause on
the (normally empty) table ``search_bulkindexing``. PostgreSQL: the trigger function returns early
while the transaction-local setting ``socialgov.search_bulk`` is 'on'.
"""

from importlib import import_module

from django.db import migrations

_INDEX = import_module("socialgov.archive.search.migrations.0002_fulltext_index")


def _sqlite_trigger(condition: str) -> str:
    return f"""CREATE TRIGGER search_versionfts_ai AFTER INSERT ON archive_recordversion {condition} BEGIN
           INSERT INTO search_versionfts (rowid, text, author, tags, meta, created, record, number)
           SELECT NEW.id, NEW.text, r.author_handle || ' ' || r.author_name, NEW.hashtags,
                  {_INDEX._META.format(v="NEW")}, r.created_at, r.id, NEW.number
           FROM archive_record r WHERE r.id = NEW.record_id;
       END"""


def _pg_function(guard: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION search_versiondoc_add() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {guard}
            INSERT INTO search_versiondoc (version_id, document, created_at, account_id, record_id, number, old)
            SELECT NEW.id, {_INDEX._PG_DOCUMENT.format(v="NEW")}, r.created_at, r.account_id, r.id, NEW.number,
                   r.current_version_id IS DISTINCT FROM NEW.id
            FROM archive_record r WHERE r.id = NEW.record_id;
            RETURN NULL;
        END $$"""


SQLITE_FORWARD = [
    "CREATE TABLE search_bulkindexing (id integer NOT NULL PRIMARY KEY)",
    "DROP TRIGGER search_versionfts_ai",
    _sqlite_trigger("WHEN NOT EXISTS (SELECT 1 FROM search_bulkindexing)"),
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_versionfts_ai",
    _sqlite_trigger(""),
    "DROP TABLE search_bulkindexing",
]
POSTGRES_FORWARD = [
    _pg_function("IF current_setting('socialgov.search_bulk', true) = 'on' THEN RETURN NULL; END IF;"),
]
POSTGRES_BACKWARD = [_pg_function("")]


class Migration(migrations.Migration):

    dependencies = [("search", "0002_fulltext_index")]

    operations = [
        migrations.RunPython(_INDEX._run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                             _INDEX._run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})),
    ]
