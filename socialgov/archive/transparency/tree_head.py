"""Signed tree heads: the log's signed statement "at this time, the tree of this size had this root".

The signature is Ed25519 over the canonical bytes of the head, five lines of ASCII, each ending
in a line feed (0x0A), with no other whitespace:

    socialgov-tree-head/1
    log_id=<log id, may be empty>
    tree_size=<decimal, no leading zeros>
    root_hash=<64 lowercase hex digits>
    timestamp_ms=<milliseconds since 1970-01-01T00:00:00Z, decimal, no leading zeros>

A log id is 0-255 printable ASCII characters without spaces (0x21-0x7E). The same format is
documented for outside verifiers in ``docs/verifying-records.md``.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from socialgov.archive.transparency.hashing import HASH_SIZE
from socialgov.archive.transparency.proofs import VerificationError
from socialgov.archive.transparency.signing import AnyKey, public_key_of

TREE_HEAD_VERSION = "socialgov-tree-head/1"
SIGNATURE_SIZE = 64
MAX_UINT64 = 2**64 - 1
_LOG_ID = re.compile(r"[!-~]{0,255}")
_HEX_HASH = re.compile(r"[0-9a-f]{64}")
_FIELDS = {"log_id", "tree_size", "root_hash", "timestamp_ms", "signature"}


@dataclass(frozen=True)
class TreeHead:
    """The tree size, its root hash, when the head was made, and which log it belongs to."""

    tree_size: int
    root_hash: bytes
    timestamp_ms: int
    log_id: str = ""

    def __post_init__(self) -> None:
        _require_uint64(self.tree_size, "tree_size")
        _require_uint64(self.timestamp_ms, "timestamp_ms")
        if not isinstance(self.root_hash, bytes) or len(self.root_hash) != HASH_SIZE:
            raise ValueError(f"root_hash must be {HASH_SIZE} bytes")
        if not isinstance(self.log_id, str) or not _LOG_ID.fullmatch(self.log_id):
            raise ValueError("log_id must be 0-255 printable ASCII characters without spaces")

    def signed_bytes(self) -> bytes:
        """The exact bytes the signature covers (see the module docstring)."""
        return (f"{TREE_HEAD_VERSION}\nlog_id={self.log_id}\ntree_size={self.tree_size}\n"
                f"root_hash={self.root_hash.hex()}\ntimestamp_ms={self.timestamp_ms}\n").encode("ascii")

    @property
    def timestamp(self) -> datetime:
        """The timestamp as an aware UTC datetime."""
        return datetime.fromtimestamp(self.timestamp_ms / 1000, tz=UTC)


@dataclass(frozen=True)
class SignedTreeHead:
    """A :class:`TreeHead` with the log's Ed25519 signature over :meth:`TreeHead.signed_bytes`."""

    head: TreeHead
    signature: bytes

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in proof bundles."""
        return {"log_id": self.head.log_id, "tree_size": self.head.tree_size,
                "root_hash": self.head.root_hash.hex(), "timestamp_ms": self.head.timestamp_ms,
                "signature": base64.b64encode(self.signature).decode("ascii")}

    @classmethod
    def from_dict(cls, data: Any) -> SignedTreeHead:
        """Parse the JSON form strictly: exactly the five fields, canonical spellings only."""
        if not isinstance(data, dict) or set(data) != _FIELDS:
            raise ValueError(f"a signed tree head has exactly the fields {sorted(_FIELDS)}")
        if not isinstance(data["root_hash"], str) or not _HEX_HASH.fullmatch(data["root_hash"]):
            raise ValueError("root_hash must be 64 lowercase hex digits")
        head = TreeHead(tree_size=data["tree_size"], root_hash=bytes.fromhex(data["root_hash"]),
                        timestamp_ms=data["timestamp_ms"], log_id=data["log_id"])
        return cls(head=head, signature=_decode_signature(data["signature"]))


def sign_tree_head(head: TreeHead, private_key: Ed25519PrivateKey) -> SignedTreeHead:
    """Sign ``head`` with the log's private key."""
    return SignedTreeHead(head=head, signature=private_key.sign(head.signed_bytes()))


def verify_tree_head(signed_head: SignedTreeHead, public_key: AnyKey) -> None:
    """Check the signature of ``signed_head``; raises :class:`VerificationError` if it does not hold."""
    try:
        public_key_of(public_key).verify(signed_head.signature, signed_head.head.signed_bytes())
    except InvalidSignature as exc:
        raise VerificationError("the tree head signature does not verify with this public key") from exc


def _decode_signature(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("signature must be a base64 string")
    try:
        signature = base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise ValueError("signature is not valid base64") from exc
    if len(signature) != SIGNATURE_SIZE:
        raise ValueError(f"an Ed25519 signature is {SIGNATURE_SIZE} bytes, not {len(signature)}")
    return signature


def _require_uint64(value: Any, name: str) -> None:
    if type(value) is not int or not 0 <= value <= MAX_UINT64:
        raise ValueError(f"{name} must be an integer from 0 to 2**64 - 1, not {value!r}")
