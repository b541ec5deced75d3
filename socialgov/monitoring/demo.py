"""Demo data: for each agency's first active account, monitoring checks by the responsible person
since activation (up to two weeks, one day left unchecked so a missed day shows) and one today, the
missed days the sweep records, and one advertising incident reported to the provider. Idempotent: an account that
already has checks is left alone."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from socialgov.accounts.models import AdministratorDesignation
from socialgov.agencies.models import Agency
from socialgov.agencies.roles import Role
from socialgov.agencies.selectors import users_with_role
from socialgov.monitoring import selectors, services
from socialgov.monitoring.models import AdvertisingIncident, MonitoringCheck


def build(*, agency: Agency, pack, prefix: str) -> None:
    account = selectors.monitored_accounts(agency).order_by("pk").first()
    if account is None or MonitoringCheck.objects.filter(account=account).exists():
        return
    schedule = selectors.schedule_of(agency)
    monitor = users_with_role(agency, schedule.responsible).order_by("pk").first()
    if monitor is None and schedule.responsible == Role.ACCOUNT_ADMINISTRATOR:
        designation = AdministratorDesignation.objects.filter(
            account=account, removed_at__isnull=True, acknowledged_at__isnull=False,
            person__user__isnull=False).select_related("person__user").first()
        monitor = designation.person.user if designation else None
    if monitor is None:
        return
    tz = selectors.agency_tz(agency)
    today = selectors.today(agency)
    start = max(today - timedelta(days=14), selectors.active_from(account) or today)
    with transaction.atomic():
        day = start
        while day < today:
            slot = schedule.slot(day)
            if day != today - timedelta(days=3):  # one day left unchecked, so a missed day shows
                wanted = (1 if slot.periodic and day.weekday() == 5 else 0) if slot and slot.periodic else (
                    slot.min_checks if slot else 0)
                for n in range(wanted):
                    at = datetime.combine(day, time(9 + 6 * n, 15), tzinfo=tz)
                    services._check_create(account=account, by=monitor, how="manual",
                                           note="Demo: pages and comments viewed.", at=at)
            day += timedelta(days=1)
        services._check_create(account=account, by=monitor, how="manual", note="Demo: pages and comments viewed.",
                               at=timezone.now())
        services.missed_checks_sweep(agency=agency, days_back=14)
        if AdvertisingIncident.objects.filter(account=account).exists():
            return
        incident = services.incident_create(
            actor=None, account=account, seen_at=datetime.combine(today - timedelta(days=2), time(10, 5), tzinfo=tz),
            where=account.url or account.name,
            ad_description="An advertisement for a payday-loan service shown beside the agency's post.")
        services.incident_follow_up(actor=None, incident=incident, action="reported",
                                    how="The platform's 'report this ad' form", reference="DEMO-1")
