"""Indexing a batch of record versions in one statement instead of row by row.

The full-text index is kept by a trigger on ``archive_recordversion`` (migration 0002), so that every
way a version is added is indexed. For the archive's bulk ingest a trigger per row is the single
largest cost of a batch (on SQLite, about seven times indexing the same rows in one ``INSERT …
SELECT``), so ``BulkIndexing`` turns the trigger off for the rest of the current transaction and,
when the batch's versions are written, indexes them in one statement (migration 0003):

- SQLite: a row in ``search_bulkindexing``, which the trigger's ``WHEN`` clause checks. SQLite has
  one writer at a time and the row is deleted in the same transaction, so no other writer ever
  sees it; a rollback takes it away with everything else.
- PostgreSQL: ``SET LOCAL socialgov.search_bulk = 'on'``, which the trigger function checks; it
  lasts until the end of the transaction and is seen by no other session.

``index`` reads the record's fields as they are when it runs, so call it after the records are
final (the current version moved on, which marks earlier versions "old").
"""

from __future__ import annotations

from importlib import import_module

from django.db import transaction

# The index's definition lives in the migration that created it; the bulk statement is its backfill
# restricted to some versions.
_INDEX = import_module("socialgov.archive.search.migrations.0002_fulltext_index")

SQLITE_INDEX = f"""INSERT INTO search_versionfts (rowid, text, author, tags, meta, created, record, number)
    SELECT v.id, v.text, r.author_handle || ' ' || r.author_name, v.hashtags, {_INDEX._META.format(v="v")},
           r.created_at, r.id, v.number
    FROM archive_recordversion v JOIN archive_record r ON r.id = v.record_id
    WHERE v.id IN ({{ids}})"""  # noqa: S608 - constants; the ids are formatted as integers

POSTGRES_INDEX = f"""INSERT INTO search_versiondoc (version_id, document, created_at, account_id, record_id,
                                                   number, old)
    SELECT v.id, {_INDEX._PG_DOCUMENT.format(v="v")}, r.created_at, r.account_id, r.id, v.number,
           r.current_version_id IS DISTINCT FROM v.id
    FROM archive_recordversion v JOIN archive_record r ON r.id = v.record_id
    WHERE v.id = ANY(%s)"""  # noqa: S608 - constants


class BulkIndexing:
    """Turns the per-row index trigger off until ``index(version_ids)``, inside one transaction."""

    def __init__(self, connection) -> None:
        if not connection.in_atomic_block:
            raise transaction.TransactionManagementError("Bulk indexing needs a transaction.")
        self.connection, self.done = connection, False
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("INSERT INTO search_bulkindexing (id) VALUES (1)")
            else:
                cursor.execute("SET LOCAL socialgov.search_bulk = 'on'")

    def index(self, version_ids: list[int]) -> None:
        """Index ``version_ids`` (added since this began) and turn the per-row trigger back on."""
        if self.done:
            raise RuntimeError("This bulk indexing is over.")
        self.done = True
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                if version_ids:
                    cursor.execute(SQLITE_INDEX.format(
                        ids=", ".join(str(int(pk)) for pk in version_ids)))
                cursor.execute("DELETE FROM search_bulkindexing")
            else:
                if version_ids:
                    cursor.execute(POSTGRES_INDEX, [list(map(int, version_ids))])
                cursor.execute("SET LOCAL socialgov.search_bulk = 'off'")
