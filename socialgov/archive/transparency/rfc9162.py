"""The RFC 9162 §2.1 definitions, transcribed literally over a list of leaf inputs.

``mth``, ``path`` and ``proof`` are the recursive definitions of the Merkle Tree Hash
(§2.1.1), the inclusion path (§2.1.3.1) and the consistency proof (§2.1.4.1) exactly as the
RFC writes them. They rehash everything (O(n) per call) and exist as the reference that the
efficient :class:`~socialgov.archive.transparency.tree.MerkleTree` is tested against.
"""

from __future__ import annotations

from collections.abc import Sequence

from socialgov.archive.transparency.hashing import EMPTY_ROOT_HASH, largest_power_of_two_below, leaf_hash, node_hash


def mth(entries: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of RFC 9162 §2.1.1."""
    n = len(entries)
    if n == 0:
        return EMPTY_ROOT_HASH
    if n == 1:
        return leaf_hash(entries[0])
    k = largest_power_of_two_below(n)
    return node_hash(mth(entries[:k]), mth(entries[k:]))


def path(m: int, entries: Sequence[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1: the inclusion path of entry ``m``."""
    n = len(entries)
    if not 0 <= m < n:
        raise ValueError(f"entry {m} is not in a tree of {n} entries")
    if n == 1:
        return []
    k = largest_power_of_two_below(n)
    if m < k:
        return path(m, entries[:k]) + [mth(entries[k:])]
    return path(m - k, entries[k:]) + [mth(entries[:k])]


def proof(m: int, entries: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1, for 0 < m < n."""
    if not 0 < m < len(entries):
        raise ValueError(f"PROOF({m}, D[{len(entries)}]) is defined for 0 < m < n only")
    return subproof(m, entries, True)


def subproof(m: int, entries: Sequence[bytes], b: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1."""
    n = len(entries)
    if m == n:
        return [] if b else [mth(entries)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return subproof(m, entries[:k], b) + [mth(entries[k:])]
    return subproof(m - k, entries[k:], False) + [mth(entries[:k])]
