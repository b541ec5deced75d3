"""Reads for monitoring: the schedule in force, who is responsible or covering, the status of each
account, the compliance report. Every list takes the user and returns only what they may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from socialgov.accounts import selectors as account_selectors
from socialgov.accounts.models import Account, AdministratorDesignation
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Agency, Person
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import agencies_visible_to, departments_by_id, has_role, person_of, users_with_role
from socialgov.monitoring import workflows
from socialgov.monitoring.models import AdvertisingIncident, Coverage, MissedCheck, MonitoringCheck
from socialgov.monitoring.workflows import DayResult, Schedule

# Accounts whose pages are monitored: active ones (the registry's "activated").
MONITORED = (AccountStatus.ACTIVATED,)


def agency_tz(agency: Agency | None = None) -> ZoneInfo:
    """Agencies do not store a time zone: the installation's TIME_ZONE is the agency's day."""
    return ZoneInfo(getattr(agency, "time_zone", "") or settings.TIME_ZONE)


def today(agency: Agency | None = None, now: datetime | None = None) -> date:
    return workflows.local_day(now or timezone.now(), agency_tz(agency))


def schedule_of(agency: Agency) -> Schedule:
    return workflows.schedule_from_pack(account_selectors.pack_of(agency))


# --- who is responsible, who covers ---------------------------------------------------------------

def is_responsible(user, account: Account, schedule: Schedule | None = None) -> bool:
    """Holds the pack's responsible role over the account. For ``account_administrator`` that is an
    acknowledged administrator of the account (NJ-09) or a member holding the role."""
    schedule = schedule or schedule_of(account.agency)
    return account.pk in responsible_for(user, account.agency, [account], schedule)


def responsible_for(user, agency: Agency, accounts: list[Account], schedule: Schedule) -> set[int]:
    """The ids of those of ``accounts`` (of ``agency``) that ``user`` is responsible for monitoring
    (:func:`is_responsible`): one rule for one account or many, from one read of the departments and the
    user's administrations, however many accounts."""
    if not user.is_authenticated:
        return set()
    person = person_of(user)
    administered = set(AdministratorDesignation.objects.filter(
        person=person, account__in=[a.pk for a in accounts], removed_at__isnull=True, acknowledged_at__isnull=False,
    ).values_list("account_id", flat=True)) if person and schedule.responsible == Role.ACCOUNT_ADMINISTRATOR else set()
    departments = departments_by_id(agency)
    found = set()
    for account in accounts:
        account.department = departments.get(account.department_id, account.department)
        if account.pk in administered or has_role(user, account, schedule.responsible):
            found.add(account.pk)
    return found


def coverages_in_force(agency: Agency, day: date) -> QuerySet[Coverage]:
    return Coverage.objects.filter(agency=agency, ended_at__isnull=True, starts_on__lte=day,
                                   ends_on__gte=day).select_related("person", "account", "appointed_by")


def covering(user, account: Account, day: date | None = None) -> Coverage | None:
    """The coverage under which ``user`` monitors ``account`` on ``day``, if any."""
    person = person_of(user)
    if person is None or person.agency_id != account.agency_id:
        return None
    day = day or today(account.agency)
    return (coverages_in_force(account.agency, day).filter(person=person)
            .filter(Q(account__isnull=True) | Q(account=account))
            .order_by("kind", "-appointed_at").first())


def capacity(user, account: Account, at: datetime | None = None) -> tuple[str, Coverage | None]:
    """In what capacity ``user`` monitors ``account`` at ``at``: responsible, designee, interim or other."""
    if is_responsible(user, account):
        return "responsible", None
    cover = covering(user, account, today(account.agency, at))
    if cover is not None:
        return cover.kind, cover
    return "other", None


def may_monitor(user, account: Account) -> bool:
    return capacity(user, account)[0] != "other"


def responsible_people(account: Account, schedule: Schedule | None = None) -> list:
    """The users the pack makes responsible for monitoring ``account`` (for alerts)."""
    schedule = schedule or schedule_of(account.agency)
    users = list(users_with_role(account.agency, schedule.responsible, account.department))
    if schedule.responsible == Role.ACCOUNT_ADMINISTRATOR:
        users += [d.person.user for d in AdministratorDesignation.objects.filter(
            account=account, removed_at__isnull=True, acknowledged_at__isnull=False,
            person__user__isnull=False, person__active=True).select_related("person__user")]
    return _unique(users)


def _unique(users) -> list:
    seen: dict[int, object] = {}
    for user in users:
        if user is not None and user.is_active:
            seen.setdefault(user.pk, user)
    return list(seen.values())


