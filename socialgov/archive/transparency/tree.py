"""The append-only Merkle tree of the transparency log (RFC 9162 §2.1), over pluggable hash stores.

Design principle: the tree only ever grows. Appending is O(log n) worst case and O(1) amortized:
the tree keeps the *compact range* of the current size (the hashes of the perfect subtrees that
make up ``[0, size)``, one per set bit of the size) and stores every perfect subtree hash as it
completes. The root of any size, and any inclusion or consistency proof, is then assembled from
O(log n) stored subtree hashes plus O(log n) fresh hashes, following the RFC's recursive
definitions (``rfc9162.py`` is the literal transcription the tests compare against).
"""

from __future__ import annotations

from collections.abc import Iterable

from socialgov.archive.transparency.hashing import (
    EMPTY_ROOT_HASH,
    is_hash,
    largest_power_of_two_below,
    leaf_hash,
    node_hash,
)
from socialgov.archive.transparency.stores import (
    LeafHashStore,
    MemoryLeafHashStore,
    MemorySubtreeHashStore,
    SubtreeHashStore,
)


class MerkleTree:
    """An RFC 9162 Merkle tree over a :class:`LeafHashStore`, with a :class:`SubtreeHashStore` cache.

    One instance should be the only writer of its stores (the database-backed log will hold a
    lock while appending). Reads of earlier tree sizes are always consistent.
    """

    def __init__(self, leaves: LeafHashStore | None = None, subtrees: SubtreeHashStore | None = None) -> None:
        self._leaves = leaves if leaves is not None else MemoryLeafHashStore()
        self._subtrees = subtrees if subtrees is not None else MemorySubtreeHashStore()
        self._size = self._leaves.count()
        self._frontier = [self._node(level, index) for level, index in _compact_range(self._size)]

    @property
    def size(self) -> int:
        """The number of leaves in the tree."""
        return self._size

    def append(self, leaf_input: bytes) -> int:
        """Append an entry (its leaf hash is ``SHA-256(0x00 || leaf_input)``) and return its index."""
        return self.append_leaf_hash(leaf_hash(leaf_input))

    def extend(self, leaf_inputs: Iterable[bytes]) -> range:
        """Append several entries in order; returns the range of their indexes."""
        first = self._size
        for leaf_input in leaf_inputs:
            self.append(leaf_input)
        return range(first, self._size)

    def append_leaf_hash(self, hashed_leaf: bytes) -> int:
        """Append an already hashed leaf and return its index."""
        if not is_hash(hashed_leaf):
            raise ValueError("a leaf hash is 32 bytes")
        index = self._leaves.append(hashed_leaf)
        if index != self._size:
            raise RuntimeError(f"the leaf store gave index {index} for leaf {self._size}: another writer appended")
        level, node_index, current = 0, index, hashed_leaf
        while node_index & 1:  # each trailing 1 bit completes a perfect subtree
            current = node_hash(self._frontier.pop(), current)
            level, node_index = level + 1, node_index >> 1
            self._subtrees.put(level, node_index, current)
        self._frontier.append(current)
        self._size += 1
        return index

    def leaf_hash(self, index: int) -> bytes:
        """The stored leaf hash of entry ``index``."""
        self._check_index(index, self._size)
        return self._leaves.get(index)

    def root(self, size: int | None = None) -> bytes:
        """MTH(D[0:size]): the root hash of the tree at ``size`` (default: the current size)."""
        size = self._check_size(size)
        if size == self._size:
            return _fold_right(self._frontier) if self._frontier else EMPTY_ROOT_HASH
        return self._range_hash(0, size) if size else EMPTY_ROOT_HASH

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """PATH(index, D[0:size]) of RFC 9162 §2.1.3.1: the audit path of entry ``index``."""
        size = self._check_size(size)
        self._check_index(index, size)
        siblings: list[bytes] = []
        lo, hi = 0, size
        while hi - lo > 1:
            k = largest_power_of_two_below(hi - lo)
            if index - lo < k:
                siblings.append(self._range_hash(lo + k, hi))
                hi = lo + k
            else:
                siblings.append(self._range_hash(lo, lo + k))
                lo += k
        siblings.reverse()  # the RFC lists the deepest sibling first
        return siblings

    def consistency_proof(self, first_size: int, second_size: int | None = None) -> list[bytes]:
        """PROOF(first_size, D[0:second_size]) of RFC 9162 §2.1.4.1.

        Empty when ``first_size`` is 0 or equals ``second_size``: the RFC defines no proof there
        and :func:`verify_consistency` expects none.
        """
        second_size = self._check_size(second_size)
        if not 0 <= first_size <= second_size:
            raise ValueError(f"no consistency proof from size {first_size} to size {second_size}")
        if first_size in (0, second_size):
            return []
        nodes: list[bytes] = []
        lo, hi, m, complete = 0, second_size, first_size, True
        while m != hi - lo:  # SUBPROOF(m, D[lo:hi], complete)
            k = largest_power_of_two_below(hi - lo)
            if m <= k:
                nodes.append(self._range_hash(lo + k, hi))
                hi = lo + k
            else:
                nodes.append(self._range_hash(lo, lo + k))
                lo, m, complete = lo + k, m - k, False
        if not complete:
            nodes.append(self._range_hash(lo, hi))
        nodes.reverse()  # the RFC lists the deepest node first
        return nodes

    def _range_hash(self, start: int, end: int) -> bytes:
        """MTH(D[start:end]) from stored perfect subtrees; O(log n) for the ranges proofs use."""
        width = end - start
        if width & (width - 1) == 0 and start % width == 0:
            return self._node(width.bit_length() - 1, start // width)
        k = largest_power_of_two_below(width)
        return node_hash(self._range_hash(start, start + k), self._range_hash(start + k, end))

    def _node(self, level: int, index: int) -> bytes:
        """The hash of perfect subtree ``(level, index)``, computed and cached if missing."""
        if level == 0:
            return self._leaves.get(index)
        cached = self._subtrees.get(level, index)
        if cached is None:
            cached = node_hash(self._node(level - 1, 2 * index), self._node(level - 1, 2 * index + 1))
            self._subtrees.put(level, index, cached)
        return cached

    def _check_size(self, size: int | None) -> int:
        if size is None:
            return self._size
        if type(size) is not int or not 0 <= size <= self._size:
            raise ValueError(f"tree size {size!r} is not between 0 and the current size {self._size}")
        return size

    @staticmethod
    def _check_index(index: int, size: int) -> None:
        if type(index) is not int or not 0 <= index < size:
            raise ValueError(f"leaf index {index!r} is not in a tree of size {size}")


def _compact_range(size: int) -> list[tuple[int, int]]:
    """The ``(level, index)`` of the perfect subtrees that tile ``[0, size)``, largest first: one per set bit."""
    nodes, position = [], 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            nodes.append((level, position >> level))
            position += 1 << level
    return nodes


def _fold_right(hashes: list[bytes]) -> bytes:
    """Combine a compact range into its root: the smallest subtrees join first, as in MTH."""
    current = hashes[-1]
    for left in reversed(hashes[:-1]):
        current = node_hash(left, current)
    return current
