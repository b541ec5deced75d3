"""Log keys and signed tree heads: the exact signed bytes, a pinned signature, and every tampering refused."""

from __future__ import annotations

import base64
import dataclasses

import pytest

from socialgov.archive.transparency.proofs import VerificationError
from socialgov.archive.transparency.signing import (
    KeyFormatError,
    generate_signing_key,
    load_private_key,
    load_public_key,
    private_key_pem,
    public_key_base64,
    public_key_fingerprint,
    public_key_pem,
    raw_public_key,
)
from socialgov.archive.transparency.testing import CT_ROOTS
from socialgov.archive.transparency.tree_head import SignedTreeHead, TreeHead, sign_tree_head, verify_tree_head

# RFC 8032 §7.1, TEST 1: a published Ed25519 key pair.
RFC8032_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC8032_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")

GOLDEN_HEAD = TreeHead(tree_size=8, root_hash=CT_ROOTS[8], timestamp_ms=1_700_000_000_000, log_id="example.gov/records")
GOLDEN_BYTES = (b"socialgov-tree-head/1\n"
                b"log_id=example.gov/records\n"
                b"tree_size=8\n"
                b"root_hash=5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n"
                b"timestamp_ms=1700000000000\n")
# Ed25519 is deterministic; this was also checked with `openssl pkeyutl -verify -rawin` (see docs/verifying-records.md).
GOLDEN_SIGNATURE = "Ptv30xrT+r0xCs33hyCILkLij3mSEkgrA0Zp9OEKBMXW33u9rdAOHG5ZcFASWLREDUKD4O4tJv6/ia+lCqyGCA=="


@pytest.fixture
def rfc_key():
    return load_private_key(RFC8032_SECRET)


def test_a_raw_private_key_loads_to_the_rfc8032_public_key(rfc_key):
    assert raw_public_key(rfc_key) == RFC8032_PUBLIC
    assert public_key_base64(rfc_key) == base64.b64encode(RFC8032_PUBLIC).decode()
    assert public_key_fingerprint(rfc_key) == "sha256:21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"


@pytest.mark.parametrize("password", [None, b"correct horse battery staple"])
def test_a_private_key_round_trips_through_pem(password):
    key = generate_signing_key()
    loaded = load_private_key(private_key_pem(key, password), password)
    assert raw_public_key(loaded) == raw_public_key(key)


def test_an_encrypted_pem_without_its_password_is_refused():
    with pytest.raises(KeyFormatError):
        load_private_key(private_key_pem(generate_signing_key(), b"secret"))


@pytest.mark.parametrize("form", ["pem", "pem bytes", "raw", "base64", "base64 bytes"])
def test_a_public_key_loads_from_each_published_form(rfc_key, form):
    published = {"pem": public_key_pem(rfc_key), "pem bytes": public_key_pem(rfc_key).encode(),
                 "raw": RFC8032_PUBLIC, "base64": public_key_base64(rfc_key),
                 "base64 bytes": public_key_base64(rfc_key).encode() + b"\n"}[form]
    assert raw_public_key(load_public_key(published)) == RFC8032_PUBLIC


@pytest.mark.parametrize("data", [
    b"", b"not a key", base64.b64encode(b"x" * 31), b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
])
def test_malformed_public_keys_are_refused(data):
    with pytest.raises(KeyFormatError):
        load_public_key(data)


def test_keys_of_other_algorithms_are_refused():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    other = ec.generate_private_key(ec.SECP256R1())
    pem = other.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    with pytest.raises(KeyFormatError, match="Ed25519"):
        load_private_key(pem)
    with pytest.raises(KeyFormatError, match="Ed25519"):
        load_public_key(other.public_key().public_bytes(serialization.Encoding.PEM,
                                                        serialization.PublicFormat.SubjectPublicKeyInfo))


def test_the_signed_bytes_are_the_documented_canonical_lines():
    assert GOLDEN_HEAD.signed_bytes() == GOLDEN_BYTES
    assert TreeHead(0, CT_ROOTS[1], 0).signed_bytes().splitlines()[1] == b"log_id="


def test_signing_the_golden_head_with_the_rfc8032_key_gives_the_pinned_signature(rfc_key):
    signed = sign_tree_head(GOLDEN_HEAD, rfc_key)
    assert signed.to_dict() == {"log_id": "example.gov/records", "tree_size": 8, "root_hash": CT_ROOTS[8].hex(),
                                "timestamp_ms": 1_700_000_000_000, "signature": GOLDEN_SIGNATURE}
    verify_tree_head(signed, load_public_key(RFC8032_PUBLIC))


@pytest.mark.parametrize("change", [
    {"tree_size": 9}, {"timestamp_ms": 1_700_000_000_001}, {"log_id": "example.gov/other"},
    {"root_hash": CT_ROOTS[7]},
])
def test_a_changed_field_breaks_the_signature(rfc_key, change):
    signed = sign_tree_head(GOLDEN_HEAD, rfc_key)
    forged = SignedTreeHead(dataclasses.replace(GOLDEN_HEAD, **change), signed.signature)
    with pytest.raises(VerificationError):
        verify_tree_head(forged, rfc_key.public_key())


def test_a_flipped_signature_bit_or_another_key_is_refused(rfc_key):
    signed = sign_tree_head(GOLDEN_HEAD, rfc_key)
    flipped = SignedTreeHead(GOLDEN_HEAD, bytes([signed.signature[0] ^ 1]) + signed.signature[1:])
    with pytest.raises(VerificationError):
        verify_tree_head(flipped, rfc_key)
    with pytest.raises(VerificationError):
        verify_tree_head(signed, generate_signing_key().public_key())


def test_a_signed_head_round_trips_through_json(rfc_key):
    signed = sign_tree_head(GOLDEN_HEAD, rfc_key)
    assert SignedTreeHead.from_dict(signed.to_dict()) == signed


@pytest.mark.parametrize("change", [
    {"extra": 1}, {"tree_size": "8"}, {"tree_size": -1}, {"tree_size": True}, {"timestamp_ms": 2**64},
    {"root_hash": CT_ROOTS[8].hex().upper()}, {"root_hash": CT_ROOTS[8].hex()[:-2]}, {"log_id": "has space"},
    {"log_id": "line\nbreak"}, {"signature": "not base64!"}, {"signature": base64.b64encode(b"x" * 63).decode()},
])
def test_malformed_signed_heads_are_refused(rfc_key, change):
    data = sign_tree_head(GOLDEN_HEAD, rfc_key).to_dict() | change
    with pytest.raises(ValueError):
        SignedTreeHead.from_dict(data)


def test_a_tree_head_carries_its_time_in_utc():
    assert GOLDEN_HEAD.timestamp.isoformat() == "2023-11-14T22:13:20+00:00"
