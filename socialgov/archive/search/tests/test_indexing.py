"""A batch's versions are indexed in one statement while the per-row trigger stands down, for that
transaction only: every other way a version is added is still indexed by the trigger."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from socialgov.archive.models import Record, RecordVersion
from socialgov.archive.search.indexing import BulkIndexing
from socialgov.archive.search.services import SearchQuery, search
from socialgov.archive.search.tests.conftest import day, ingest, item

pytestmark = pytest.mark.django_db(transaction=True)


def found(world, text: str, **query) -> list[str]:
    results = search(world.user("records_officer"), SearchQuery(text=text, **query))
    return sorted(hit.record.platform_item_id for hit in results.hits)


def add_version(record: Record, text: str) -> RecordVersion:
    """A version added outside the ingest (as a later connector or a repair might), through the ORM."""
    current = record.current_version
    version = RecordVersion.objects.create(
        record=record, number=current.number + 1, text=text, raw_sha256=current.raw_sha256,
        capture_source="manual", capture_version="1", captured_at=current.captured_at, fingerprint="f",
        version_hash=f"{record.pk:064x}")
    Record.objects.filter(pk=record.pk).update(current_version=version)
    return version


def test_an_ingested_batch_is_searchable_with_earlier_versions_marked_old(world, account):
    ingest(account, item("1", "Ferry timetable for spring", day(2026, 3, 1)),
           item("1", "Ferry timetable for summer", day(2026, 3, 1), edited_at=day(2026, 3, 2)),
           item("2", "Ferry fares go up", day(2026, 3, 5)))
    assert found(world, "ferry") == ["1", "2"]
    assert found(world, "spring") == []                              # only current versions by default
    assert found(world, "spring", versions="all") == ["1"]
    assert found(world, "ferry", date_from=day(2026, 3, 4).date(), date_to=day(2026, 3, 6).date()) == ["2"]


def test_a_later_batch_marks_the_versions_it_supersedes_old(world, account):
    # A date window takes the index's own "old" marks (the general path asks the records instead).
    march = {"date_from": day(2026, 3, 1).date(), "date_to": day(2026, 3, 31).date()}
    ingest(account, item("1", "Ferry timetable for spring", day(2026, 3, 1)),
           item("2", "Ferry fares for spring", day(2026, 3, 2)),
           item("3", "Ferry pier spring cleaning", day(2026, 3, 3)))
    ingest(account, item("1", "Ferry timetable for summer", day(2026, 3, 1), edited_at=day(2026, 3, 4)),
           item("2", "Ferry fares for summer", day(2026, 3, 2), edited_at=day(2026, 3, 4)),
           item("2", "Ferry fares for autumn", day(2026, 3, 2), edited_at=day(2026, 3, 5)))
    for window in ({}, march):
        assert found(world, "spring", **window) == ["3"]             # the edited records' first versions are old
        assert found(world, "spring", versions="all", **window) == ["1", "2", "3"]
        assert found(world, "summer", **window) == ["1"]             # record 2 moved on within the batch
        assert found(world, "summer", versions="all", **window) == ["1", "2"]
        assert found(world, "autumn", **window) == ["2"]
    ingest(account, item("1", "Ferry timetable for summer", day(2026, 3, 1), edited_at=day(2026, 3, 4)))
    assert found(world, "summer", **march) == ["1"]                  # an unchanged item marks nothing


def test_versions_added_outside_the_ingest_are_still_indexed_by_the_trigger(world, account):
    ingest(account, item("1", "Harbour closed for repairs", day(2026, 4, 1)))
    add_version(Record.objects.get(account=account, platform_item_id="1"), "Harbour reopened after repairs")
    assert found(world, "reopened") == ["1"]
    assert found(world, "closed") == []
    assert found(world, "closed", versions="all") == ["1"]


def test_a_batch_that_fails_leaves_the_trigger_on_and_nothing_indexed(world, account):
    ingest(account, item("1", "Bridge inspection report", day(2026, 5, 1)))
    record = Record.objects.get(account=account, platform_item_id="1")
    with pytest.raises(RuntimeError), transaction.atomic():
        BulkIndexing(connection)
        add_version(record, "Bridge closed overnight")
        raise RuntimeError("the batch fails before it is indexed")
    assert found(world, "overnight", versions="all") == []
    add_version(Record.objects.get(pk=record.pk), "Bridge open to cyclists")   # the trigger works again
    assert found(world, "cyclists") == ["1"]


def test_bulk_indexing_needs_a_transaction_and_is_used_once():
    with pytest.raises(transaction.TransactionManagementError):
        BulkIndexing(connection)
    with transaction.atomic():
        indexing = BulkIndexing(connection)
        indexing.index([])
        with pytest.raises(RuntimeError, match="over"):
            indexing.index([])
