"""The one ingest path, for importers and connectors: snapshots in, records, versions and tombstones out.

Design principle: ingesting is idempotent and all-or-nothing per batch. The same item ingested
twice changes nothing (its fingerprint is unchanged); a changed item adds a version, never
edits one; a deletion on the platform adds a tombstone and keeps the content. Each batch's
records, blobs, log leaves and the import job's checkpoint commit together, so a crash loses at
most the batch in flight and a re-run resumes after the last one that landed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from socialgov.archive.capture import ItemSnapshot
from socialgov.archive.models import ImportJob, Record, RecordVersion, Tombstone
from socialgov.archive.services.blobs import blob_store_media, blob_store_raw
from socialgov.archive.services.hashing import sha256_hex, tombstone_bytes, version_bytes
from socialgov.archive.services.log import LogAppender, log_appender
from socialgov.archive.signals import records_captured
from socialgov.archive.workflows import RecordStatus
from socialgov.core.audit import audit_record

OUTCOMES = ("new", "new_versions", "deleted", "unchanged")


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
    for batch in batched(snapshots, batch_size or settings.ARCHIVE_IMPORT_BATCH_SIZE):
        counts = _ingest_batch(account, batch, job)
        summary.add(counts)
        if on_batch:
            on_batch(len(batch), counts)
    return summary


def _ingest_batch(account, batch: list[ItemSnapshot], job: ImportJob | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    changed: list[int] = []
    with transaction.atomic(), log_appender() as log:
        records = _existing_records(account, batch)
        for snapshot in batch:
            outcomes = _ingest_one(account, snapshot, records, log)
            counts.update(outcomes)
            if "new" in outcomes or "new_versions" in outcomes:
                changed.append(records[snapshot.item_id].pk)
        if job is not None:
            _checkpoint(job, batch, counts)
        audit_record(action="archive.batch_ingested", target=job or account, agency_id=account.agency_id,
                     after={"items": len(batch), "first_item": batch[0].item_id, "last_item": batch[-1].item_id,
                            **{name: counts[name] for name in OUTCOMES}})
        if changed:
            transaction.on_commit(lambda: records_captured.send(sender=Record, account_id=account.pk,
                                                                record_ids=changed))
    return counts


def _existing_records(account, batch: list[ItemSnapshot]) -> dict[str, Record]:
    ids = {snapshot.item_id for snapshot in batch}
    found = Record.objects.select_for_update(of=("self",)).filter(account=account, platform_item_id__in=ids)
    return {record.platform_item_id: record for record in found.select_related("current_version")}


def _ingest_one(account, snapshot: ItemSnapshot, records: dict[str, Record], log: LogAppender) -> list[str]:
    record, outcomes = records.get(snapshot.item_id), []
    if record is None:
        record = records[snapshot.item_id] = _record_create(account, snapshot)
        _version_add(record, snapshot, log)
        outcomes.append("new")
    elif record.current_version.fingerprint != snapshot.fingerprint:
        _version_add(record, snapshot, log)
        outcomes.append("new_versions")
    # A record deleted on the platform stays deleted when an older export shows it again.
    if snapshot.deleted and record.status != RecordStatus.DELETED:
        _tombstone_add(record, snapshot, log)
        outcomes.append("deleted")
    _seen(record, snapshot)
    return outcomes or ["unchanged"]


def _record_create(account, snapshot: ItemSnapshot) -> Record:
    return Record.objects.create(
        account=account, platform=snapshot.platform, platform_item_id=snapshot.item_id, kind=str(snapshot.kind),
        author_id=snapshot.author.id, author_handle=snapshot.author.handle, author_name=snapshot.author.display_name,
        parent_item_id=snapshot.parent_id, thread_item_id=snapshot.root_id, url=snapshot.url[:1000],
        created_at=snapshot.created_at, edited_at=snapshot.edited_at,
        first_captured_at=snapshot.captured_at, last_captured_at=snapshot.captured_at)


def _media_entries(snapshot: ItemSnapshot) -> list[dict[str, object]]:
    entries = []
    for media in snapshot.media:
        sha256 = blob_store_media(media).sha256 if media.present else ""
        entries.append({"reference": media.reference, "content_type": media.content_type,
                        "alt_text": media.alt_text, "remote_url": media.remote_url, "sha256": sha256,
                        "missing": not media.present})
    return entries


def _version_add(record: Record, snapshot: ItemSnapshot, log: LogAppender) -> RecordVersion:
    raw = blob_store_raw(snapshot.raw)
    version = RecordVersion(
        record=record, number=record.current_version.number + 1 if record.current_version else 1,
        text=snapshot.text, markup=snapshot.markup, markup_format=snapshot.markup_format,
        language=snapshot.language[:20], edited_at=snapshot.edited_at, links=list(snapshot.links),
        mentions=[{"handle": m.handle, "id": m.id} for m in snapshot.mentions], hashtags=list(snapshot.hashtags),
        media=_media_entries(snapshot), raw_sha256=raw.sha256, raw_media_type=snapshot.raw.media_type[:100],
        raw_file=snapshot.raw.file[:500], raw_locator=snapshot.raw.locator[:200],
        capture_source=snapshot.source.importer, capture_version=snapshot.source.version,
        captured_at=snapshot.captured_at, fingerprint=snapshot.fingerprint)
    version.version_hash = sha256_hex(version_bytes(version, record))
    version.save()
    log.append(version.version_hash, version=version)
    record.current_version, record.edited_at = version, snapshot.edited_at or record.edited_at
    Record.objects.filter(pk=record.pk).update(current_version=version, edited_at=record.edited_at)
    return version


def _tombstone_add(record: Record, snapshot: ItemSnapshot, log: LogAppender) -> Tombstone:
    tombstone = Tombstone(record=record, last_version=record.current_version, detected_at=snapshot.captured_at,
                          deleted_at=snapshot.deleted_at,
                          how=f"{snapshot.source.importer} {snapshot.source.version}: {snapshot.raw.file}"[:200])
    tombstone.tombstone_hash = sha256_hex(tombstone_bytes(tombstone, record, record.current_version.version_hash))
    tombstone.save()
    log.append(tombstone.tombstone_hash, tombstone=tombstone)
    record.status = RecordStatus.DELETED
    Record.objects.filter(pk=record.pk).update(status=RecordStatus.DELETED)
    return tombstone


def _seen(record: Record, snapshot: ItemSnapshot) -> None:
    # Only a later capture moves the dates, so ingesting the same export twice writes nothing.
    first, last = min(record.first_captured_at, snapshot.captured_at), max(record.last_captured_at,
                                                                          snapshot.captured_at)
    if (first, last) != (record.first_captured_at, record.last_captured_at):
        record.first_captured_at, record.last_captured_at = first, last
        Record.objects.filter(pk=record.pk).update(first_captured_at=first, last_captured_at=last)


def _checkpoint(job: ImportJob, batch: list[ItemSnapshot], counts: Counter[str]) -> None:
    job.position += len(batch)
    job.last_item_id = batch[-1].item_id[:500]
    for name in OUTCOMES:
        setattr(job, name, getattr(job, name) + counts[name])
    job.save(update_fields=["position", "last_item_id", *OUTCOMES])
