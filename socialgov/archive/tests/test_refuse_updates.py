"""What the archive committed cannot be changed through the database either: triggers refuse it."""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest
from django.db import DatabaseError, connection, transaction

from socialgov.archive.capture import RawPayload
from socialgov.archive.models import Blob, LogLeaf, Record, RecordVersion, SignedTreeHeadRecord, Tombstone
from socialgov.archive.services import archive_verify, ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import snapshot

pytestmark = pytest.mark.django_db
GUARDS = importlib.import_module("socialgov.archive.migrations.0005_refuse_changes")
TRIGGERS = {**{table: f"{table}_append_only" for table in GUARDS.APPEND_ONLY}, "archive_blob": "archive_blob_fixed"}


def tamper(table: str, statement: str, *params) -> None:
    """Run ``statement`` the way someone with database rights would: with the table's trigger out of the way."""
    trigger = TRIGGERS[table]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")   # ALTER TABLE waits for no deferred check
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
            cursor.execute(statement, params)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute(f"DROP TRIGGER {trigger}")
            cursor.execute(statement, params)
            cursor.execute(GUARDS.SQLITE_BLOB if table == "archive_blob" else GUARDS.sqlite_trigger(table))


def refused(statement: str, *params) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    except DatabaseError as exc:
        assert "the archive only appends" in str(exc)
        return True
    return False


@pytest.fixture
def archived(account):
    # Items 3 and 4 share one payload (an API page): it is a blob row with its bytes inline.
    page = RawPayload.of(b'{"data": [3, 4]}', media_type="application/json; charset=utf-8", file="page-1.json")
    ingest_snapshots(account=account, snapshots=[snapshot("1"), snapshot("2"),
                                                 replace(snapshot("2", text="edited"), deleted=True),
                                                 replace(snapshot("3"), raw=page), replace(snapshot("4"), raw=page)])
    tree_head_sign()
    return account


@pytest.mark.parametrize(("table", "column", "value"), [
    ("archive_recordversion", "text", "quietly corrected"),
    ("archive_recordversion", "raw", b"other bytes"),
    ("archive_tombstone", "how", "never deleted"),
    ("archive_logleaf", "leaf_hash", bytes(32)),
    ("archive_signedtreeheadrecord", "root_hash", bytes(32)),
])
def test_a_raw_sql_update_of_a_committed_row_is_refused(archived, table, column, value):
    assert refused(f"UPDATE {table} SET {column} = %s", value)
    assert archive_verify().ok


@pytest.mark.parametrize("column", ["sha256", "size", "content"])
def test_a_blob_cannot_be_renamed_resized_or_rewritten(archived, column):
    value = {"sha256": "0" * 64, "size": 1, "content": b"other bytes"}[column]
    assert refused(f"UPDATE archive_blob SET {column} = %s", value)
    assert archive_verify().ok


def test_a_blob_content_type_may_still_be_corrected(archived):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE archive_blob SET content_type = %s", ["application/json"])
    assert set(Blob.objects.values_list("content_type", flat=True)) == {"application/json"}


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="SQLite's test flush deletes rows: see 0005")
@pytest.mark.parametrize("table", ["archive_recordversion", "archive_tombstone", "archive_logleaf",
                                   "archive_signedtreeheadrecord"])
def test_a_raw_sql_delete_of_a_committed_row_is_refused_on_postgresql(archived, table):
    assert refused(f"DELETE FROM {table}")


def test_records_themselves_are_still_updated_by_the_ingest(archived):
    ingest_snapshots(account=archived, snapshots=[snapshot("1", text="edited later")])
    record = Record.objects.get(platform_item_id="1")
    assert (record.current_version.number, record.current_version.text) == (2, "edited later")
    assert (RecordVersion.objects.count(), Tombstone.objects.count(), LogLeaf.objects.count()) == (6, 1, 7)
    assert SignedTreeHeadRecord.objects.count() == 1
