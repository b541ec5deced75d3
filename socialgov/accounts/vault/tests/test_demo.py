"""Demo data: each live account held by two custodians, with a strong password and recovery codes."""

from __future__ import annotations

import pytest

from socialgov.accounts.vault import demo, selectors
from socialgov.accounts.vault.keyring import keyring
from socialgov.accounts.vault.models import Custodian, SecretKind, SecretVersion
from socialgov.accounts.vault.passwords import check_password
from socialgov.accounts.vault.tests.factories import make_account


def _state(account) -> tuple:
    return (sorted(Custodian.objects.current().filter(account=account).values_list("person__full_name", flat=True)),
            sorted(account.secrets.values_list("kind", "current__number")), SecretVersion.objects.count())


@pytest.mark.requirement("KY-02")
def test_demo_gives_each_live_account_two_custodians_and_strong_secrets(world):
    account = make_account(world)
    draft = make_account(world, "A draft request", status="draft")
    demo.build(agency=world.agency, pack=None, prefix="t")
    custodians, secrets, _ = _state(account)
    assert len(custodians) == 2 and "Ari Alvarez" in custodians
    assert secrets == [("password", 1), ("recovery_codes", 1)]
    password = account.secrets.get(kind=SecretKind.PASSWORD).current
    value = keyring().decrypt(password.ciphertext, context=str(password.context))
    assert len(value) >= 20 and check_password(value, context=selectors.password_context(account)) == []
    codes = account.secrets.get(kind=SecretKind.RECOVERY_CODES).current
    assert len(keyring().decrypt(codes.ciphertext, context=str(codes.context)).splitlines()) == 10
    assert not draft.secrets.exists() and not draft.custodians.exists()


def test_demo_is_idempotent(world):
    account = make_account(world)
    demo.build(agency=world.agency, pack=None, prefix="t")
    first = _state(account)
    demo.build(agency=world.agency, pack=None, prefix="t")
    assert _state(account) == first
