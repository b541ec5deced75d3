"""The schedule rule, pure: LCCS-07 (twice each weekday, periodically on weekends) and NJ-11 (daily),
in the agency's time zone, across daylight-saving changes, and never missed before the day ends."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from socialgov.monitoring.workflows import DayStatus, evaluate, misses, schedule_from_pack, totals
from socialgov.policies.packlib import load_pack

NY = ZoneInfo("America/New_York")
LCCS = schedule_from_pack(load_pack("lucas-county-cs").data)
NJ = schedule_from_pack(load_pack("new-jersey").data)
M, X, P, N, U = DayStatus.MET, DayStatus.MISSED, DayStatus.PENDING, DayStatus.NOT_MONITORED, DayStatus.UPCOMING


def local(y, mo, d, h=12, mi=0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=NY)


def statuses(schedule, checks, start, end, now, **kw) -> list[str]:
    return [r.status for r in evaluate(schedule, checks, start, end, now=now, tz=NY, **kw)]


def test_the_packs_schedules_are_read():
    assert [LCCS.slots[d].min_checks for d in range(5)] == [2] * 5
    assert all(LCCS.slots[d].periodic and LCCS.slots[d].periodic_min == 1 for d in (5, 6))
    assert LCCS.responsible == "pio" and LCCS.designee and LCCS.interim_appointed_by == "agency_head"
    assert all(NJ.slots[d].min_checks == 1 and not NJ.slots[d].periodic for d in range(7))
    assert NJ.responsible == "account_administrator"


def test_a_pack_without_monitoring_falls_back_to_daily_and_says_so():
    schedule = schedule_from_pack({"name": "x"})
    assert all(schedule.slots[d].min_checks == 1 for d in range(7))
    assert not schedule.from_pack and "does not say" in schedule.cite


# Week of Monday 2026-03-02; daylight saving starts Sunday 2026-03-08 at 02:00 in New York.
LCCS_WEEK = [
    # (name, checks (local times), expected Mon..Sun, missed (day, expected, found))
    ("twice each weekday, once on the weekend",
     [local(2026, 3, d, h) for d in (2, 3, 4, 5, 6) for h in (9, 15)] + [local(2026, 3, 7, 10)],
     [M, M, M, M, M, M, M], []),
    ("one check on a weekday is not enough",
     [local(2026, 3, 2, 9), local(2026, 3, 2, 15), local(2026, 3, 3, 9)]
     + [local(2026, 3, d, h) for d in (4, 5, 6) for h in (9, 15)] + [local(2026, 3, 8, 10)],
     [M, X, M, M, M, M, M], [(date(2026, 3, 3), 2, 1)]),
    ("no check over the weekend misses the weekend once, on Sunday",
     [local(2026, 3, d, h) for d in (2, 3, 4, 5, 6) for h in (9, 15)],
     [M, M, M, M, M, X, X], [(date(2026, 3, 8), 1, 0)]),
    ("a check at 23:30 on the DST Sunday counts for Sunday (it is 03:30 UTC on Monday)",
     [local(2026, 3, d, h) for d in (2, 3, 4, 5, 6) for h in (9, 15)] + [local(2026, 3, 8, 23, 30)],
     [M, M, M, M, M, M, M], []),
    ("a check at 00:30 on Monday does not save the weekend",
     [local(2026, 3, d, h) for d in (2, 3, 4, 5, 6) for h in (9, 15)] + [local(2026, 3, 9, 0, 30)],
     [M, M, M, M, M, X, X], [(date(2026, 3, 8), 1, 0)]),
]


@pytest.mark.requirement("LCCS-07")
@pytest.mark.parametrize("name,checks,expected,missed", LCCS_WEEK, ids=[row[0] for row in LCCS_WEEK])
def test_lccs_twice_each_weekday_and_periodically_on_weekends(name, checks, expected, missed):
    now = local(2026, 3, 10)
    results = evaluate(LCCS, checks, date(2026, 3, 2), date(2026, 3, 8), now=now, tz=NY)
    assert [r.status for r in results] == expected
    assert [(m.day, m.expected, m.found) for m in misses(results)] == missed
    assert results[5].periodic and results[5].period_start == date(2026, 3, 7)
    assert results[5].period_end == date(2026, 3, 8)


@pytest.mark.requirement("LCCS-07")
def test_lccs_days_not_over_are_not_missed():
    checks = [local(2026, 3, 2, 9), local(2026, 3, 2, 15), local(2026, 3, 3, 9)]
    # Tuesday 15:00: Monday met, Tuesday has one of two and is not over, the rest has not begun.
    assert statuses(LCCS, checks, date(2026, 3, 2), date(2026, 3, 8), local(2026, 3, 3, 15)) == [M, P, U, U, U, U, U]
    # Saturday noon, nothing yet this weekend: the weekend is still pending.
    assert statuses(LCCS, [], date(2026, 3, 7), date(2026, 3, 8), local(2026, 3, 7, 12)) == [P, P]
    # Sunday 23:59 (the 23-hour DST day): still pending; a minute later, missed.
    assert statuses(LCCS, [], date(2026, 3, 7), date(2026, 3, 8), local(2026, 3, 8, 23, 59)) == [P, P]
    assert statuses(LCCS, [], date(2026, 3, 7), date(2026, 3, 8),
                    datetime(2026, 3, 9, 4, 0, tzinfo=UTC)) == [X, X]


@pytest.mark.requirement("LCCS-07")
def test_lccs_a_weekend_cut_by_the_period_is_judged_whole():
    """A report from Sunday on still sees Saturday's check."""
    results = evaluate(LCCS, [local(2026, 3, 7, 10)], date(2026, 3, 8), date(2026, 3, 8), now=local(2026, 3, 10),
                       tz=NY)
    assert [r.status for r in results] == [M]
    assert results[0].period_done == 1


