"""The key ring: authenticated encryption, binding to the row, rotation across keys (KY-02)."""

from __future__ import annotations

import base64

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from socialgov.accounts.vault.keyring import KeyRing, UnreadableSecret, development_key, key_id, parse_keys

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
VALUE = "orchid lantern gravel mosaic"


def test_value_round_trips_and_ciphertext_does_not_contain_it():
    ring = KeyRing([NEW])
    token = ring.encrypt(VALUE, context="row-1")
    assert VALUE not in token and VALUE.encode() not in base64.urlsafe_b64decode(token)
    assert ring.decrypt(token, context="row-1") == VALUE


def test_same_value_encrypts_differently_each_time():
    ring = KeyRing([NEW])
    assert ring.encrypt(VALUE, context="row-1") != ring.encrypt(VALUE, context="row-1")


@pytest.mark.requirement("KY-02")
@pytest.mark.parametrize("tamper", [
    lambda t: t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB"),   # changed signature
    lambda t: t[:40] + ("x" if t[40] != "x" else "y") + t[41:],          # changed ciphertext byte
    lambda t: t[:-20],                                                   # truncated
    lambda t: "",                                                        # emptied
    lambda t: "not base64 at all ✗",                                     # garbage
], ids=["signature", "body", "truncated", "empty", "garbage"])
def test_tampered_ciphertext_is_refused(tamper):
    ring = KeyRing([NEW])
    with pytest.raises(UnreadableSecret):
        ring.decrypt(tamper(ring.encrypt(VALUE, context="row-1")), context="row-1")


@pytest.mark.requirement("KY-02")
def test_ciphertext_moved_to_another_row_is_refused():
    ring = KeyRing([NEW])
    with pytest.raises(UnreadableSecret, match="another record"):
        ring.decrypt(ring.encrypt(VALUE, context="row-1"), context="row-2")


def test_unreadable_message_never_carries_the_value_or_token():
    ring = KeyRing([NEW])
    token = ring.encrypt(VALUE, context="row-1")
    with pytest.raises(UnreadableSecret) as caught:
        KeyRing([OLD]).decrypt(token, context="row-1")
    assert VALUE not in str(caught.value) and token not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_older_key_still_decrypts_and_rotation_moves_to_newest():
    token = KeyRing([OLD]).encrypt(VALUE, context="row-1")
    ring = KeyRing([NEW, OLD])
    assert ring.key_id_of(token) == key_id(OLD)
    rotated = ring.rotate(token)
    assert ring.key_id_of(rotated) == key_id(NEW) == ring.primary_id
    assert KeyRing([NEW]).decrypt(rotated, context="row-1") == VALUE


def test_key_removed_too_early_makes_value_unreadable():
    token = KeyRing([OLD]).encrypt(VALUE, context="row-1")
    assert KeyRing([NEW]).key_id_of(token) is None
    with pytest.raises(UnreadableSecret):
        KeyRing([NEW]).rotate(token)


def test_key_id_is_short_stable_and_reveals_nothing():
    assert key_id(NEW) == key_id(NEW.encode()) and len(key_id(NEW)) == 12 and key_id(NEW) not in NEW
    assert key_id(NEW) != key_id(OLD)


@pytest.mark.parametrize(("raw", "expected"), [
    ("", []),
    (NEW, [NEW]),
    (f"{NEW},{OLD}", [NEW, OLD]),
    (f" {NEW} ,\n{OLD}\n", [NEW, OLD]),
    (f"{NEW}\n{OLD}", [NEW, OLD]),
])
def test_keys_parse_from_commas_or_lines_newest_first(raw, expected):
    assert parse_keys(raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("short", "key #1 is not a vault key"),
    (f"{NEW},{'x' * 44}", "key #2 is not a vault key"),
    (f"{NEW},{NEW}", "listed twice"),
])
def test_bad_keys_are_named_by_position_never_by_value(raw, message):
    with pytest.raises(ImproperlyConfigured, match=message) as caught:
        parse_keys(raw)
    assert NEW not in str(caught.value)


def test_a_key_ring_needs_a_key():
    with pytest.raises(ImproperlyConfigured, match="VAULT_KEYS"):
        KeyRing([])


def test_development_key_is_made_once_and_private(tmp_path):
    path = tmp_path / ".vault_key"
    first = development_key(path)
    assert development_key(path) == first and parse_keys(first) == [first]
    assert path.stat().st_mode & 0o777 == 0o600
