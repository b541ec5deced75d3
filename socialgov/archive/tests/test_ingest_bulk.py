"""The batched ingest: everything of a batch worked out in memory, then written in bulk, with the
same outcomes as one item at a time."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from socialgov.archive.capture import RawPayload
from socialgov.archive.models import Blob, LogLeaf, Record, RecordVersion, Tombstone
from socialgov.archive.services import archive_verify, ingest_snapshots, tree_head_sign
from socialgov.archive.services.blobs import INLINE_MAX, raw_payload_open
from socialgov.archive.tests.conftest import snapshot
from socialgov.archive.workflows import RecordStatus

pytestmark = pytest.mark.django_db


def test_an_item_new_then_edited_then_deleted_in_one_batch_keeps_every_step_in_log_order(account):
    first = snapshot("7", text="Pool opens at 9.")
    edited = replace(first, text="Pool opens at 10.")
    gone = replace(edited, deleted=True)
    summary = ingest_snapshots(account=account, snapshots=[first, snapshot("8"), edited, gone])
    assert (summary.new, summary.new_versions, summary.deleted) == (2, 1, 1)
    record = Record.objects.get(platform_item_id="7")
    assert (record.status, record.current_version.number, record.current_version.text) == (
        RecordStatus.DELETED, 2, "Pool opens at 10.")
    assert record.tombstone.last_version == record.current_version
    leaves = [(leaf.version.record.platform_item_id if leaf.version else "tombstone", leaf.version
               and leaf.version.number) for leaf in LogLeaf.objects.select_related("version__record")]
    assert leaves == [("7", 1), ("8", 1), ("7", 2), ("tombstone", None)]
    tree_head_sign()
    assert archive_verify().ok


def test_ingesting_the_same_items_again_writes_nothing(account):
    items = [snapshot(str(i)) for i in range(30)]
    ingest_snapshots(account=account, snapshots=items, batch_size=7)
    before = (Record.objects.count(), RecordVersion.objects.count(), LogLeaf.objects.count(), Blob.objects.count())
    summary = ingest_snapshots(account=account, snapshots=items, batch_size=7)
    assert summary.unchanged == 30
    assert (Record.objects.count(), RecordVersion.objects.count(), LogLeaf.objects.count(),
            Blob.objects.count()) == before


def test_a_small_raw_payload_is_kept_in_the_database_and_a_large_one_as_a_file(account, blob_dir):
    big = b'{"text": "' + b"x" * (INLINE_MAX + 1) + b'"}'
    large = replace(snapshot("2"), raw=RawPayload.of(big, media_type="application/json", file="data/tweets.js"))
    ingest_snapshots(account=account, snapshots=[snapshot("1"), large])
    small = Record.objects.get(platform_item_id="1").current_version
    # in the version's own row: no blob row, no file
    assert bytes(small.raw).startswith(b'{"id": "1"') and not Blob.objects.filter(pk=small.raw_sha256).exists()
    with raw_payload_open(small) as stream:
        assert hashlib.sha256(stream.read()).hexdigest() == small.raw_sha256
    stored = Blob.objects.get(pk=hashlib.sha256(big).hexdigest())
    assert stored.content is None and (blob_dir / stored.stored_path).read_bytes() == big


def test_a_payload_shared_by_many_items_is_one_blob(account):
    page = RawPayload.of(b'{"data": [1, 2, 3]}', media_type="application/json", file="page-1.json")
    ingest_snapshots(account=account, snapshots=[replace(snapshot(str(i)), raw=page) for i in range(3)])
    assert Blob.objects.filter(pk=page.sha256).count() == 1
    assert set(RecordVersion.objects.values_list("raw_sha256", flat=True)) == {page.sha256}
    assert not RecordVersion.objects.filter(raw__isnull=False).exists()     # not copied into each version
    with raw_payload_open(RecordVersion.objects.first()) as stream:
        assert stream.read() == page.data
    assert Tombstone.objects.count() == 0
