"""The transparency log: a Merkle tree, the key that signs its heads, and the bundles it hands out.

Design principle: the log only appends. Every head it signs commits to everything before it,
so a later head that does not extend an earlier one cannot get a consistency proof, and anyone
holding an earlier signed head can tell.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from socialgov.archive.transparency import bundles
from socialgov.archive.transparency.hashing import record_leaf_input
from socialgov.archive.transparency.tree import MerkleTree
from socialgov.archive.transparency.tree_head import SignedTreeHead, TreeHead, sign_tree_head


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class TransparencyLog:
    """Append record versions, sign tree heads, and produce proof bundles for exports."""

    def __init__(self, signing_key: Ed25519PrivateKey, *, tree: MerkleTree | None = None, log_id: str = "",
                 clock: Callable[[], int] = _now_ms) -> None:
        self.tree = tree if tree is not None else MerkleTree()
        self.log_id = log_id
        self._signing_key = signing_key
        self._clock = clock

    @property
    def public_key(self) -> Ed25519PublicKey:
        """The key that verifies this log's tree heads."""
        return self._signing_key.public_key()

    def append_record(self, record_bytes: bytes) -> int:
        """Append a record version (its leaf input is the SHA-256 of its bytes); returns its index."""
        return self.tree.append(record_leaf_input(record_bytes))

    def sign_head(self, tree_size: int | None = None) -> SignedTreeHead:
        """Sign the head of the tree at ``tree_size`` (default: now), timestamped by the log's clock."""
        size = self.tree.size if tree_size is None else tree_size
        head = TreeHead(tree_size=size, root_hash=self.tree.root(size), timestamp_ms=self._clock(), log_id=self.log_id)
        return sign_tree_head(head, self._signing_key)

    def inclusion_bundle(self, leaf_index: int, signed_head: SignedTreeHead, *, record_bytes: bytes | None = None,
                         record: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``socialgov-proof/1`` inclusion bundle of a record version against ``signed_head``."""
        leaf_input = record_leaf_input(record_bytes) if record_bytes is not None else None
        return bundles.inclusion_bundle(self.tree, signed_head, leaf_index, self.public_key,
                                        leaf_input=leaf_input, record=record)

    def consistency_bundle(self, first: SignedTreeHead, second: SignedTreeHead) -> dict[str, Any]:
        """The ``socialgov-proof/1`` consistency bundle between two of this log's signed heads."""
        return bundles.consistency_bundle(self.tree, first, second, self.public_key)
