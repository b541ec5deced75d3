"""Demo data: under every shipped pack, checks on the first active account and an incident reported to
the provider; running it twice changes nothing."""

from __future__ import annotations

import pytest

from socialgov.accounts import demo as accounts_demo
from socialgov.accounts.tests.conftest import adopt
from socialgov.core.models import AuditEvent
from socialgov.monitoring import demo
from socialgov.monitoring.models import AdvertisingIncident, MonitoringCheck
from socialgov.policies.packlib import load_pack


@pytest.mark.parametrize("name", ["lucas-county-cs", "new-jersey"])
def test_demo_records_checks_and_an_incident_and_is_idempotent(world, name):
    adopt(world, name)
    pack = load_pack(name)
    accounts_demo.build(agency=world.agency, pack=pack, prefix="t")
    demo.build(agency=world.agency, pack=pack, prefix="t")
    assert MonitoringCheck.objects.filter(account__agency=world.agency, capacity="responsible").exists()
    incident = AdvertisingIncident.objects.get(account__agency=world.agency)
    assert incident.status == "reported" and incident.provider_reference == "DEMO-1"
    counts = (MonitoringCheck.objects.count(), AuditEvent.objects.count())
    demo.build(agency=world.agency, pack=pack, prefix="t")
    assert (MonitoringCheck.objects.count(), AuditEvent.objects.count()) == counts
