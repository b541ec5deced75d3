"""The one ingest path: new records, new versions, tombstones, de-duplication, atomic batches."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from socialgov.archive.models import Blob, LogLeaf, Record, RecordVersion, Tombstone
from socialgov.archive.selectors import archive_counts, versions_of
from socialgov.archive.services import archive_verify, ingest_snapshots, tree_head_sign
from socialgov.archive.services import ingest as ingest_module
from socialgov.archive.services.blobs import raw_payload_open
from socialgov.archive.tests.conftest import CAPTURED, make_account, media_ref, snapshot
from socialgov.archive.workflows import RecordStatus
from socialgov.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def ingest(account, *snapshots, batch_size=100):
    return ingest_snapshots(account=account, snapshots=list(snapshots), batch_size=batch_size)


@pytest.mark.requirement("LCCS-08")
@pytest.mark.requirement("NJ-04")
def test_a_captured_post_is_kept_as_a_record_with_its_exact_content_and_raw_bytes(account):
    item = snapshot("100", text="Summer programs open Monday. #youth", hashtags=("youth",),
                    links=("https://example.gov/summer",), media=(media_ref(),))
    summary = ingest(account, item)
    record = Record.objects.get(account=account, platform_item_id="100")
    version = record.current_version
    assert summary.as_dict() | {"skipped_reasons": {}} == {"new": 1, "new_versions": 0, "deleted": 0,
                                                           "unchanged": 0, "skipped": 0, "skipped_reasons": {}}
    assert (record.kind, record.author_handle, record.status) == ("post", "youthservices", RecordStatus.PRESENT)
    assert (version.text, version.hashtags, version.links) == (item.text, ["youth"], ["https://example.gov/summer"])
    assert version.media[0] | {"sha256": ""} == {
        "reference": "data/tweets_media/100-a.jpg", "content_type": "image/jpeg", "alt_text": "A poster",
        "remote_url": "", "sha256": "", "missing": False}
    with raw_payload_open(version) as raw:          # kept in the version's row, checked against its hash
        assert hashlib.sha256(raw.read()).hexdigest() == version.raw_sha256 == item.raw.sha256
    assert Blob.objects.filter(pk=version.media[0]["sha256"]).exists()


def test_ingesting_the_same_item_twice_changes_nothing(account):
    ingest(account, snapshot("100", media=(media_ref(),)))
    before = (archive_counts(account), LogLeaf.objects.count(), Blob.objects.count())
    later = snapshot("100", media=(media_ref(),), captured_at=CAPTURED)
    summary = ingest(account, later, later)
    assert (summary.unchanged, summary.new, summary.new_versions) == (2, 0, 0)
    assert (archive_counts(account), LogLeaf.objects.count(), Blob.objects.count()) == before


def test_an_edited_post_becomes_a_new_version_and_the_earlier_one_is_kept(account):
    ingest(account, snapshot("100", text="Pool opens at 9."))
    edited = snapshot("100", text="Pool opens at 10.", edited_at=CAPTURED, captured_at=CAPTURED + timedelta(days=1))
    summary = ingest(account, edited)
    record = Record.objects.get(platform_item_id="100")
    assert summary.new_versions == 1
    assert [(v.number, v.text) for v in versions_of(record)] == [(1, "Pool opens at 9."), (2, "Pool opens at 10.")]
    assert record.current_version.number == 2 and record.last_captured_at == CAPTURED + timedelta(days=1)
    assert LogLeaf.objects.count() == 2


def test_a_deletion_on_the_platform_becomes_a_tombstone_and_the_content_is_kept(account):
    ingest(account, snapshot("100", text="An announcement."))
    summary = ingest(account, snapshot("100", text="An announcement.", deleted=True,
                                       deleted_at=CAPTURED, captured_at=CAPTURED + timedelta(hours=2)))
    record = Record.objects.get(platform_item_id="100")
    assert (summary.deleted, summary.new_versions) == (1, 0)
    assert record.status == RecordStatus.DELETED
    assert record.tombstone.last_version == record.current_version
    assert record.current_version.text == "An announcement."
    assert LogLeaf.objects.filter(tombstone=record.tombstone).exists()
    assert ingest(account, snapshot("100", text="An announcement.", deleted=True)).unchanged == 1
    assert Tombstone.objects.count() == 1


def test_an_item_first_seen_deleted_is_kept_with_its_content_and_a_tombstone(account):
    summary = ingest(account, snapshot("7", text="Posted by mistake.", deleted=True))
    assert (summary.new, summary.deleted) == (1, 1)
    assert Record.objects.get(platform_item_id="7").current_version.text == "Posted by mistake."


def test_an_older_export_does_not_bring_a_deleted_record_back(account):
    ingest(account, snapshot("100", deleted=True))
    assert ingest(account, snapshot("100")).unchanged == 1
    assert Record.objects.get(platform_item_id="100").status == RecordStatus.DELETED


def test_a_missing_media_file_is_recorded_not_an_error(account):
    ingest(account, snapshot("100", media=(media_ref(data=None),)))
    media = Record.objects.get().current_version.media
    assert (media[0]["missing"], media[0]["sha256"]) == (True, "")


def test_the_same_item_id_on_two_accounts_is_two_records(world, account):
    other = make_account(world, "Programs on X")
    ingest(account, snapshot("100"))
    ingest(other, snapshot("100"))
    assert Record.objects.filter(platform_item_id="100").count() == 2


def test_a_batch_that_fails_half_way_stores_nothing_of_that_batch(account, monkeypatch):
    ingest(account, snapshot("1"))

    def fail_at_the_last_write(*args):   # the blobs, records, versions and log leaves are written by then
        raise IntegrityError("simulated failure")

    monkeypatch.setattr(ingest_module, "_records_update", fail_at_the_last_write)
    with pytest.raises(IntegrityError):
        ingest(account, snapshot("2"), snapshot("3"), snapshot("4"))
    assert list(Record.objects.values_list("platform_item_id", flat=True)) == ["1"]
    assert (RecordVersion.objects.count(), LogLeaf.objects.count()) == (1, 1)


def test_each_batch_writes_one_audit_event(account):
    before = AuditEvent.objects.filter(action="archive.batch_ingested").count()
    ingest(account, *(snapshot(str(i)) for i in range(5)), batch_size=2)
    assert AuditEvent.objects.filter(action="archive.batch_ingested").count() - before == 3


def test_every_version_and_tombstone_is_one_leaf_of_the_log_and_the_archive_verifies(account):
    ingest(account, snapshot("1"), snapshot("2", deleted=True), replace(snapshot("1", text="edited")))
    tree_head_sign()
    assert LogLeaf.objects.count() == RecordVersion.objects.count() + Tombstone.objects.count() == 4
    assert list(LogLeaf.objects.values_list("index", flat=True)) == [0, 1, 2, 3]
    report = archive_verify()
    assert report.ok, report.problems


@pytest.mark.django_db(transaction=True)
def test_listeners_hear_of_new_and_changed_records_in_each_batchs_transaction(account):
    from socialgov.archive.signals import records_captured
    heard = []

    def listener(sender, account_id, record_ids, **kwargs):
        assert connection.in_atomic_block         # what a listener writes lands with the batch or not at all
        heard.append((account_id, sorted(Record.objects.get(pk=pk).platform_item_id for pk in record_ids)))

    records_captured.connect(listener)
    try:
        ingest_snapshots(account=account, snapshots=[snapshot("1"), snapshot("2")])
        ingest_snapshots(account=account, snapshots=[snapshot("1"), snapshot("2", text="Edited")])
    finally:
        records_captured.disconnect(listener)
    assert heard == [(account.pk, ["1", "2"]), (account.pk, ["2"])]


def _wal_autocheckpoint() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write-ahead log only")
def test_an_import_lets_sqlites_write_ahead_log_grow_and_puts_the_default_back_even_when_it_fails(
        account, monkeypatch, settings):
    settings.ARCHIVE_IMPORT_SQLITE_WAL_PAGES = 5000
    default, seen = _wal_autocheckpoint(), []
    real = ingest_module._ingest_batch

    def spy(*args):
        seen.append(_wal_autocheckpoint())
        return real(*args)

    monkeypatch.setattr(ingest_module, "_ingest_batch", spy)
    ingest_snapshots(account=account, snapshots=[snapshot("1"), snapshot("2")], batch_size=1)
    assert seen == [5000, 5000] and _wal_autocheckpoint() == default

    monkeypatch.setattr(ingest_module, "_ingest_batch", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        ingest_snapshots(account=account, snapshots=[snapshot("3")])
    assert _wal_autocheckpoint() == default


def _analyzes_of_ingest(account, *snapshots, **options) -> list[str]:
    """The ANALYZE statements an ingest of ``snapshots`` runs."""
    with CaptureQueriesContext(connection) as captured:
        ingest(account, *snapshots, **options)
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("ANALYZE")]


def _estimated_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_large_ingest_refreshes_postgresqls_statistics_of_the_tables_it_grew(account, settings):
    settings.ARCHIVE_ANALYZE_AFTER_VERSIONS = 3
    assert _analyzes_of_ingest(account, snapshot("1"), snapshot("2")) == []
    large = _analyzes_of_ingest(account, snapshot("3"), snapshot("4"), snapshot("2", text="edited"), batch_size=2)
    assert len(large) == 1        # once at the end, not per batch
    # The planner now knows what the ingests added (ANALYZE counts the rows of its own transaction).
    assert _estimated_rows("archive_recordversion") == 5
    assert _estimated_rows("archive_record") == 4
    assert _estimated_rows("search_versiondoc") == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_an_ingest_whose_statistics_cannot_be_refreshed_keeps_everything_and_says_so(account, settings, monkeypatch,
                                                                                      caplog):
    settings.ARCHIVE_ANALYZE_AFTER_VERSIONS = 1
    monkeypatch.setattr(ingest_module.indexing, "POSTGRES_TABLE", "no_such_table")    # ANALYZE fails on it
    summary = ingest(account, snapshot("1"), snapshot("2"))
    assert summary.new == 2 and Record.objects.filter(account=account).count() == 2
    assert "ANALYZE of the archive's tables after an ingest failed" in caplog.text
    assert RecordVersion.objects.filter(record__account=account).count() == 2     # the connection still works


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite plans without statistics")
def test_an_ingest_leaves_sqlite_without_planner_statistics(account, settings):
    settings.ARCHIVE_ANALYZE_AFTER_VERSIONS = 1
    assert _analyzes_of_ingest(account, snapshot("1"), snapshot("2")) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 0
