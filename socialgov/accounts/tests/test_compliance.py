"""LAC-08: new use complies at once; existing accounts by the pack's deadline; the status is shown."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from socialgov.accounts import services
from socialgov.accounts.compliance import account_compliance
from socialgov.accounts.tests.conftest import active, draft
from socialgov.policies.packlib import load_pack

LAC = load_pack("la-county-cio").data


def compliance(account, today):
    account.refresh_from_db()
    return account_compliance(account, LAC, today)


@pytest.mark.requirement("LAC-08")
def test_new_use_is_overdue_at_once_until_it_meets_every_requirement(world, nj):
    account = active(world)
    result = compliance(account, date.today())
    assert result.status == "overdue"
    assert [c.requirement for c in result.missing] == ["NJ-09"]
    designation = services.administrator_designate(actor=world.user("agency_head"), account=account,
                                                   person=world.person("moderator"))
    services.administrator_acknowledge(actor=world.user("moderator"), designation=designation)
    assert compliance(account, date.today()).status == "compliant"


@pytest.mark.requirement("LAC-08")
@pytest.mark.parametrize(("today", "status"), [(date(2012, 6, 1), "due"), (date(2012, 12, 31), "due"),
                                               (date(2013, 1, 1), "overdue")])
def test_existing_use_has_until_the_packs_deadline(world, lac, today, status):
    with time_machine.travel("2012-05-01 12:00Z", tick=False):
        account = draft(world, "employee", existing_use=True)
    result = compliance(account, today)
    assert (result.status, result.deadline) == (status, date(2012, 12, 31))
    assert result.label == {"due": "Must comply by 2012-12-31", "overdue": "Overdue"}[status]


@pytest.mark.requirement("LAC-08")
def test_a_request_not_yet_in_use_has_no_deadline(world, lac):
    assert compliance(draft(world, "employee"), date.today()).status == "not_in_use"


@pytest.mark.requirement("LAC-08")
def test_registry_shows_each_accounts_compliance(client_as, world, nj):
    active(world)
    response = client_as("auditor").get(world.agency_url("accounts/"))
    assert "Overdue" in response.content.decode()
    csv = client_as("auditor").get(world.agency_url("accounts/registry.csv")).content.decode()
    assert "Overdue" in csv and "At least one administrator who acknowledged the designation" in csv
