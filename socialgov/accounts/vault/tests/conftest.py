from __future__ import annotations

import pytest

from socialgov.accounts.vault.tests import factories


@pytest.fixture
def account(world):
    """A live account of the test agency, held by the account administrator and the PIO, with a password."""
    return factories.vault_account(world)


@pytest.fixture
def bare_account(world):
    """A live account with no custodians and no secrets."""
    return factories.make_account(world, "Programs on Bluesky", department="programs")
