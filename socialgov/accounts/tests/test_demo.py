"""Demo data: under every shipped pack, official accounts on each platform with acknowledged
administrators, and requests in each state; running it twice changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from socialgov.accounts import demo, selectors
from socialgov.accounts.compliance import account_compliance
from socialgov.accounts.models import Account
from socialgov.accounts.tests.conftest import adopt
from socialgov.core.models import AuditEvent
from socialgov.policies.packlib import load_pack, shipped_packs


@pytest.mark.parametrize("name", sorted(shipped_packs()))
def test_demo_fills_every_screen_and_is_idempotent(world, name):
    adopt(world, name)
    demo.build(agency=world.agency, pack=load_pack(name), prefix="t")
    accounts = Account.objects.filter(agency=world.agency)
    official = accounts.filter(status="activated")
    assert sorted(official.values_list("platform", flat=True)) == sorted(
        ["mastodon", "bluesky", "facebook", "instagram", "x", "youtube"])
    assert not selectors.accounts_without_administrator(world.agency).filter(status="activated").exists()
    assert set(accounts.values_list("status", flat=True)) == {
        "draft", "submitted", "under_review", "approved", "rejected", "activated", "suspended"}
    assert selectors.terms_reviews_due(world.agency).count() == 1
    existing = accounts.get(existing_use=True)  # LAC-08: in use before the policy, past any deadline
    assert account_compliance(existing, load_pack(name).data, date(2026, 1, 1)).status == "overdue"
    counts = (accounts.count(), AuditEvent.objects.count())
    demo.build(agency=world.agency, pack=load_pack(name), prefix="t")
    assert (accounts.count(), AuditEvent.objects.count()) == counts
