"""Fixtures for search tests: the archive's own (blob storage, an account, snapshots) and a small archive."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from socialgov.archive.models import Record
from socialgov.archive.services import ingest_snapshots
from socialgov.archive.tests.conftest import CAPTURED, account, blob_dir, make_account, snapshot  # noqa: F401
from socialgov.archive.workflows import RecordStatus


def day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 15, tzinfo=UTC)


def ingest(into, *snapshots):
    return ingest_snapshots(account=into, snapshots=list(snapshots), batch_size=50)


def item(item_id: str, text: str, when: datetime, **changes):
    return snapshot(item_id, text=text, created_at=when, **changes)


@pytest.fixture
def archive(account):  # noqa: F811 - the archive's fixture
    """Five records: a plain post, an edited one (two versions), a deleted one, a hidden comment,
    and one by another author, spread over 2025-2026."""
    ingest(account,
           item("1", "The summer pool opens Monday at the community center.", day(2026, 1, 10)),
           item("2", "Library hours change for the winter holiday.", day(2025, 12, 1)),
           item("3", "Budget hearing on the pool repairs tonight.", day(2025, 6, 5)),
           item("4", "Thanks for the pool update!", day(2026, 2, 1), kind="comment"),
           item("5", "Snow plow schedule for the north district.", day(2026, 2, 20)))
    later = CAPTURED + timedelta(days=1)
    ingest(account,
           item("2", "Library hours change for the spring holiday.", day(2025, 12, 1), captured_at=later,
                edited_at=later),
           replace(item("3", "Budget hearing on the pool repairs tonight.", day(2025, 6, 5), captured_at=later),
                   deleted=True, deleted_at=later))
    Record.objects.filter(account=account, platform_item_id="4").update(status=RecordStatus.HIDDEN)
    return account
