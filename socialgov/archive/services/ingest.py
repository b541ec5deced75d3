"""The one ingest path, for importers and connectors: snapshots in, records, versions and tombstones out.

Design principle: ingesting is idempotent and all-or-nothing per batch. The same item ingested
twice changes nothing (its fingerprint is unchanged); a changed item adds a version, never
edits one; a deletion on the platform adds a tombstone and keeps the content. Each batch's
records, blobs, log leaves and the import job's checkpoint commit together, so a crash loses at
most the batch in flight and a re-run resumes after the last one that landed.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections, transaction

from socialgov.archive.capture import ItemSnapshot, RawPayload
from socialgov.archive.models import ImportJob, LogLeaf, Record, RecordVersion, Tombstone
from socialgov.archive.search import indexing
from socialgov.archive.search.indexing import BulkIndexing
from socialgov.archive.services.blobs import INLINE_MAX, blob_store_media, blob_store_raws
from socialgov.archive.services.hashing import sha256_hex, tombstone_bytes, version_bytes
from socialgov.archive.services.log import LogAppender, Row, insert_rows, log_appender
from socialgov.archive.signals import records_captured
from socialgov.archive.workflows import RecordStatus
from socialgov.core.audit import audit_record

OUTCOMES = ("new", "new_versions", "deleted", "unchanged")
logger = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What an ingest did: ``new`` records, ``new_versions`` of known ones, ``deleted`` (tombstones),
    ``unchanged`` items, and ``skipped`` items with the importer's reasons."""

    new: int = 0
    new_versions: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, counts: Counter[str]) -> None:
        for name in OUTCOMES:
            setattr(self, name, getattr(self, name) + counts[name])

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in (*OUTCOMES, "skipped", "skipped_reasons")}


def batched(items: Iterable[ItemSnapshot], size: int) -> Iterator[list[ItemSnapshot]]:
    batch: list[ItemSnapshot] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_snapshots(*, account, snapshots: Iterable[ItemSnapshot], batch_size: int | None = None,
                     job: ImportJob | None = None,
                     on_batch: Callable[[int, Counter[str]], None] | None = None) -> IngestSummary:
    """Ingest ``snapshots`` into ``account``'s records, one transaction per batch.

    With a ``job``, each batch also moves the job's checkpoint (position, last item, counters).
    ``on_batch(items, counts)`` is called after each committed batch (progress bars).
    """
    summary = IngestSummary()
    with _sqlite_wal_checkpoints_less_often(connections[Record.objects.db]):
        for batch in batched(snapshots, batch_size or settings.ARCHIVE_IMPORT_BATCH_SIZE):
            with _cyclic_gc_paused():
                counts = _ingest_batch(account, batch, job)
            summary.add(counts)
            if on_batch:
                on_batch(len(batch), counts)
    _statistics_refresh(connections[Record.objects.db], summary)
    return summary


def _statistics_refresh(connection, summary: IngestSummary) -> None:
    """On PostgreSQL, after an ingest that added ``ARCHIVE_ANALYZE_AFTER_VERSIONS`` versions or more, ANALYZE the
    tables it grew, as PostgreSQL's manual advises after loading data ("Populating a Database").

    Until autovacuum gets round to them (never, where it is off, as on the machines of the benchmarks), the
    planner plans with the statistics of the archive before the import: at 200,000 versions never analyzed,
    it guessed 14 matches for a word with 33,137. Analyzed at once, the archive is searched right after an
    import with the plans it will keep. SQLite plans without statistics, and the archive's queries were
    written for that."""
    threshold = settings.ARCHIVE_ANALYZE_AFTER_VERSIONS
    if connection.vendor != "postgresql" or not threshold or summary.new + summary.new_versions < threshold:
        return
    tables = [model._meta.db_table for model in (Record, RecordVersion, LogLeaf)]
    if apps.is_installed("socialgov.archive.search"):
        tables.append(indexing.POSTGRES_TABLE)
    try:       # in a savepoint: statistics are worth a warning, never the import
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
    except DatabaseError:
        logger.warning("ANALYZE of the archive's tables after an ingest failed; autovacuum will refresh their "
                       "statistics later", exc_info=True)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector off while a batch is worked out and written, back on after.

    A batch allocates some twenty objects an item (rows, value lists, hashes) and frees them by reference
    counting: none is part of a cycle. Yet every 700 allocations the collector runs and walks the young
    objects, and every tenth run the older ones too: 7 % of an ingest's time, measured. Objects of a batch
    that do form cycles (an exception's traceback) are collected once the collector is back on, so memory
    stays bounded by the batch."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _sqlite_wal_checkpoints_less_often(connection) -> Iterator[None]:
    """On SQLite, let the write-ahead log grow to ``ARCHIVE_IMPORT_SQLITE_WAL_PAGES`` pages before it is
    copied back into the database (SQLite's default is 1,000 pages, 4 MB, about every 300 items), and put
    the default back after: an index page that many batches touch is copied back once, not once per
    batch, and the copies are fewer and larger. Readers are unaffected; the log file keeps its size."""
    pages = settings.ARCHIVE_IMPORT_SQLITE_WAL_PAGES
    if connection.vendor != "sqlite" or not pages:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        default = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(default)}")