def who_covers(account: Account, day: date | None = None) -> list[Coverage]:
    day = day or today(account.agency)
    return [c for c in coverages_in_force(account.agency, day) if c.account_id in (None, account.pk)]


# --- what people may see ----------------------------------------------------------------------------

def monitored_accounts(agency: Agency) -> QuerySet[Account]:
    return Account.objects.filter(agency=agency, status__in=MONITORED).select_related("agency", "department")


def accounts_visible(user, agency: Agency) -> QuerySet[Account]:
    if not agencies_visible_to(user).filter(pk=agency.pk).exists():
        return Account.objects.none()
    return monitored_accounts(agency)


def coverages_visible(user, agency: Agency) -> QuerySet[Coverage]:
    if not agencies_visible_to(user).filter(pk=agency.pk).exists():
        return Coverage.objects.none()
    return Coverage.objects.filter(agency=agency).select_related("person", "account", "appointed_by", "ended_by")


def incidents_visible(user, agency: Agency) -> QuerySet[AdvertisingIncident]:
    if not agencies_visible_to(user).filter(pk=agency.pk).exists():
        return AdvertisingIncident.objects.none()
    return AdvertisingIncident.objects.filter(account__agency=agency).select_related("account", "reported_by")


def missed_visible(user, agency: Agency) -> QuerySet[MissedCheck]:
    if not agencies_visible_to(user).filter(pk=agency.pk).exists():
        return MissedCheck.objects.none()
    return MissedCheck.objects.filter(account__agency=agency).select_related("account")


def people_for_coverage(agency: Agency) -> QuerySet[Person]:
    return Person.objects.filter(agency=agency, active=True, user__isnull=False, user__is_active=True)


# --- status and the report ----------------------------------------------------------------------------

def active_from(account: Account) -> date | None:
    return workflows.local_day(account.activated_at, agency_tz(account.agency)) if account.activated_at else None


def _check_window(agency: Agency, start: date, end: date) -> tuple[datetime, datetime]:
    tz = agency_tz(agency)
    # A week either side, so a periodic run cut by the range is judged whole.
    return workflows.day_start(start - timedelta(days=7), tz), workflows.day_end(end + timedelta(days=7), tz)


def check_times(account: Account, start: date, end: date) -> list[datetime]:
    lo, hi = _check_window(account.agency, start, end)
    return list(MonitoringCheck.objects.filter(account=account, checked_at__gte=lo, checked_at__lt=hi)
                .values_list("checked_at", flat=True))


def check_times_by_account(agency: Agency, accounts: list[Account], start: date, end: date
                           ) -> dict[int, list[datetime]]:
    """:func:`check_times` of each of ``accounts`` (of ``agency``), in one query."""
    lo, hi = _check_window(agency, start, end)
    times: dict[int, list[datetime]] = defaultdict(list)
    for account_id, checked_at in MonitoringCheck.objects.filter(
            account__in=[a.pk for a in accounts], checked_at__gte=lo, checked_at__lt=hi).values_list(
            "account_id", "checked_at"):
        times[account_id].append(checked_at)
    return times


def evaluate(account: Account, start: date, end: date, *, now: datetime | None = None,
             schedule: Schedule | None = None, times: list[datetime] | None = None) -> list[DayResult]:
    """The account's days from ``start`` to ``end`` against the schedule; ``times``: its :func:`check_times`,
    when the caller read them already."""
    schedule = schedule or schedule_of(account.agency)
    times = check_times(account, start, end) if times is None else times
    return workflows.evaluate(schedule, times, start, end, now=now or timezone.now(),
                              tz=agency_tz(account.agency), active_from=active_from(account))


