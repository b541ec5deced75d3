"""A words + date window query is answered from the full-text index alone: it must give
exactly what the general path (joining every match to its record) gives - same total, same pages in
the same order - across month, year and time-zone day edges, versions, accounts and confidential labels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from socialgov.archive.models import Record
from socialgov.archive.search import services
from socialgov.archive.search.backends import Bucket, date_buckets, first_page_walk
from socialgov.archive.search.services import SearchQuery, search
from socialgov.archive.search.tests.conftest import ingest, item
from socialgov.archive.services.labels import record_label_add
from socialgov.archive.tests.conftest import CAPTURED, make_account

pytestmark = pytest.mark.django_db

WINDOWS = [(date(2025, 12, 31), date(2026, 1, 1)), (date(2025, 11, 15), date(2026, 2, 14)),
           (date(2025, 1, 1), date(2025, 12, 31)), (date(2024, 12, 31), date(2026, 3, 31)),
           (date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 28), date(2026, 3, 1)),
           (date(2024, 12, 31), date(2025, 12, 31)),   # a first page sliced from a year's last days
           (None, None), (date(2025, 6, 1), None), (None, date(2025, 6, 1)),   # closed at the newest or oldest record
           (date(2026, 6, 1), None), (None, date(2020, 1, 1))]                 # past either end: nothing


def _general(user, query, page, per_page):
    """The same search forced through the general path."""
    real = services._window_page
    services._window_page = lambda *args, **kwargs: None
    try:
        return search(user, query, page=page, per_page=per_page)
    finally:
        services._window_page = real


def _user(world, persona):
    """A persona of the test agency, or a superuser (who sees every agency's records: no account list)."""
    if persona == "superuser":
        return get_user_model().objects.create_superuser("root", "root@example.org", "a long enough password 1")
    return world.user(persona)


def _seen(results):
    return results.total, [(h.record.platform_item_id, h.version.number) for h in results.hits]


@pytest.fixture
def spread(world, account):
    """Records every ~37 hours from mid-2024 to spring 2026, some at times near midnight in UTC and in
    New York; every fifth one edited, one in another account of the agency, one labelled confidential."""
    start = datetime(2024, 11, 20, 3, 30, tzinfo=UTC)
    items = [item(str(i), f"parade {'route' if i % 3 else 'music'} number {i}", start + timedelta(hours=37 * i))
             for i in range(320)]
    ingest(account, *items)
    later = CAPTURED + timedelta(days=1)
    ingest(account, *[item(str(i), f"parade route changed {i}", start + timedelta(hours=37 * i),
                           captured_at=later, edited_at=later) for i in range(0, 320, 5)])
    ingest(account, item("u1", "parade music with no date", None), item("u2", "a parade route, undated", None))
    other = make_account(world, name="Parks on X")
    ingest(other, item("p1", "parade in the park", datetime(2026, 1, 1, 4, 59, tzinfo=UTC)))
    record_label_add(actor=world.user("records_officer"), record=Record.objects.get(platform_item_id="200"),
                     reason="Reveals case information")
    return account, other


@pytest.mark.parametrize("persona", ["employee", "records_officer", "superuser"])
def test_date_window_search_gives_what_the_general_path_gives(world, spread, persona):
    user = _user(world, persona)
    account, other = spread
    for date_from, date_to in WINDOWS:
        for text in ("parade", "parade route", "music"):
            for versions in ("current", "all"):
                for accounts in ((), (other.pk,), (account.pk, other.pk)):
                    query = SearchQuery(text=text, date_from=date_from, date_to=date_to, versions=versions,
                                        account_ids=accounts)
                    for page in (1, 2, 4):
                        fast = search(user, query, page=page, per_page=7)
                        assert _seen(fast) == _seen(_general(user, query, page, 7)), (query, page)


def test_the_index_path_really_answers_date_windows(world, spread):
    query = SearchQuery(text="parade", date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert services._window_page(world.user("employee"), query, ["parade"], agency=None, start=0, size=5)[0] > 100


@pytest.mark.parametrize("persona", ["employee", "records_officer", "superuser"])
def test_the_index_path_answers_words_without_a_window_with_undated_records_last(world, spread, persona):
    user = _user(world, persona)
    query = SearchQuery(text="parade")
    total, ids = services._window_page(user, query, ["parade"], agency=None, start=0, size=5)
    assert total > 300

    last = [search(user, query, page=n, per_page=1).hits[0] for n in (total - 2, total - 1, total)]
    assert [h.record.platform_item_id for h in last[1:]] == ["u2", "u1"]   # no creation time: after the oldest
    assert last[0].record.created_at is not None
    newest = search(user, query, per_page=3).hits
    assert newest[0].record.created_at == Record.objects.exclude(created_at=None).latest("created_at").created_at


def test_a_window_is_cut_into_whole_years_months_days_and_partial_days():
    low, high = datetime(2024, 11, 30, 5, tzinfo=UTC), datetime(2026, 2, 3, 5, tzinfo=UTC)
    assert date_buckets(low, high) == [
        Bucket(("d20260203",), "2026-02-03 00:00:00", "2026-02-03 05:00:00"),
        Bucket(("d20260202", "d20260201")), Bucket(("m202601",)), Bucket(("y2025",)), Bucket(("m202412",)),
        Bucket(("d20241130",), "2024-11-30 05:00:00", "2024-12-01 00:00:00")]
    assert date_buckets(low, low + timedelta(hours=3)) == [
        Bucket(("d20241130",), "2024-11-30 05:00:00", "2024-11-30 08:00:00")]


def days(first: date, count: int) -> tuple[str, ...]:
    return tuple(f"d{first - timedelta(days=n):%Y%m%d}" for n in range(count))


def test_a_first_page_is_read_from_the_newest_days_first_then_the_rest_of_the_window_at_once():
    low, high = datetime(2024, 11, 30, 5, tzinfo=UTC), datetime(2026, 2, 3, 5, tzinfo=UTC)
    newest = date(2026, 1, 31)   # two whole days of February, then January's days, newest first
    assert first_page_walk(date_buckets(low, high)) == [
        Bucket(("d20260203",), "2026-02-03 00:00:00", "2026-02-03 05:00:00"),
        Bucket(("d20260202",)), Bucket(("d20260201", "d20260131")), Bucket(days(newest - timedelta(days=1), 4)),
        Bucket(days(newest - timedelta(days=5), 8)), Bucket(days(newest - timedelta(days=13), 16)),
        Bucket((*days(newest - timedelta(days=29), 2), "y2025", "m202412", "d20241130"), "2024-11-30 05:00:00")]
    # A year gives its December's days; its other months stay coarse, in the rest.
    year = first_page_walk([Bucket(("y2025",)), Bucket(("y2024",))])
    assert [len(bucket.tokens) for bucket in year[:5]] == [1, 2, 4, 8, 16]
    assert year[0].tokens == ("d20251231",) and year[4].tokens[-1] == "d20251201"
    assert year[5] == Bucket(tuple(f"m2025{month:02d}" for month in range(11, 0, -1)) + ("y2024",))
    # A window inside one day, or of partial days only, is read as it is.
    one_day = date_buckets(low, low + timedelta(hours=3))
    assert first_page_walk(one_day) == one_day
