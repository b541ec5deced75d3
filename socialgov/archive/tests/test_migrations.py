"""Migrations that rebuild an archive table keep its rows, its guards and its search index."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from socialgov.archive.models import RecordVersion
from socialgov.archive.search.services import SearchQuery, search
from socialgov.archive.services import archive_verify, ingest_snapshots, tree_head_sign
from socialgov.archive.tests.conftest import snapshot

BEFORE, AFTER = ("archive", "0006_fewer_ingest_indexes"), ("archive", "0007_version_hash_not_unique")


def _migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def _hash_is_unique() -> bool:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "archive_recordversion")
    return any(info["unique"] and info["columns"] == ["version_hash"] for info in constraints.values())


def _text_update_refused(version: RecordVersion) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE archive_recordversion SET text = %s WHERE id = %s", ["changed", version.pk])
    except DatabaseError as exc:
        return "the archive only appends" in str(exc)
    return False


@pytest.mark.django_db(transaction=True)
def test_0007_drops_the_hash_index_and_keeps_rows_guards_and_search_both_ways(world, account):
    records_officer = world.user("records_officer")
    _migrate(BEFORE)
    try:
        assert _hash_is_unique()
        ingest_snapshots(account=account, snapshots=[snapshot("1", text="library hours extended"),
                                                     snapshot("1", text="library hours extended again")])
        versions_before = list(RecordVersion.objects.order_by("pk").values_list("pk", "version_hash"))

        _migrate(AFTER)

        assert not _hash_is_unique()
        assert list(RecordVersion.objects.order_by("pk").values_list("pk", "version_hash")) == versions_before
        assert _text_update_refused(RecordVersion.objects.first()), "the append-only guard is gone"
        # The search triggers are back: a version added after the rebuild is indexed like the others.
        ingest_snapshots(account=account, snapshots=[snapshot("2", text="pool closed for repairs")])
        assert search(records_officer, SearchQuery(text="pool repairs")).total == 1
        assert search(records_officer, SearchQuery(text="library")).total >= 1
        tree_head_sign()
        assert archive_verify().ok

        _migrate(BEFORE)       # and back: the index returns, rows and guards stay
        assert _hash_is_unique()
        assert RecordVersion.objects.count() == len(versions_before) + 1
        assert _text_update_refused(RecordVersion.objects.first())
    finally:
        _migrate(AFTER)