def week_bounds(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


@dataclass
class AccountStatusRow:
    account: Account
    today: DayResult
    week: list[DayResult]
    week_totals: workflows.Totals
    last_check: MonitoringCheck | None
    covers: list[Coverage]
    may_record: bool


def overview(user, agency: Agency, *, now: datetime | None = None) -> list[AccountStatusRow]:
    """One row per visible account, in a fixed number of queries however many accounts: the checks, the last
    check and who monitors what are read for all the accounts at once."""
    now = now or timezone.now()
    schedule = schedule_of(agency)
    day = today(agency, now)
    start, end = week_bounds(day)
    rows = []
    coverages = list(coverages_in_force(agency, day))
    latest = MonitoringCheck.objects.filter(account=OuterRef("pk")).order_by("-checked_at", "-pk").values("pk")[:1]
    accounts = list(accounts_visible(user, agency).annotate(last_check_id=Subquery(latest)))
    times = check_times_by_account(agency, accounts, start, end)
    last_checks = MonitoringCheck.objects.select_related("checked_by").in_bulk(
        [a.last_check_id for a in accounts if a.last_check_id])
    # As user.has_perm("monitoring.record_check", account) answers: about today, whatever ``now`` a caller
    # passes, and an active superuser holds every permission.
    monitored = monitored_by(user, agency, accounts, today(agency), schedule)
    superuser = user.is_active and user.is_superuser
    for account in accounts:
        week = evaluate(account, start, end, now=now, schedule=schedule, times=times.get(account.pk, []))
        rows.append(AccountStatusRow(
            account=account, today=next(r for r in week if r.day == day), week=week,
            week_totals=workflows.totals([r for r in week if r.day <= day]),
            last_check=last_checks.get(account.last_check_id),
            covers=[c for c in coverages if c.account_id in (None, account.pk)],
            may_record=superuser or account.pk in monitored))
    return rows


def monitored_by(user, agency: Agency, accounts: list[Account], day: date, schedule: Schedule) -> set[int]:
    """The ids of ``accounts`` (of ``agency``) that ``user`` monitors on ``day``, responsible or covering
    (:func:`may_monitor` of each), in a fixed number of queries however many accounts."""
    person = person_of(user)
    if person is None or person.agency_id != agency.pk:
        return set()
    covered = set(coverages_in_force(agency, day).filter(person=person).values_list("account_id", flat=True))
    if None in covered:          # covering the whole agency
        return {account.pk for account in accounts}
    return responsible_for(user, agency, accounts, schedule) | {a.pk for a in accounts if a.pk in covered}


def checks_in(account: Account, start: date, end: date) -> QuerySet[MonitoringCheck]:
    tz = agency_tz(account.agency)
    return (MonitoringCheck.objects.filter(account=account, checked_at__gte=workflows.day_start(start, tz),
                                           checked_at__lt=workflows.day_end(end, tz))
            .select_related("checked_by", "coverage__person").order_by("checked_at"))


def month_weeks(results: list[DayResult]) -> list[tuple[str, list[list[DayResult | None]]]]:
    """Group day results into calendar months, each a list of Monday-first weeks (None = no day)."""
    months: list[tuple[str, list[list[DayResult | None]]]] = []
    current_key = None
    for r in results:
        key = (r.day.year, r.day.month)
        if key != current_key:
            months.append((r.day.strftime("%B %Y"), [[None] * 7]))
            current_key = key
        weeks = months[-1][1]
        if weeks[-1][6] is not None or (r.day.weekday() == 0 and any(weeks[-1])):
            weeks.append([None] * 7)
        weeks[-1][r.day.weekday()] = r
    return months


def missed_this_week(user, agency: Agency, *, now: datetime | None = None) -> QuerySet[MissedCheck]:
    start, _ = week_bounds(today(agency, now))
    return missed_visible(user, agency).filter(day__gte=start)


def due_today_for(user, *, now: datetime | None = None) -> list[AccountStatusRow]:
    """The accounts this person monitors (responsible or covering) whose checks today are not done."""
    person = person_of(user)
    if person is None:
        return []
    agency = person.agency
    now = now or timezone.now()
    day = today(agency, now)
    schedule = schedule_of(agency)
    accounts = list(monitored_accounts(agency))
    mine = monitored_by(user, agency, accounts, day, schedule)
    accounts = [a for a in accounts if a.pk in mine]
    times = check_times_by_account(agency, accounts, day, day)
    due = []
    for account in accounts:
        result = evaluate(account, day, day, now=now, schedule=schedule, times=times.get(account.pk, []))[0]
        if result.status == workflows.DayStatus.PENDING:
            due.append(AccountStatusRow(account=account, today=result, week=[], week_totals=workflows.totals([]),
                                        last_check=None, covers=[], may_record=True))
    return due



def responsible_label(schedule: Schedule) -> str:
    from socialgov.agencies.selectors import ROLE_LABELS

    label = ROLE_LABELS.get(schedule.responsible, schedule.responsible)
    return f"{label}{'s' if schedule.responsible == Role.ACCOUNT_ADMINISTRATOR else ''}"


def checks_visible_to(user) -> QuerySet[MonitoringCheck]:
    """Checks of the agencies whose monitoring pages the user may see."""
    if not user.is_authenticated:
        return MonitoringCheck.objects.none()
    agencies = [a.pk for a in agencies_visible_to(user) if user.has_perm("monitoring.view", a)]
    return MonitoringCheck.objects.filter(account__agency_id__in=agencies).select_related("account", "checked_by")