def _ingest_batch(account, batch: list[ItemSnapshot], job: ImportJob | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    with transaction.atomic(), log_appender() as log:
        plan = _BatchPlan(account, _existing_records(account, batch))
        for snapshot in batch:
            counts.update(plan.add(snapshot))
        changed = plan.write(log)
        if job is not None:
            _checkpoint(job, batch, counts)
        audit_record(action="archive.batch_ingested", target=job or account, agency_id=account.agency_id,
                     after={"items": len(batch), "first_item": batch[0].item_id, "last_item": batch[-1].item_id,
                            **{name: counts[name] for name in OUTCOMES}})
        if changed:      # in the transaction: what listeners queue lands with the batch (archive.signals)
            records_captured.send(sender=Record, account_id=account.pk, record_ids=changed)
    return counts


def _existing_records(account, batch: list[ItemSnapshot]) -> dict[str, Record]:
    """The batch's items already archived, locked; one cheap id query first, since most items of an import are new."""
    ids = list({snapshot.item_id for snapshot in batch})
    connection = connections[Record.objects.db]
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "id" FROM "{Record._meta.db_table}" WHERE "account_id" = %s '  # noqa: S608
                       f'AND "platform_item_id" IN ({", ".join(["%s"] * len(ids))})', [account.pk, *ids])
        known = [row[0] for row in cursor.fetchall()]
    if not known:
        return {}
    found = Record.objects.select_for_update(of=("self",)).filter(pk__in=known)
    return {record.platform_item_id: record for record in found.select_related("current_version")}


