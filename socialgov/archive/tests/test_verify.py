"""``verify archive`` finds every kind of tampering and names where it is."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from socialgov.archive import storage
from socialgov.archive.capture import RawPayload
from socialgov.archive.models import LogLeaf, LogSubtree, Record, RecordVersion, SignedTreeHeadRecord
from socialgov.archive.services import archive_verify, ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import media_ref, snapshot
from socialgov.archive.tests.test_refuse_updates import tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(account):
    items = [snapshot(str(i), text=f"Notice {i}", media=(media_ref(data=f"photo {i}".encode()),)) for i in range(6)]
    ingest_snapshots(account=account, snapshots=[*items, replace(items[2], deleted=True)])
    tree_head_sign()
    return account


def sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def problems() -> list[str]:
    return [str(p) for p in archive_verify().problems]


def test_an_untouched_archive_verifies(archived, capsys):
    call_command("verify", "archive")
    assert "archive OK: 6 blobs, 6 versions, 1 tombstones, 7 log leaves" in capsys.readouterr().out


def test_a_changed_byte_in_a_blob_file_is_found_and_named(archived, blob_dir):
    sha256 = Record.objects.get(platform_item_id="3").current_version.media[0]["sha256"]
    path = blob_dir / storage.blob_name(sha256)
    data = bytearray(path.read_bytes())
    data[0] ^= 1
    path.write_bytes(bytes(data))
    assert problems() == [f"blob: {sha256}: its bytes were changed: they now hash to "
                          f"{storage.sha256_of(path.open('rb'))[0]}"]


def test_a_deleted_blob_file_is_found_and_named(archived, blob_dir):
    sha256 = Record.objects.get(platform_item_id="1").current_version.media[0]["sha256"]
    (blob_dir / storage.blob_name(sha256)).unlink()
    assert problems() == [f"blob: {sha256}: missing from storage ({storage.blob_name(sha256)})"]


def test_a_changed_byte_in_a_raw_payload_kept_with_its_version_is_found_and_named(archived):
    version = Record.objects.get(platform_item_id="1").current_version
    data = bytearray(version.raw)
    data[0] ^= 1
    tamper("archive_recordversion", "UPDATE archive_recordversion SET raw = %s WHERE id = %s", bytes(data), version.pk)
    assert problems() == [f"version: record 1 version 1 (id {version.pk}): its raw payload was changed: the bytes "
                          f"kept with it now hash to {hashlib.sha256(data).hexdigest()}, not {version.raw_sha256}"]


def test_a_changed_byte_in_a_raw_payload_kept_in_a_blob_row_is_found_and_named(account):
    page = RawPayload.of(b'{"data": [1, 2]}', media_type="application/json", file="page-1.json")  # shared: a blob
    ingest_snapshots(account=account, snapshots=[replace(snapshot(str(i)), raw=page) for i in range(2)])
    tree_head_sign()
    data = bytearray(page.data)
    data[0] ^= 1
    tamper("archive_blob", "UPDATE archive_blob SET content = %s WHERE sha256 = %s", bytes(data), page.sha256)
    assert problems() == [f"blob: {page.sha256}: its bytes were changed: they now hash to "
                          f"{hashlib.sha256(data).hexdigest()}"]


def test_text_edited_in_the_database_is_found_and_named(archived):
    version = Record.objects.get(platform_item_id="4").current_version
    tamper("archive_recordversion", "UPDATE archive_recordversion SET text = %s WHERE id = %s",
           "Notice 4 (corrected quietly)", version.pk)
    assert problems() == [f"version: record 4 version 1 (id {version.pk}): "
                          "its content or its record's fields were changed after capture"]


def test_a_record_field_edited_in_the_database_is_found(archived):
    sql("UPDATE archive_record SET author_handle = %s WHERE platform_item_id = %s", "someone_else", "5")
    assert [p.split(":")[0] for p in problems()] == ["version"]


def test_a_removed_log_leaf_is_found_and_named(archived):
    tamper("archive_logleaf", "DELETE FROM archive_logleaf WHERE \"index\" = %s", 3)
    found = problems()
    assert "log: leaf #3: missing: the next stored leaf is #4" in found
    assert any("is not in the transparency log" in p for p in found)
    assert any(p.startswith("tree-head:") and "leaves were removed" in p for p in found)


def test_leaves_cut_off_the_end_are_found(archived):
    last = LogLeaf.objects.order_by("-index").first()
    tamper("archive_logleaf", "DELETE FROM archive_logleaf WHERE \"index\" = %s", last.index)
    assert any("the log holds only 6 leaves: leaves were removed" in p for p in problems())


def test_a_forged_signed_root_is_found(archived):
    head = SignedTreeHeadRecord.objects.get()
    tamper("archive_signedtreeheadrecord", "UPDATE archive_signedtreeheadrecord SET root_hash = %s WHERE id = %s",
           bytes(32), head.pk)
    found = problems()
    assert any("differs from the signed root" in p for p in found)
    assert any("signature does not verify" in p for p in found)


def test_a_changed_subtree_cache_is_found(account):
    # Subtrees are stored from level 8 up: 256 leaves make the first one.
    ingest_snapshots(account=account, snapshots=[snapshot(str(i), text=f"Notice {i}") for i in range(300)])
    tree_head_sign()
    node = LogSubtree.objects.order_by("level", "index").first()
    sql("UPDATE archive_logsubtree SET hash = %s WHERE id = %s", bytes(32), node.pk)
    assert problems() == [f"log: subtree ({node.level}, {node.index}): the cached hash was changed"]


def test_the_command_names_each_problem_and_exits_non_zero(archived, capsys):
    version = RecordVersion.objects.first()
    tamper("archive_recordversion", "UPDATE archive_recordversion SET text = %s WHERE id = %s", "rewritten", version.pk)
    with pytest.raises(CommandError, match="archive BROKEN: 1 problem"):
        call_command("verify", "archive")
    assert f"(id {version.pk}): its content" in capsys.readouterr().out


def test_an_unsigned_log_is_reported(account):
    ingest_snapshots(account=account, snapshots=[snapshot("1")])
    assert problems() == ["tree-head: log: 1 leaves but no signed tree head"]


def test_signing_the_head_commits_to_the_current_size(archived):
    ingest_snapshots(account=archived, snapshots=[snapshot("99")])
    row = tree_head_sign()
    assert row.tree_size == 8 and archive_verify().ok
