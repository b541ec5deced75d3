"""The transparency log in the database: leaf and subtree stores, the one appender, signed heads.

Design principle: the log only appends, one writer at a time. Every appender locks the single
``LogHead`` row inside the batch's transaction, so a batch's leaves land with its versions or
not at all, and a leaf's index never changes. The appender hashes in memory and writes a batch's
leaves and new subtree hashes with one statement each when the batch is done.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

import orjson
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

#: Perfect subtrees below this level are not stored: one ``LogSubtree`` row per 256 leaves instead of one
#: per leaf, every one written at ingest. A proof or a root that needs a lower node recomputes it from
#: its leaves: at most 256, read in one query (``DatabaseLeafStore`` reads aligned blocks of them),
#: and 255 hashes. (Rows of lower levels kept by earlier versions are left alone and still verified.)
STORED_SUBTREE_MIN_LEVEL = 8
LEAF_BLOCK = 1 << STORED_SUBTREE_MIN_LEVEL


class DatabaseLeafStore:
    """``LeafHashStore`` over ``LogLeaf``; ``entry`` names the version or tombstone of the next append.

    Leaves are read in aligned blocks of ``LEAF_BLOCK`` and kept: a leaf never changes once written, and
    the nodes recomputed for a proof need the leaves around the one asked for."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._read: dict[int, bytes] = {}
        self.entry: dict[str, RecordVersion | Tombstone] = {}

    def count(self) -> int:
        return self._size

    def get(self, index: int) -> bytes:
        found = self._read.get(index) if 0 <= index < self._size else None
        if found is None and 0 <= index < self._size:
            start = index - index % LEAF_BLOCK
            block = LogLeaf.objects.filter(index__gte=start, index__lt=min(start + LEAF_BLOCK, self._size))
            self._read.update((at, bytes(leaf_hash)) for at, leaf_hash in block.values_list("index", "leaf_hash"))
            found = self._read.get(index)
        if found is None:
            raise IndexError(f"no leaf {index} in a log of {self._size}")
        return found

    def append(self, leaf_hash: bytes) -> int:
        LogLeaf.objects.create(index=self._size, leaf_hash=leaf_hash, **self.entry)
        self._size += 1
        return self._size - 1


class DatabaseSubtreeStore:
    """``SubtreeHashStore`` over ``LogSubtree``, for levels from ``STORED_SUBTREE_MIN_LEVEL`` up."""

    def get(self, level: int, index: int) -> bytes | None:
        if level < STORED_SUBTREE_MIN_LEVEL:
            return None
        found = LogSubtree.objects.filter(level=level, index=index).values_list("hash", flat=True).first()
        return bytes(found) if found is not None else None

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        if level >= STORED_SUBTREE_MIN_LEVEL:
            LogSubtree.objects.create(level=level, index=index, hash=node_hash)


