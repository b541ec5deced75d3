"""Ed25519 keys of the transparency log: generate, load, export, fingerprint.

The private key signs tree heads and never leaves the agency; the public key is published
(PEM, or the 32 raw bytes in base64) so that anyone can check a tree head offline. A key's
fingerprint is ``sha256:`` followed by the hex SHA-256 of its 32 raw public bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

RAW_KEY_SIZE = 32
AnyKey = Ed25519PrivateKey | Ed25519PublicKey


class KeyFormatError(ValueError):
    """The bytes given are not an Ed25519 key in a format we accept."""


def generate_signing_key() -> Ed25519PrivateKey:
    """A new random Ed25519 signing key."""
    return Ed25519PrivateKey.generate()


def load_private_key(data: bytes | str, password: bytes | None = None) -> Ed25519PrivateKey:
    """An Ed25519 private key from PKCS#8 PEM (optionally encrypted) or its 32 raw bytes."""
    raw = data.encode("ascii") if isinstance(data, str) else data
    if len(raw) == RAW_KEY_SIZE and not raw.startswith(b"-----"):
        return Ed25519PrivateKey.from_private_bytes(raw)
    try:
        key = serialization.load_pem_private_key(raw, password=password)
    except (ValueError, TypeError) as exc:
        raise KeyFormatError(f"not a PEM private key or 32 raw bytes: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFormatError(f"the transparency log signs with Ed25519, not {type(key).__name__}")
    return key


def private_key_pem(key: Ed25519PrivateKey, password: bytes | None = None) -> bytes:
    """The private key as PKCS#8 PEM, encrypted with ``password`` when one is given."""
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def load_public_key(data: bytes | str) -> Ed25519PublicKey:
    """An Ed25519 public key from SubjectPublicKeyInfo PEM, its 32 raw bytes, or those bytes in base64."""
    raw = data.encode("ascii") if isinstance(data, str) else data
    if raw.lstrip().startswith(b"-----BEGIN"):
        return _public_key_from_pem(raw)
    if len(raw) == RAW_KEY_SIZE:
        return Ed25519PublicKey.from_public_bytes(raw)
    try:
        decoded = base64.b64decode(raw.strip(), validate=True)
    except binascii.Error as exc:
        raise KeyFormatError("not a PEM public key, 32 raw bytes or base64 of 32 raw bytes") from exc
    if len(decoded) != RAW_KEY_SIZE:
        raise KeyFormatError(f"a raw Ed25519 public key is {RAW_KEY_SIZE} bytes, not {len(decoded)}")
    return Ed25519PublicKey.from_public_bytes(decoded)


def public_key_of(key: AnyKey) -> Ed25519PublicKey:
    """The public half of ``key`` (or ``key`` itself when it is already public)."""
    return key.public_key() if isinstance(key, Ed25519PrivateKey) else key


def raw_public_key(key: AnyKey) -> bytes:
    """The 32 raw bytes of the public key (RFC 8032 encoding)."""
    return public_key_of(key).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem(key: AnyKey) -> str:
    """The public key as SubjectPublicKeyInfo PEM text."""
    pem = public_key_of(key).public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return pem.decode("ascii")


def public_key_base64(key: AnyKey) -> str:
    """The 32 raw public key bytes in standard base64 (44 characters)."""
    return base64.b64encode(raw_public_key(key)).decode("ascii")


def public_key_fingerprint(key: AnyKey) -> str:
    """``sha256:<hex>`` of the raw public key: short enough to read aloud and compare."""
    return "sha256:" + hashlib.sha256(raw_public_key(key)).hexdigest()


def _public_key_from_pem(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise KeyFormatError(f"not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFormatError(f"the transparency log signs with Ed25519, not {type(key).__name__}")
    return key
