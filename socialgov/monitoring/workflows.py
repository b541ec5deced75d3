"""Pure rules of monitoring: the schedule a pack sets and how a period of checks measures up to it
(LCCS-07, NJ-11), and the follow-up of an advertising incident (LCCS-06). No ORM here.

How a schedule is read
----------------------
``monitoring.schedule`` lists slots: ``days`` and ``min_checks_per_day``. A day is *met* when it has
at least that many checks, *missed* when it ended with fewer, and *pending* while it is not over
(a day is never missed before its local midnight, in the agency's time zone), and *not yet
begun* before it starts (not counted in totals).

A slot marked ``periodic: true`` ("periodically check sites on weekends", LCCS Procedure item 6)
has no daily minimum. socialgov reads "periodically" as: the consecutive periodic days of one week
(Monday to Sunday; for LCCS, Saturday and Sunday) form one *period*, and the period is met when it
holds at least ``periodic_min_checks`` checks (default 1: "at least one check over the weekend").
The period is judged when its last day ends; each of its days shows the period's status.

When the pack in force has no ``monitoring`` section, socialgov falls back to the New Jersey
framework's rule (NJ-11: "monitored and moderated on a daily basis"): one check every day, by the
account's administrators, and says so where people see it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DEFAULT_SOURCE = "socialgov default (NJ-11: monitored daily): your policy pack does not say"


class CheckHow(models.TextChoices):
    QUEUE = "queue", "Worked the moderation queue"
    MANUAL = "manual", "Recorded by hand"
    CONNECTOR = "connector", "Recorded by a platform connector"


class CoverageKind(models.TextChoices):
    DESIGNEE = "designee", "Designee (leave or vacation)"
    INTERIM = "interim", "Interim monitor appointed by the executive director"


class DayStatus(models.TextChoices):
    MET = "met", "Met"
    MISSED = "missed", "Missed"
    PENDING = "pending", "Not over yet"
    UPCOMING = "upcoming", "Not yet begun"
    NOT_REQUIRED = "not_required", "No check required"
    NOT_MONITORED = "not_monitored", "Account not active"


# --- the schedule --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    min_checks: int
    periodic: bool = False
    periodic_min: int = 1
    description: str = ""


@dataclass(frozen=True)
class Schedule:
    slots: dict[int, Slot]  # weekday (Monday = 0) -> slot
    responsible: str
    designee: bool
    interim_appointed_by: str
    coverage_text: str
    cite: str
    from_pack: bool

    def slot(self, day: date) -> Slot | None:
        return self.slots.get(day.weekday())

    def descriptions(self) -> list[str]:
        seen: list[str] = []
        for weekday in range(7):
            slot = self.slots.get(weekday)
            if slot and slot.description and slot.description not in seen:
                seen.append(slot.description)
        return seen


def schedule_from_pack(pack: dict[str, Any] | None) -> Schedule:
    monitoring = (pack or {}).get("monitoring") if isinstance(pack, dict) else None
    if not monitoring:
        daily = Slot(min_checks=1, description="Monitored and moderated daily (NJ-11).")
        return Schedule(slots=dict.fromkeys(range(7), daily), responsible="account_administrator",
                        designee=False, interim_appointed_by="", coverage_text="", cite=DEFAULT_SOURCE,
                        from_pack=False)
    slots: dict[int, Slot] = {}
    for entry in monitoring.get("schedule") or []:
        periodic = bool(entry.get("periodic"))
        slot = Slot(min_checks=0 if periodic else int(entry.get("min_checks_per_day") or 0), periodic=periodic,
                    periodic_min=max(1, int(entry.get("periodic_min_checks") or 1)),
                    description=entry.get("description", ""))
        for name in entry.get("days") or []:
            slots[DAYS.index(name)] = slot
    coverage = monitoring.get("coverage") or {}
    return Schedule(slots=slots, responsible=monitoring.get("responsible") or "account_administrator",
                    designee=bool(monitoring.get("designee")),
                    interim_appointed_by=coverage.get("interim_appointed_by", ""),
                    coverage_text=coverage.get("description", ""), cite=monitoring.get("cite", ""),
                    from_pack=True)


# --- measuring checks against it -------------------------------------------------------------------

@dataclass(frozen=True)
class DayResult:
    day: date
    required: int  # 0 on a periodic day: see ``periodic``
    done: int
    status: str
    periodic: bool = False
    period_start: date | None = None
    period_end: date | None = None
    period_required: int = 0
    period_done: int = 0

    @property
    def status_label(self) -> str:
        return DayStatus(self.status).label

    @property
    def counts(self) -> str:
        """Checks done of checks required, in words ("" when nothing is required)."""
        if self.periodic:
            return (f"periodic: {self.period_done} of {self.period_required} over "
                    f"{self.period_start:%a}–{self.period_end:%a}")
        if self.status in (DayStatus.NOT_REQUIRED, DayStatus.NOT_MONITORED):
            return f"{self.done} checks" if self.done else ""
        return f"{self.done} of {self.required}"

    @property
    def label(self) -> str:
        return f"{self.status_label}{': ' + self.counts if self.counts else ''}"


def day_start(day: date, tz: ZoneInfo) -> datetime:
    """Local midnight at the start of ``day`` (DST-safe: zoneinfo picks the right offset)."""
    return datetime.combine(day, time.min, tzinfo=tz)


def day_end(day: date, tz: ZoneInfo) -> datetime:
    return day_start(day + timedelta(days=1), tz)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def periodic_run(schedule: Schedule, day: date) -> tuple[date, date]:
    """The consecutive periodic days around ``day`` within its Monday-to-Sunday week."""
    def periodic(d: date) -> bool:
        slot = schedule.slot(d)
        return bool(slot and slot.periodic)

    start = end = day
    while start.weekday() > 0 and periodic(start - timedelta(days=1)):
        start -= timedelta(days=1)
    while end.weekday() < 6 and periodic(end + timedelta(days=1)):
        end += timedelta(days=1)
    return start, end


def evaluate(schedule: Schedule, checks: Iterable[datetime], start: date, end: date, *, now: datetime,
             tz: ZoneInfo, active_from: date | None = None, active_until: date | None = None) -> list[DayResult]:
    """One result per day from ``start`` to ``end`` inclusive. ``checks`` are the moments of the
    checks (aware datetimes); pass those of whole periodic runs (a week either side is enough).
    Days before ``active_from`` or after ``active_until`` are not monitored."""
    per_day = Counter(local_day(moment, tz) for moment in checks)
    results: list[DayResult] = []
    day = start
    while day <= end:
        results.append(_day(schedule, per_day, day, now, tz, active_from, active_until))
        day += timedelta(days=1)
    return results


def _active(day: date, active_from: date | None, active_until: date | None) -> bool:
    return (active_from is None or day >= active_from) and (active_until is None or day <= active_until)


def _day(schedule: Schedule, per_day: Counter, day: date, now: datetime, tz: ZoneInfo,
         active_from: date | None, active_until: date | None) -> DayResult:
    done = per_day.get(day, 0)
    if not _active(day, active_from, active_until):
        return DayResult(day, 0, done, DayStatus.NOT_MONITORED)
    slot = schedule.slot(day)
    if slot is None:
        return DayResult(day, 0, done, DayStatus.NOT_REQUIRED)
    if slot.periodic:
        run_start, run_end = periodic_run(schedule, day)
        if active_from is not None and run_start < active_from:
            run_start = active_from
        if active_until is not None and run_end > active_until:
            run_end = active_until
        period_done = sum(per_day.get(run_start + timedelta(days=i), 0)
                          for i in range((run_end - run_start).days + 1))
        if period_done >= slot.periodic_min:
            status = DayStatus.MET
        elif now < day_start(run_start, tz):
            status = DayStatus.UPCOMING
        elif now < day_end(run_end, tz):
            status = DayStatus.PENDING
        else:
            status = DayStatus.MISSED
        return DayResult(day, 0, done, status, periodic=True, period_start=run_start, period_end=run_end,
                         period_required=slot.periodic_min, period_done=period_done)
    if slot.min_checks == 0:
        return DayResult(day, 0, done, DayStatus.NOT_REQUIRED)
    if done >= slot.min_checks:
        status = DayStatus.MET
    elif now < day_start(day, tz):
        status = DayStatus.UPCOMING
    elif now < day_end(day, tz):
        status = DayStatus.PENDING
    else:
        status = DayStatus.MISSED
    return DayResult(day, slot.min_checks, done, status)


@dataclass(frozen=True)
class Miss:
    """A day, or a periodic run (recorded on its last day), that ended without enough checks."""

    day: date
    period_start: date
    expected: int
    found: int


def misses(results: Iterable[DayResult]) -> list[Miss]:
    """The missed days and periodic runs, each once (a run on its last day, if it is in ``results``)."""
    found: list[Miss] = []
    for r in results:
        if r.status != DayStatus.MISSED:
            continue
        if r.periodic:
            if r.day == r.period_end:
                found.append(Miss(r.day, r.period_start, r.period_required, r.period_done))
        else:
            found.append(Miss(r.day, r.day, r.required, r.done))
    return found


@dataclass(frozen=True)
class Totals:
    required_days: int
    met_days: int
    missed_days: int
    pending_days: int
    checks: int

    @property
    def percent(self) -> int | None:
        judged = self.met_days + self.missed_days
        return round(100 * self.met_days / judged) if judged else None


def totals(results: list[DayResult]) -> Totals:
    """Days with a daily minimum count once each; a periodic run counts once (on its last day)."""
    units = [r for r in results if r.status in (DayStatus.MET, DayStatus.MISSED, DayStatus.PENDING)
             and (not r.periodic or r.day == r.period_end)]
    return Totals(required_days=len(units),
                  met_days=sum(1 for r in units if r.status == DayStatus.MET),
                  missed_days=sum(1 for r in units if r.status == DayStatus.MISSED),
                  pending_days=sum(1 for r in units if r.status == DayStatus.PENDING),
                  checks=sum(r.done for r in results))


# --- advertising incidents (LCCS-06) ---------------------------------------------------------------

class IncidentStatus(models.TextChoices):
    OPEN = "open", "Open"
    REPORTED = "reported", "Reported to the provider"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


class FollowUpAction(models.TextChoices):
    REPORTED = "reported", "Reported to the provider"
    RESPONSE = "response", "Provider's response received"
    RESOLVED = "resolved", "Resolved (the advertisement was removed)"
    CLOSED = "closed", "Closed without removal"
    NOTE = "note", "Note"


I = IncidentStatus  # noqa: E741
# action -> (statuses it may follow, status after; None = unchanged)
FOLLOW_UP: dict[str, tuple[tuple[str, ...], str | None]] = {
    FollowUpAction.REPORTED: ((I.OPEN, I.REPORTED), I.REPORTED),
    FollowUpAction.RESPONSE: ((I.REPORTED,), None),
    FollowUpAction.RESOLVED: ((I.OPEN, I.REPORTED), I.RESOLVED),
    FollowUpAction.CLOSED: ((I.OPEN, I.REPORTED), I.CLOSED),
    FollowUpAction.NOTE: ((I.OPEN, I.REPORTED), None),
}
FINAL = (I.RESOLVED, I.CLOSED)


def follow_up_allowed(status: str, action: str) -> bool:
    allowed, _ = FOLLOW_UP.get(action, ((), None))
    return status in allowed


def status_after(status: str, action: str) -> str:
    _, after = FOLLOW_UP[action]
    return after or status


def actions_for(status: str) -> list[tuple[str, str]]:
    return [(a.value, a.label) for a in FollowUpAction if follow_up_allowed(status, a.value)]
