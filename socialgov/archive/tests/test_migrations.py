"""Migrations that rebuild an archive table keep its rows, its payloads, its guards and its search index."""

from __future__ import annotations

import hashlib

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from socialgov.archive.models import Blob, RecordVersion
from socialgov.archive.search.services import SearchQuery, search
from socialgov.archive.services import archive_verify, ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import snapshot

BEFORE, LATEST = ("archive", "0006_fewer_ingest_indexes"), ("archive", "0008_version_raw_inline")


def _migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def _hash_is_unique() -> bool:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "archive_recordversion")
    return any(info["unique"] and info["columns"] == ["version_hash"] for info in constraints.values())


def _text_update_refused(version_pk: int) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE archive_recordversion SET text = %s WHERE id = %s", ["changed", version_pk])
    except DatabaseError as exc:
        return "the archive only appends" in str(exc)
    return False


@pytest.mark.django_db(transaction=True)
def test_0007_and_0008_keep_rows_payloads_guards_and_search_both_ways(world, account):
    records_officer = world.user("records_officer")
    ingest_snapshots(account=account, snapshots=[snapshot("1", text="library hours extended"),
                                                 snapshot("1", text="library hours extended again")])
    versions = list(RecordVersion.objects.order_by("pk").values_list("pk", "version_hash", "raw_sha256"))
    assert not _hash_is_unique() and RecordVersion.objects.filter(raw__isnull=True).count() == 0
    try:
        _migrate(BEFORE)   # the hash index is back, and the payloads kept in version rows are blobs again

        assert _hash_is_unique()
        assert list(RecordVersion.objects.order_by("pk").values_list("pk", "version_hash", "raw_sha256")) == versions
        for _, _, raw_sha256 in versions:
            content = bytes(Blob.objects.get(pk=raw_sha256).content)
            assert hashlib.sha256(content).hexdigest() == raw_sha256
        assert _text_update_refused(versions[0][0]), "the append-only guard is gone"

        _migrate(LATEST)   # the table is rebuilt without the index, and its triggers are back

        assert not _hash_is_unique()
        assert list(RecordVersion.objects.order_by("pk").values_list("pk", "version_hash", "raw_sha256")) == versions
        assert _text_update_refused(versions[0][0]), "the append-only guard is gone"
        # The search triggers are back: a version added after the rebuild is indexed like the others.
        ingest_snapshots(account=account, snapshots=[snapshot("2", text="pool closed for repairs")])
        assert search(records_officer, SearchQuery(text="pool repairs")).total == 1
        assert search(records_officer, SearchQuery(text="library")).total >= 1
        tree_head_sign()
        assert archive_verify().ok
    finally:
        _migrate(LATEST)