class _BatchPlan:
    """A batch worked out in memory first, then written with one multi-row statement per table.

    Records, versions and tombstones are built and hashed item by item, in the batch's order (an
    item may appear twice in a batch: new, then edited or deleted), with ids reserved from the
    tables' sequences up front (inside the log's lock), so a new record is inserted already
    pointing at its current version (foreign keys are checked at commit). ``write`` then stores the
    blobs, the records, the versions, the tombstones, the log leaves in the same order, and the changed
    fields of records that existed before the batch, and last indexes the new versions for search in
    one statement (``search.indexing``; the per-row trigger is off meanwhile).
    """

    def __init__(self, account, records: dict[str, Record]) -> None:
        self.account, self.records = account, records
        self.current = {key: record.current_version for key, record in records.items()}
        self.new_records: list[Row] = []
        self.versions: list[Row] = []
        self.tombstones: list[Row] = []
        self.entries: list[tuple[str, Row]] = []            # log order
        self.raws: list[RawPayload] = []
        self.touched: dict[int, Record] = {}                   # existing records whose fields changed
        self.changed: dict[int, object] = {}                   # records new or with a new version

    def add(self, snapshot: ItemSnapshot) -> list[str]:
        key, outcomes = snapshot.item_id, []
        record = self.records.get(key)
        fingerprint = snapshot.fingerprint
        if record is None:
            record = self.records[key] = _record_new(self.account, snapshot)
            self.new_records.append(record)
            self.current[key] = None
            self._version_add(record, snapshot, fingerprint)
            outcomes.append("new")
        elif self.current[key].fingerprint != fingerprint:
            self._version_add(record, snapshot, fingerprint)
            outcomes.append("new_versions")
        # A record deleted on the platform stays deleted when an older export shows it again.
        if snapshot.deleted and record.status != RecordStatus.DELETED:
            self._tombstone_add(record, snapshot)
            outcomes.append("deleted")
        # Only a later capture moves the dates, so ingesting the same export twice writes nothing.
        first = min(record.first_captured_at, snapshot.captured_at)
        last = max(record.last_captured_at, snapshot.captured_at)
        if (first, last) != (record.first_captured_at, record.last_captured_at):
            record.first_captured_at, record.last_captured_at = first, last
            self._touch(record)
        return outcomes or ["unchanged"]

    def _touch(self, record) -> None:
        if isinstance(record, Record):
            self.touched[id(record)] = record

    def _version_add(self, record, snapshot: ItemSnapshot, fingerprint: str) -> None:
        key = snapshot.item_id
        previous = self.current[key]
        self.raws.append(snapshot.raw)
        version = Row(
            id=None, record=record, number=previous.number + 1 if previous else 1,
            text=snapshot.text, markup=snapshot.markup, markup_format=snapshot.markup_format,
            language=snapshot.language[:20], edited_at=snapshot.edited_at, links=list(snapshot.links),
            mentions=[{"handle": m.handle, "id": m.id} for m in snapshot.mentions],
            hashtags=list(snapshot.hashtags), media=_media_entries(snapshot), raw_sha256=snapshot.raw.sha256, raw=None,
            raw_media_type=snapshot.raw.media_type[:100], raw_file=snapshot.raw.file[:500],
            raw_locator=snapshot.raw.locator[:200], capture_source=snapshot.source.importer,
            capture_version=snapshot.source.version, captured_at=snapshot.captured_at, fingerprint=fingerprint)
        version.version_hash = sha256_hex(version_bytes(version, record))
        self.versions.append(version)
        self.entries.append(("version", version))
        self.current[key] = version
        record.edited_at = snapshot.edited_at or record.edited_at
        self.changed[id(record)] = record
        self._touch(record)

    def _tombstone_add(self, record, snapshot: ItemSnapshot) -> None:
        last = self.current[snapshot.item_id]
        tombstone = Row(id=None, record=record, last_version=last, detected_at=snapshot.captured_at,
                         deleted_at=snapshot.deleted_at,
                         how=f"{snapshot.source.importer} {snapshot.source.version}: {snapshot.raw.file}"[:200])
        tombstone.tombstone_hash = sha256_hex(tombstone_bytes(tombstone, record, last.version_hash))
        self.tombstones.append(tombstone)
        self.entries.append(("tombstone", tombstone))
        record.status = RecordStatus.DELETED
        self._touch(record)

    def write(self, log: LogAppender) -> list[int]:
        """Store everything worked out; returns the ids of the records that are new or have a new version."""
        connection = connections[Record.objects.db]
        for rows, model in ((self.new_records, Record), (self.versions, RecordVersion),
                            (self.tombstones, Tombstone)):
            for row, pk in zip(rows, _reserve_ids(connection, model, len(rows)), strict=True):
                row.id = pk
        for version in self.versions:
            version.record_id = version.record.pk if isinstance(version.record, Record) else version.record.id
        for tombstone in self.tombstones:
            tombstone.record_id = (tombstone.record.pk if isinstance(tombstone.record, Record)
                                   else tombstone.record.id)
            tombstone.last_version_id = tombstone.last_version.id
        for record in self.new_records:
            record.current_version_id = self.current[record.platform_item_id].id
        if self.raws:
            blob_store_raws(_keep_inline(self.versions, self.raws))
        indexing = _bulk_indexing(connection) if self.versions else None
        insert_rows(connection, Record, self.new_records)
        insert_rows(connection, RecordVersion, self.versions)
        insert_rows(connection, Tombstone, self.tombstones)
        for kind, entry in self.entries:
            if kind == "version":
                log.append(entry.version_hash, version_id=entry.id)
            else:
                log.append(entry.tombstone_hash, tombstone_id=entry.id)
        log.flush()
        superseded = []                # versions that were current before the batch and are no longer
        for key, record in self.records.items():
            version = self.current[key]
            if isinstance(record, Record) and version is not None and record.current_version_id != version.id:
                if record.current_version_id is not None:
                    superseded.append(record.current_version_id)
                record.current_version_id = version.id
                self.touched[id(record)] = record
        _records_update(connection, list(self.touched.values()))
        if indexing is not None:       # after the records are final: "old" versions are marked as such
            indexing.index([version.id for version in self.versions], superseded)
        return [record.pk if isinstance(record, Record) else record.id for record in self.changed.values()]


