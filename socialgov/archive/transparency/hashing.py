"""RFC 6962 / RFC 9162 hashing: SHA-256 with one-byte domain separation for leaves and nodes.

The prefixes are what stop a second-preimage attack: an interior node can never be passed off
as a leaf (or the other way round) because the two are hashed with different first bytes.
"""

from __future__ import annotations

import hashlib

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT_HASH = hashlib.sha256(b"").digest()  # MTH({}), the root of the empty tree


def leaf_hash(leaf_input: bytes) -> bytes:
    """``SHA-256(0x00 || leaf_input)``: the hash of one entry of the log."""
    return hashlib.sha256(LEAF_PREFIX + leaf_input).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``: the hash of an interior node."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def record_leaf_input(record_bytes: bytes) -> bytes:
    """The leaf input for a record version: the 32-byte SHA-256 of its exact bytes."""
    return hashlib.sha256(record_bytes).digest()


def largest_power_of_two_below(n: int) -> int:
    """The ``k`` of RFC 9162 §2.1.1: the largest power of two strictly smaller than ``n`` (n > 1)."""
    if n < 2:
        raise ValueError(f"no power of two is both below {n} and at least 1")
    return 1 << ((n - 1).bit_length() - 1)


def is_hash(value: object) -> bool:
    """True for a ``bytes`` value of exactly :data:`HASH_SIZE` bytes."""
    return isinstance(value, bytes) and len(value) == HASH_SIZE
