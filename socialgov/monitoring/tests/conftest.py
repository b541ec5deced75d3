"""Fixtures for the monitoring tests: the LCCS and NJ packs, active accounts."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from socialgov.accounts.models import Account, AdministratorDesignation
from socialgov.accounts.workflows import AccountStatus
from socialgov.core.testing import World
from socialgov.policies.packlib import load_pack
from socialgov.policies.services import pack_adopt


def adopt(world: World, name: str):
    return pack_adopt(actor=None, agency=world.agency, pack=load_pack(name))


@pytest.fixture
def lccs(world):
    """Lucas County Children Services: the PIO monitors twice each weekday, periodically on weekends."""
    return adopt(world, "lucas-county-cs")


@pytest.fixture
def nj(world):
    """The New Jersey framework: the account administrators monitor daily."""
    return adopt(world, "new-jersey")


def active_account(world: World, name: str = "Agency on Mastodon", *, activated_at: datetime | None = None,
                   administrator: str | None = "account_administrator", agency=None) -> Account:
    agency = agency or world.agency
    account = Account.objects.create(
        agency=agency, department=agency.departments.get(slug="communications"), name=name,
        platform="mastodon", status=AccountStatus.ACTIVATED, url="https://mastodon.social/@agency",
        handle="@agency", activated_at=activated_at or timezone.now() - timezone.timedelta(days=60))
    if administrator and agency == world.agency:
        AdministratorDesignation.objects.create(account=account, person=world.person(administrator),
                                                acknowledged_at=timezone.now())
    return account


@pytest.fixture
def account(world):
    return active_account(world)