@lru_cache(maxsize=16)
def _insert_spec(vendor: str, model, with_pk: bool, skip_existing: bool) -> tuple[str, list[tuple[str, str]]]:
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    kinds = [(f.attname, f.get_internal_type()) for f in fields]
    table, columns = model._meta.db_table, ", ".join(f'"{f.column}"' for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    tail = " ON CONFLICT DO NOTHING" if skip_existing else ""
    return f'INSERT INTO "{table}" ({columns}) VALUES ({marks}){tail}', kinds  # noqa: S608 - names from _meta


def insert_rows(connection, model, rows: list, *, with_pk: bool = True, skip_existing: bool = False) -> None:
    """Insert ``rows`` (objects carrying the model's attribute names) with one ``executemany``.

    The archive's write path: no model instances, no per-row statement building. Values are adapted
    the way the ORM adapts them (times, JSON); everything else is passed as is. ``skip_existing``: a row
    whose key is already there is left alone (``ON CONFLICT DO NOTHING``).
    """
    if not rows:
        return
    sql, kinds = _insert_spec(connection.vendor, model, with_pk, skip_existing)
    adapt = _adapters(connection)
    # The values are read in one C call per row; only the columns that need adapting are touched again.
    take = attrgetter(*(name for name, _ in kinds))
    converters = [(position, adapt[kind]) for position, (_, kind) in enumerate(kinds) if kind in adapt]
    # attrgetter of one name returns the value itself, of several a tuple
    values = [[take(row)] for row in rows] if len(kinds) == 1 else [list(take(row)) for row in rows]
    for position, convert in converters:
        last = converted = _NOTHING
        for row_values in values:
            value = row_values[position]
            if value is not last:      # the same object in many rows (an import's capture time) is adapted once
                last, converted = value, convert(value)
            row_values[position] = converted
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


_NOTHING = object()


def _adapters(connection) -> dict[str, Callable[[Any], Any]]:
    """How times and JSON are adapted, as the ORM does it; on SQLite the same strings, made directly."""
    ops = connection.ops
    if connection.vendor != "sqlite":
        return {"DateTimeField": ops.adapt_datetimefield_value,
                "JSONField": lambda value: ops.adapt_json_value(value, None)}
    zone = connection.timezone if settings.USE_TZ else None

    def sqlite_datetime(value: datetime | None) -> str | None:
        # DatabaseOperations.adapt_datetimefield_value: aware times made naive in the connection's zone.
        if value is None:
            return None
        if value.tzinfo is zone:                             # the ingest's times are UTC already
            # str() of the naive time: in UTC, the ISO form without its "+00:00".
            return value.isoformat(" ")[:-6] if zone is UTC else str(value.replace(tzinfo=None))
        if value.utcoffset() is not None:
            if zone is None:
                return ops.adapt_datetimefield_value(value)   # raises the ORM's own error
            value = value.astimezone(zone).replace(tzinfo=None)
        return str(value)

    def sqlite_json(value: Any) -> str:
        # The same JSON value as BaseDatabaseOperations.adapt_json_value (json.dumps), written compactly
        # in UTF-8 by orjson; read back, the two are equal.
        return orjson.dumps(value).decode()

    return {"DateTimeField": sqlite_datetime, "JSONField": sqlite_json}


class Row(SimpleNamespace):
    """A row for ``insert_rows``: attribute names as on the model. (``SimpleNamespace`` is built in C: a
    row costs a seventh of a Python ``__init__``, and an ingest makes five for every item.)"""

    __hash__ = object.__hash__    # a row is one row: by identity, never equal to another by its values
    __eq__ = object.__eq__


class _PendingLeafStore(DatabaseLeafStore):
    """Leaves appended in memory (with the version or tombstone each names) until ``flush`` writes them."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self._flushed = size
        self.pending: list[Row] = []

    def get(self, index: int) -> bytes:
        if self._flushed <= index < self._size:
            return self.pending[index - self._flushed].leaf_hash
        return super().get(index)

    def append(self, leaf_hash: bytes) -> int:
        self.pending.append(Row(index=self._size, leaf_hash=leaf_hash,
                                **({"version_id": None, "tombstone_id": None} | self.entry)))
        self._size += 1
        return self._size - 1

    def flush(self) -> None:
        insert_rows(transaction.get_connection(), LogLeaf, self.pending)
        self._flushed, self.pending = self._size, []


class _PendingSubtreeStore(DatabaseSubtreeStore):
    """Subtree hashes kept in memory until ``flush`` writes them."""

    def __init__(self) -> None:
        self.pending: dict[tuple[int, int], bytes] = {}

    def get(self, level: int, index: int) -> bytes | None:
        found = self.pending.get((level, index))
        return found if found is not None else super().get(level, index)

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        if level >= STORED_SUBTREE_MIN_LEVEL:
            self.pending[(level, index)] = node_hash

    def flush(self) -> None:
        nodes = [Row(level=level, index=index, hash=node_hash) for (level, index), node_hash in self.pending.items()]
        insert_rows(transaction.get_connection(), LogSubtree, nodes, with_pk=False)
        self.pending = {}


class LogAppender:
    """Appends in memory; the leaves and subtree hashes are written in bulk by ``flush`` (and on exit).

    The entries a leaf names are referred to by id (foreign keys are checked at commit).
    """

    def __init__(self, tree: MerkleTree, leaves: _PendingLeafStore, subtrees: _PendingSubtreeStore) -> None:
        self.tree, self._leaves, self._subtrees = tree, leaves, subtrees

    def append(self, digest_hex: str, **entry: int) -> int:
        """Append an entry (``version_id=`` or ``tombstone_id=``, saved by the flush) whose leaf input is the
        32-byte digest of its canonical bytes."""
        self._leaves.entry = entry
        try:
            return self.tree.append(bytes.fromhex(digest_hex))
        finally:
            self._leaves.entry = {}

    def flush(self) -> None:
        self._leaves.flush()
        self._subtrees.flush()


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
    leaves, subtrees = _PendingLeafStore(head.size), _PendingSubtreeStore()
    appender = LogAppender(MerkleTree(leaves, subtrees), leaves, subtrees)
    yield appender
    appender.flush()
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
