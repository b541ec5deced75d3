"""The transparency log in the database: leaf and subtree stores, the one appender, signed heads.

Design principle: the log only appends, one writer at a time. Every appender locks the single
``LogHead`` row inside the batch's transaction, so a batch's leaves land with its versions or
not at all, and a leaf's index never changes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import transaction

from socialgov.archive.models import LogHead, LogLeaf, LogSubtree, RecordVersion, SignedTreeHeadRecord, Tombstone
from socialgov.archive.transparency import (
    MerkleTree,
    SignedTreeHead,
    TreeHead,
    load_private_key,
    public_key_fingerprint,
    sign_tree_head,
)
from socialgov.core.audit import audit_record


class DatabaseLeafStore:
    """``LeafHashStore`` over ``LogLeaf``; ``entry`` names the version or tombstone of the next append."""

    def __init__(self, size: int) -> None:
        self._size = size
        self.entry: dict[str, RecordVersion | Tombstone] = {}

    def count(self) -> int:
        return self._size

    def get(self, index: int) -> bytes:
        found = LogLeaf.objects.filter(index=index).values_list("leaf_hash", flat=True).first()
        if found is None or index >= self._size:
            raise IndexError(f"no leaf {index} in a log of {self._size}")
        return bytes(found)

    def append(self, leaf_hash: bytes) -> int:
        LogLeaf.objects.create(index=self._size, leaf_hash=leaf_hash, **self.entry)
        self._size += 1
        return self._size - 1


class DatabaseSubtreeStore:
    """``SubtreeHashStore`` over ``LogSubtree``."""

    def get(self, level: int, index: int) -> bytes | None:
        found = LogSubtree.objects.filter(level=level, index=index).values_list("hash", flat=True).first()
        return bytes(found) if found is not None else None

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        LogSubtree.objects.create(level=level, index=index, hash=node_hash)


class LogAppender:
    def __init__(self, tree: MerkleTree, leaves: DatabaseLeafStore) -> None:
        self.tree, self._leaves = tree, leaves

    def append(self, digest_hex: str, **entry: RecordVersion | Tombstone) -> int:
        """Append an entry whose leaf input is the 32-byte digest of its canonical bytes."""
        self._leaves.entry = entry
        try:
            return self.tree.append(bytes.fromhex(digest_hex))
        finally:
            self._leaves.entry = {}


def _locked_head() -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        LogHead.objects.get_or_create(pk=1)
        head = LogHead.objects.select_for_update().get(pk=1)
    return head


@contextmanager
def log_appender() -> Iterator[LogAppender]:
    """The log's one writer, for the duration of the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("the transparency log is appended to inside the batch's transaction only")
    head = _locked_head()
    leaves = DatabaseLeafStore(head.size)
    appender = LogAppender(MerkleTree(leaves, DatabaseSubtreeStore()), leaves)
    yield appender
    LogHead.objects.filter(pk=1).update(size=appender.tree.size)


@lru_cache(maxsize=4)
def _key(pem: str) -> Ed25519PrivateKey:
    return load_private_key(pem.encode("ascii"))


def signing_key() -> Ed25519PrivateKey:
    return _key(settings.ARCHIVE_SIGNING_KEY)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def tree_head_sign(*, actor=None) -> SignedTreeHeadRecord:
    """Sign the log's current head and keep the signed statement."""
    with transaction.atomic():
        head = _locked_head()
        tree = MerkleTree(DatabaseLeafStore(head.size), DatabaseSubtreeStore())
        tree_head = TreeHead(tree_size=tree.size, root_hash=tree.root(), timestamp_ms=_now_ms(),
                             log_id=settings.ARCHIVE_LOG_ID)
        signed = sign_tree_head(tree_head, signing_key())
        row = SignedTreeHeadRecord.objects.create(
            tree_size=tree_head.tree_size, root_hash=tree_head.root_hash, timestamp_ms=tree_head.timestamp_ms,
            log_id=tree_head.log_id, signature=signed.signature,
            key_fingerprint=public_key_fingerprint(signing_key().public_key()))
        audit_record(action="archive.tree_head_signed", actor=actor, target=row,
                     after={"tree_size": row.tree_size, "root_hash": tree_head.root_hash.hex(),
                            "key_fingerprint": row.key_fingerprint})
    return row


def signed_head_of(row: SignedTreeHeadRecord) -> SignedTreeHead:
    head = TreeHead(tree_size=row.tree_size, root_hash=bytes(row.root_hash), timestamp_ms=row.timestamp_ms,
                    log_id=row.log_id)
    return SignedTreeHead(head=head, signature=bytes(row.signature))