def _keep_inline(versions: list[Row], raws: list[RawPayload]) -> list[RawPayload]:
    """Put each small raw payload that only one version of the batch has into that version's row; return
    the others (shared by several items, like an API page, or too large), which are kept as blobs.

    An inline payload costs nothing beyond its bytes; a blob also costs an entry in the blob table's key
    index, a SHA-256, which lands on a different index page each time."""
    uses = Counter(raw.sha256 for raw in raws)
    as_blobs = []
    for version, raw in zip(versions, raws, strict=True):
        if uses[raw.sha256] == 1 and len(raw.data) <= INLINE_MAX:
            version.raw = raw.data
        else:
            as_blobs.append(raw)
    return as_blobs


def _bulk_indexing(connection):
    """The full-text index of the batch's versions, written in one statement (``search.indexing``)."""
    if not apps.is_installed("socialgov.archive.search"):
        return None
    return BulkIndexing(connection)


def _reserve_ids(connection, model, count: int) -> list[int]:
    """``count`` fresh ids of ``model``'s table, taken inside the batch's transaction and the log's lock."""
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [row[0] for row in cursor.fetchall()]
        # SQLite: one writer at a time (the transaction is IMMEDIATE); AUTOINCREMENT never reuses an id.
        cursor.execute(f"SELECT max(COALESCE((SELECT max(id) FROM {table}), 0), "  # noqa: S608 - table from _meta
                       "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))", [table])
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


def _records_update(connection, records: list[Record]) -> None:
    """Write the fields an ingest changes on records that existed before the batch, in one statement."""
    if not records:
        return
    fields = [Record._meta.get_field(name) for name in _RECORD_FIELDS]
    sql = (f'UPDATE "{Record._meta.db_table}" SET '  # noqa: S608 - names from the model's _meta
           + ", ".join(f'"{field.column}" = %s' for field in fields) + ' WHERE "id" = %s')
    rows = [[field.get_db_prep_save(getattr(record, field.attname), connection) for field in fields] + [record.pk]
            for record in records]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


_RECORD_FIELDS = ("current_version", "edited_at", "status", "first_captured_at", "last_captured_at")


def _record_new(account, snapshot: ItemSnapshot) -> Row:
    return Row(
        id=None, account_id=account.pk, platform=snapshot.platform, platform_item_id=snapshot.item_id,
        kind=str(snapshot.kind), author_id=snapshot.author.id, author_handle=snapshot.author.handle,
        author_name=snapshot.author.display_name, parent_item_id=snapshot.parent_id,
        thread_item_id=snapshot.root_id, url=snapshot.url[:1000], created_at=snapshot.created_at,
        edited_at=snapshot.edited_at, first_captured_at=snapshot.captured_at, last_captured_at=snapshot.captured_at,
        current_version_id=None, status=RecordStatus.PRESENT)


def _media_entries(snapshot: ItemSnapshot) -> list[dict[str, object]]:
    entries = []
    for media in snapshot.media:
        sha256 = blob_store_media(media).sha256 if media.present else ""
        entries.append({"reference": media.reference, "content_type": media.content_type,
                        "alt_text": media.alt_text, "remote_url": media.remote_url, "sha256": sha256,
                        "missing": not media.present})
    return entries


def _checkpoint(job: ImportJob, batch: list[ItemSnapshot], counts: Counter[str]) -> None:
    job.position += len(batch)
    job.last_item_id = batch[-1].item_id[:500]
    for name in OUTCOMES:
        setattr(job, name, getattr(job, name) + counts[name])
    job.save(update_fields=["position", "last_item_id", *OUTCOMES])