NJ_CASES = [
    ("one check every day", [local(2026, 10, d) for d in range(26, 32)] + [local(2026, 11, 1)], [M] * 7),
    ("a day without a check is missed", [local(2026, 10, d) for d in (26, 27, 29, 30, 31)] + [local(2026, 11, 1)],
     [M, M, X, M, M, M, M]),
    # Daylight saving ends Sunday 2026-11-01 (a 25-hour day).
    ("00:30 EDT on the DST Sunday counts for Sunday, not Saturday",
     [local(2026, 10, d) for d in range(26, 31)] + [local(2026, 11, 1, 0, 30)], [M, M, M, M, M, X, M]),
    ("23:30 EST on the DST Sunday counts for Sunday", [local(2026, 10, d) for d in range(26, 32)]
     + [local(2026, 11, 1, 23, 30)], [M] * 7),
]


@pytest.mark.requirement("NJ-11")
@pytest.mark.parametrize("name,checks,expected", NJ_CASES, ids=[row[0] for row in NJ_CASES])
def test_nj_daily(name, checks, expected):
    assert statuses(NJ, checks, date(2026, 10, 26), date(2026, 11, 1), local(2026, 11, 3)) == expected


@pytest.mark.requirement("NJ-11")
def test_nj_a_day_is_missed_only_once_it_has_ended_in_the_agencys_time_zone():
    day = date(2026, 11, 1)  # 25 hours long: ends at 05:00 UTC on November 2
    assert statuses(NJ, [], day, day, datetime(2026, 11, 2, 4, 59, tzinfo=UTC)) == [P]
    assert statuses(NJ, [], day, day, datetime(2026, 11, 2, 5, 0, tzinfo=UTC)) == [X]
    spring = date(2026, 3, 8)  # 23 hours long: ends at 04:00 UTC on March 9
    assert statuses(NJ, [], spring, spring, datetime(2026, 3, 9, 3, 59, tzinfo=UTC)) == [P]
    assert statuses(NJ, [], spring, spring, datetime(2026, 3, 9, 4, 0, tzinfo=UTC)) == [X]


def test_days_before_activation_are_not_monitored_and_not_counted():
    results = evaluate(NJ, [], date(2026, 3, 1), date(2026, 3, 4), now=local(2026, 3, 10), tz=NY,
                       active_from=date(2026, 3, 3))
    assert [r.status for r in results] == [N, N, X, X]
    assert totals(results).required_days == 2 and totals(results).missed_days == 2


def test_totals_count_a_weekend_once():
    checks = [local(2026, 3, d, h) for d in (2, 3, 4, 5, 6) for h in (9, 15)]
    t = totals(evaluate(LCCS, checks, date(2026, 3, 2), date(2026, 3, 8), now=local(2026, 3, 10), tz=NY))
    assert (t.required_days, t.met_days, t.missed_days, t.checks, t.percent) == (6, 5, 1, 10, 83)
