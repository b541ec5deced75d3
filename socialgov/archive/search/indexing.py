"""Indexing a batch of record versions in one statement instead of row by row.

The full-text index is kept by triggers (migration 0002): on ``archive_recordversion``, so that every
way a version is added is indexed, and on ``archive_record``, so that a version its record's current
version moved on from is marked "old". For the archive's bulk ingest a trigger per row is the single
largest cost of a batch (on SQLite, about seven times indexing the same rows in one ``INSERT …
SELECT``; and each full-text update by the record trigger made FTS5 write out its pending changes), so
``BulkIndexing`` turns both off for the rest of the current transaction and, when the batch's versions
are written, indexes them and marks the versions they supersede in one statement each (migrations 0003
and 0004):

- SQLite: a row in ``search_bulkindexing``, which the triggers' ``WHEN`` clauses check. SQLite has
  one writer at a time and the row is deleted in the same transaction, so no other writer ever
  sees it; a rollback takes it away with everything else.
- PostgreSQL: ``SET LOCAL socialgov.search_bulk = 'on'``, which the trigger functions check; it
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

#: PostgreSQL's side table of the index (migration 0002), whose planner statistics an ingest refreshes.
POSTGRES_TABLE = "search_versiondoc"

POSTGRES_INDEX = f"""INSERT INTO {POSTGRES_TABLE} (version_id, document, created_at, account_id, record_id,
                                                   number, old)
    SELECT v.id, {_INDEX._PG_DOCUMENT.format(v="v")}, r.created_at, r.account_id, r.id, v.number,
           r.current_version_id IS DISTINCT FROM v.id
    FROM archive_recordversion v JOIN archive_record r ON r.id = v.record_id
    WHERE v.id = ANY(%s)"""  # noqa: S608 - constants

SQLITE_MARK_OLD = """UPDATE search_versionfts SET meta = meta || ' old'
    WHERE rowid IN ({ids}) AND meta NOT LIKE '% old'"""  # the ids are formatted as integers
POSTGRES_MARK_OLD = "UPDATE search_versiondoc SET old = true WHERE version_id = ANY(%s) AND NOT old"


class BulkIndexing:
    """Turns the per-row index triggers off until ``index(version_ids, superseded)``, inside one transaction."""

    def __init__(self, connection) -> None:
        if not connection.in_atomic_block:
            raise transaction.TransactionManagementError("Bulk indexing needs a transaction.")
        self.connection, self.done = connection, False
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("INSERT INTO search_bulkindexing (id) VALUES (1)")
            else:
                cursor.execute("SET LOCAL socialgov.search_bulk = 'on'")

    def index(self, version_ids: list[int], superseded: list[int] = ()) -> None:
        """Index ``version_ids`` (added since this began), mark ``superseded`` (versions that were their
        record's current one before this began and are no longer) "old", and turn the triggers back on."""
        if self.done:
            raise RuntimeError("This bulk indexing is over.")
        self.done = True
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                if version_ids:
                    cursor.execute(SQLITE_INDEX.format(ids=_integers(version_ids)))
                if superseded:
                    cursor.execute(SQLITE_MARK_OLD.format(ids=_integers(superseded)))
                cursor.execute("DELETE FROM search_bulkindexing")
            else:
                if version_ids:
                    cursor.execute(POSTGRES_INDEX, [list(map(int, version_ids))])
                if superseded:
                    cursor.execute(POSTGRES_MARK_OLD, [list(map(int, superseded))])
                cursor.execute("SET LOCAL socialgov.search_bulk = 'off'")


def _integers(ids: list[int]) -> str:
    return ", ".join(str(int(pk)) for pk in ids)
