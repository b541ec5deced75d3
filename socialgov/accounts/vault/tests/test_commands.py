"""``socialgov vault rotate|check|genkey``: key rotation, idempotent and in batches, audited with
counts only; every stored value checked and named by the key it uses; tampering named by id (KY-02)."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.test import override_settings

from socialgov.accounts.vault import services
from socialgov.accounts.vault.keyring import key_id, keyring, parse_keys
from socialgov.accounts.vault.models import SecretKind, SecretVersion
from socialgov.accounts.vault.tests.factories import CODES, NEW_PASSWORD, PASSWORD, TOKEN
from socialgov.core.audit import verify_chain
from socialgov.core.models import AuditEvent

NEW = Fernet.generate_key().decode()


def _run(*args) -> str:
    out = io.StringIO()
    call_command("vault", *args, stdout=out)
    return out.getvalue()


def _fill(world, account) -> None:
    """Four stored versions under the current (old) key: two of the password, codes, a token."""
    pw = account.secrets.get(kind=SecretKind.PASSWORD)
    services.secret_change(actor=world.user("pio"), secret=pw, value=NEW_PASSWORD)
    services.secret_create(actor=world.user("pio"), account=account, kind=SecretKind.RECOVERY_CODES, label="Main",
                           value=CODES)
    services.secret_create(actor=world.user("pio"), account=account, kind=SecretKind.API_TOKEN, label="Main",
                           value=TOKEN)


def test_genkey_prints_a_usable_key():
    key = _run("genkey").strip()
    assert parse_keys(key) == [key]


@pytest.mark.requirement("KY-02")
def test_rotate_moves_every_version_to_the_newest_key_in_batches_and_is_idempotent(world, account, settings):
    _fill(world, account)
    old = settings.VAULT_KEYS[0]
    with override_settings(VAULT_KEYS=[NEW, old]):
        out = _run("rotate", "--batch-size", "3")
        assert "4 re-encrypted, 0 already on it, 0 unreadable (of 4 stored versions)" in out
        assert set(SecretVersion.objects.values_list("key_id", flat=True)) == {key_id(NEW)}
        assert "4 re-encrypted" not in _run("rotate") and "0 re-encrypted, 4 already on it" in _run("rotate")
    with override_settings(VAULT_KEYS=[NEW]):   # the old key removed: everything still opens
        assert services.secret_reveal(actor=world.user("pio"), secret=account.secrets.get(kind="password"),
                                      reason="after rotation") == NEW_PASSWORD
        old_version = SecretVersion.objects.get(secret__kind="password", number=1)
        assert keyring().decrypt(old_version.ciphertext, context=str(old_version.context)) == PASSWORD


@pytest.mark.requirement("KY-02")
def test_rotation_is_audited_with_counts_only(world, account, settings):
    _fill(world, account)
    with override_settings(VAULT_KEYS=[NEW, settings.VAULT_KEYS[0]]):
        _run("rotate")
    event = AuditEvent.objects.filter(action="vault.keys.rotate").first()
    assert event.after == {"checked": 4, "rotated": 4, "already_newest": 0, "unreadable": 0}
    assert verify_chain().ok


@pytest.mark.requirement("KY-02")
def test_check_says_which_key_each_version_uses(world, account, settings):
    old = settings.VAULT_KEYS[0]
    _fill(world, account)
    with override_settings(VAULT_KEYS=[NEW, old]):
        out = _run("check")
        assert out.count(f"key {key_id(old)} (older key #2)") == 4
        assert f"key {key_id(NEW)} (newest, encrypts): 0 version(s)" in out
        assert "4 on an older key: run `socialgov vault rotate`" in out
        _run("rotate")
        assert out != (out := _run("check", "--summary"))
        assert f"key {key_id(NEW)} (newest, encrypts): 4 version(s)" in out and "vault OK: 4" in out
        assert "secret #" not in out


@pytest.mark.requirement("KY-02")
def test_check_and_rotate_name_a_tampered_version_and_carry_on(world, account):
    _fill(world, account)
    bad = SecretVersion.objects.get(secret__kind="api_token")
    SecretVersion.objects.filter(pk=bad.pk).update(ciphertext=bad.ciphertext[:-3] + "AAA")
    with pytest.raises(CommandError, match="1 of 4 stored version"):
        _run("check")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("vault", "check", stdout=out)
    assert f"secret #{bad.secret_id} version 1 (#{bad.pk}): UNREADABLE" in out.getvalue()
    assert TOKEN not in out.getvalue()
    with pytest.raises(CommandError, match="1 stored version"):
        _run("rotate")


def test_check_names_a_value_moved_to_another_record(world, account):
    _fill(world, account)
    codes = SecretVersion.objects.get(secret__kind="recovery_codes")
    token = SecretVersion.objects.get(secret__kind="api_token")
    SecretVersion.objects.filter(pk=token.pk).update(ciphertext=codes.ciphertext)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("vault", "check", stdout=out)
    assert f"(#{token.pk}): UNREADABLE: the ciphertext belongs to another record" in out.getvalue()
