"""The vault's key ring: authenticated encryption of account credentials at rest (KY-02).

Design principle: a stored credential is only ever a Fernet token (AES-128-CBC with an
HMAC-SHA256 over it) whose plaintext starts with the identity of the row that holds it. A
changed, truncated or moved ciphertext therefore fails to open and is reported by the row's id;
it is never silently accepted and never shown. Keys are listed newest first: the newest
encrypts, every listed key decrypts, and ``socialgov vault rotate`` moves old tokens onto the
newest key so an old key can then be removed.

No ORM here: settings call ``parse_keys`` and ``development_key`` at start-up, and the
services and the ``vault`` command use ``keyring()``.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.core.exceptions import ImproperlyConfigured

_HEADER = b"socialgov-vault-v1:"


class UnreadableSecret(Exception):
    """A ciphertext no configured key opens, or one that belongs to another row: it was
    tampered with, moved, or encrypted under a key that is no longer configured."""


def key_id(key: str | bytes) -> str:
    """A short, stable name for a key that reveals nothing about it (shown by ``vault check``)."""
    raw = key.encode("ascii") if isinstance(key, str) else key
    return hashlib.sha256(b"socialgov-vault-key-id\x00" + raw.strip()).hexdigest()[:12]


def parse_keys(raw: str, *, source: str = "VAULT_KEYS") -> list[str]:
    """Keys separated by commas or white space (one per line in a file), newest first."""
    keys = [part for part in re.split(r"[\s,]+", raw.strip()) if part]
    for position, key in enumerate(keys, 1):
        try:
            Fernet(key)
        except (ValueError, binascii.Error):
            # Name the position, never the value: the value may be a real key with a typo.
            raise ImproperlyConfigured(
                f"{source}: key #{position} is not a vault key (32 url-safe base64-encoded bytes). "
                "Make one with `socialgov vault genkey`.") from None
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"{source}: the same key is listed twice.")
    return keys


def development_key(path: Path) -> str:
    """A key generated once into the data directory, for development only (like the secret key)."""
    if not path.exists():
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def _header(context: str) -> bytes:
    return _HEADER + context.encode("utf-8")


def _bind(value: str, context: str) -> bytes:
    return _header(context) + b"\n" + value.encode("utf-8")


class KeyRing:
    """The configured keys, newest first."""

    def __init__(self, keys: Sequence[str]):
        if not keys:
            raise ImproperlyConfigured("The credential vault has no key: set VAULT_KEYS or VAULT_KEYS_FILE.")
        self._fernets = [Fernet(key) for key in keys]
        self._multi = MultiFernet(self._fernets)
        self.key_ids = [key_id(key) for key in keys]

    @property
    def primary_id(self) -> str:
        return self.key_ids[0]

    def encrypt(self, value: str, *, context: str) -> str:
        """Encrypt ``value`` under the newest key, bound to ``context`` (the holding row's identity)."""
        return self._multi.encrypt(_bind(value, context)).decode("ascii")

    def decrypt(self, token: str, *, context: str) -> str:
        try:
            plaintext = self._multi.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeEncodeError):
            raise UnreadableSecret("the ciphertext does not open with any configured key") from None
        header, _, value = plaintext.partition(b"\n")
        if header != _header(context):
            raise UnreadableSecret("the ciphertext belongs to another record")
        return value.decode("utf-8")

    def key_id_of(self, token: str) -> str | None:
        """The id of the key that opens ``token``, or None if none does."""
        for ident, fernet in zip(self.key_ids, self._fernets, strict=True):
            try:
                fernet.decrypt(token.encode("ascii"))
            except (InvalidToken, UnicodeEncodeError):
                continue
            return ident
        return None

    def rotate(self, token: str) -> str:
        """The same plaintext (and timestamp) encrypted under the newest key."""
        try:
            return self._multi.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeEncodeError):
            raise UnreadableSecret("the ciphertext does not open with any configured key") from None


@lru_cache(maxsize=4)
def _ring(keys: tuple[str, ...]) -> KeyRing:
    return KeyRing(keys)


def keyring() -> KeyRing:
    """The key ring of the current settings (``VAULT_KEYS``)."""
    from django.conf import settings

    return _ring(tuple(settings.VAULT_KEYS))
