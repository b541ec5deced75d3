"""Where the tree keeps its hashes: the leaf hash store and the subtree hash cache.

The tree never holds the log itself. It reads and appends leaf hashes through a
:class:`LeafHashStore` (in memory here; later a database table of record versions), and keeps
the hash of every *perfect* subtree (2**level leaves, aligned) in a :class:`SubtreeHashStore`,
so that any root or proof, for the current size or any earlier one, needs O(log n) lookups and
at most O(log n) hashing. Level 0 is the leaves themselves and is never stored twice.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from socialgov.archive.transparency.hashing import HASH_SIZE, is_hash

_MISSING = bytes(HASH_SIZE)  # all zeros: a gap in the in-memory cache (SHA-256 never yields it in practice)


@runtime_checkable
class LeafHashStore(Protocol):
    """An append-only, ordered list of leaf hashes (``SHA-256(0x00 || leaf input)``).

    Implementations must keep entries in append order and never change or drop one: a leaf's
    index is its position in the log forever.
    """

    def count(self) -> int:
        """The number of leaves stored."""

    def get(self, index: int) -> bytes:
        """The leaf hash at ``index`` (0-based); ``IndexError`` if there is none."""

    def append(self, leaf_hash: bytes) -> int:
        """Store ``leaf_hash`` as the next leaf and return its index."""


@runtime_checkable
class SubtreeHashStore(Protocol):
    """A cache of perfect-subtree hashes, keyed by ``(level, index)`` with ``level >= 1``.

    Node ``(level, index)`` covers leaves ``[index * 2**level, (index + 1) * 2**level)``. The cache
    may be empty or partial: the tree computes and stores any node it lacks. It must only ever
    hold hashes computed over the same leaf store.
    """

    def get(self, level: int, index: int) -> bytes | None:
        """The stored hash of node ``(level, index)``, or ``None``."""

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        """Store the hash of node ``(level, index)``."""


class MemoryLeafHashStore:
    """Leaf hashes packed into one ``bytearray`` (32 bytes a leaf: 32 MB for a million)."""

    def __init__(self) -> None:
        self._data = bytearray()

    def count(self) -> int:
        return len(self._data) // HASH_SIZE

    def get(self, index: int) -> bytes:
        if not 0 <= index < self.count():
            raise IndexError(f"no leaf {index} in a store of {self.count()}")
        return bytes(self._data[index * HASH_SIZE:(index + 1) * HASH_SIZE])

    def append(self, leaf_hash: bytes) -> int:
        if not is_hash(leaf_hash):
            raise ValueError(f"a leaf hash is {HASH_SIZE} bytes")
        self._data += leaf_hash
        return self.count() - 1


class MemorySubtreeHashStore:
    """Perfect-subtree hashes, one packed ``bytearray`` per level (about 32 bytes a leaf in all)."""

    def __init__(self) -> None:
        self._levels: list[bytearray] = []

    def get(self, level: int, index: int) -> bytes | None:
        if level < 1 or level > len(self._levels) or index < 0:
            return None
        row = self._levels[level - 1]
        value = bytes(row[index * HASH_SIZE:(index + 1) * HASH_SIZE])
        return value if len(value) == HASH_SIZE and value != _MISSING else None

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        if level < 1 or index < 0 or not is_hash(node_hash):
            raise ValueError("a subtree hash needs level >= 1, index >= 0 and 32 bytes")
        while len(self._levels) < level:
            self._levels.append(bytearray())
        row = self._levels[level - 1]
        end = (index + 1) * HASH_SIZE
        if len(row) < end:
            row.extend(bytes(end - len(row)))  # nodes may be filled out of order; gaps stay zero
        row[index * HASH_SIZE:end] = node_hash
