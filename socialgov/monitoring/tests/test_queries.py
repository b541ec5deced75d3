"""The monitoring overview costs the same number of queries however many accounts it lists."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialgov.accounts.models import AdministratorDesignation
from socialgov.core.testing import PERSONA_KEYS
from socialgov.monitoring import selectors
from socialgov.monitoring.models import Coverage, MissedCheck, MonitoringCheck
from socialgov.monitoring.tests.conftest import active_account
from socialgov.monitoring.workflows import CoverageKind

NY = ZoneInfo("America/New_York")
WEDNESDAY = datetime(2026, 3, 4, 15, tzinfo=NY)
DEPARTMENTS = ("communications", "youth-services", "programs")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _add_accounts(world, first: int, count: int) -> None:
    """Active accounts across departments, most with an acknowledged administrator and checks by two people
    this week, every other one with a designee covering it today and a missed day on Monday."""
    day = WEDNESDAY.date()
    for i in range(first, first + count):
        account = active_account(world, f"Account {i}", activated_at=WEDNESDAY - timedelta(days=30),
                                 administrator=None if i % 4 == 3 else "account_administrator")
        account.department = world.dept(DEPARTMENTS[i % len(DEPARTMENTS)])
        account.handle = f"@account{i}"
        account.save()
        if i % 3 != 2:
            for hours, persona in ((48, "pio"), (26, "account_administrator"), (2, "pio")):
                MonitoringCheck.objects.create(account=account, checked_by=world.user(persona),
                                               checked_at=WEDNESDAY - timedelta(hours=hours), capacity="responsible")
        if i % 2 == 0:
            Coverage.objects.create(agency=world.agency, account=account, kind=CoverageKind.DESIGNEE,
                                    person=world.person("moderator"), starts_on=day - timedelta(days=1),
                                    ends_on=day + timedelta(days=3), reason="Leave.", appointed_by=world.user("pio"))
            MissedCheck.objects.create(account=account, day=day - timedelta(days=2),
                                       period_start=day - timedelta(days=2), expected=2, found=0,
                                       alerted=[{"user_id": 1, "name": "Pat Park", "as": "pio"}])


@pytest.mark.parametrize(("pack", "persona"), [("lccs", "pio"), ("nj", "account_administrator"),
                                               ("lccs", "moderator"), ("nj", "auditor")])
def test_the_overview_queries_do_not_grow_with_accounts(request, client_as, world, pack, persona):
    request.getfixturevalue(pack)
    url = world.agency_url("monitoring/")
    with time_machine.travel(WEDNESDAY, tick=False):
        _add_accounts(world, 0, 2)
        client = client_as(persona)
        assert "Account 1" in client.get(url).content.decode()
        before = _queries(client, url)
        _add_accounts(world, 2, 4)
        assert "Account 5" in client.get(url).content.decode()
        assert _queries(client, url) == before


@pytest.mark.parametrize("pack", ["lccs", "nj"])
def test_who_may_record_a_check_is_the_same_asked_for_all_accounts_or_one_by_one(request, world, pack):
    """The overview reads who monitors every account at once; it must answer as the permission does for one
    account: the responsible role, an acknowledged administrator (NJ), a designee or an interim monitor."""
    request.getfixturevalue(pack)
    with time_machine.travel(WEDNESDAY, tick=False):
        _add_accounts(world, 0, 6)
        first = selectors.monitored_accounts(world.agency).get(name="Account 0")
        AdministratorDesignation.objects.create(account=first, person=world.person("legal_counsel"),
                                                acknowledged_at=WEDNESDAY)
        Coverage.objects.create(agency=world.agency, account=None, kind=CoverageKind.INTERIM,
                                person=world.person("employee"), starts_on=WEDNESDAY.date(),
                                ends_on=WEDNESDAY.date(), reason="Gap.", appointed_by=world.user("agency_head"))
        accounts = list(selectors.monitored_accounts(world.agency))
        for persona in PERSONA_KEYS:
            user = world.user(persona)
            rows = selectors.overview(user, world.agency)
            assert {r.account.pk: r.may_record for r in rows} == {
                a.pk: user.has_perm("monitoring.record_check", a) for a in accounts}, persona
            assert {r.account.pk for r in selectors.due_today_for(user)} == {
                r.account.pk for r in rows if r.may_record and r.today.status == "pending"}, persona
        recorders = {p for p in PERSONA_KEYS if any(r.may_record for r in selectors.overview(world.user(p),
                                                                                                world.agency))}
    responsible = "pio" if pack == "lccs" else "account_administrator"
    assert recorders == {responsible, "moderator", "employee"} | ({"legal_counsel"} if pack == "nj" else set())
