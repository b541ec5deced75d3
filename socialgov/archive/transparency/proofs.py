"""Verification of inclusion and consistency proofs, step by step as RFC 9162 §2.1.3.2 and §2.1.4.2.

Each function raises :class:`VerificationError` with a reason a person can read, and returns
``None`` when the proof holds. The numbered comments are the RFC's steps. ``tools/verify_proof.py``
carries a copy of these two algorithms so that people outside the agency need nothing of ours;
keep the two in step.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from socialgov.archive.transparency.hashing import EMPTY_ROOT_HASH, HASH_SIZE, is_hash, node_hash


class VerificationError(Exception):
    """A proof, signature or bundle does not verify; the message says why."""


def root_from_inclusion_proof(leaf_hash: bytes, leaf_index: int, tree_size: int,
                              inclusion_path: Sequence[bytes]) -> bytes:
    """The root hash that ``inclusion_path`` leads to from ``leaf_hash`` (RFC 9162 §2.1.3.2, steps 1-4)."""
    _require_size(leaf_index, "leaf index")
    _require_size(tree_size, "tree size")
    _require_hashes([leaf_hash], "leaf hash")
    _require_hashes(inclusion_path, "inclusion path entry")
    # 1. leaf_index must be less than tree_size.
    if leaf_index >= tree_size:
        raise VerificationError(f"leaf index {leaf_index} is not below the tree size {tree_size}")
    # 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
    fn, sn, r = leaf_index, tree_size - 1, leaf_hash
    # 4. For each p in inclusion_path:
    for p in inclusion_path:
        if sn == 0:
            raise VerificationError("the inclusion path is longer than a tree of this size allows")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                fn, sn = _shift_until_lsb_set_or_zero(fn, sn)
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    # 5. (first half) sn must be 0.
    if sn != 0:
        raise VerificationError("the inclusion path is shorter than a tree of this size needs")
    return r


def verify_inclusion(leaf_hash: bytes, leaf_index: int, tree_size: int, inclusion_path: Sequence[bytes],
                     root_hash: bytes) -> None:
    """Check that the leaf with ``leaf_hash`` is entry ``leaf_index`` of the tree ``(tree_size, root_hash)``."""
    _require_hashes([root_hash], "root hash")
    computed = root_from_inclusion_proof(leaf_hash, leaf_index, tree_size, inclusion_path)
    # 5. (second half) r must equal root_hash.
    if not hmac.compare_digest(computed, root_hash):
        raise VerificationError(f"the inclusion path leads to root {computed.hex()}, not to {root_hash.hex()}")


def verify_consistency(first_size: int, second_size: int, first_root: bytes, second_root: bytes,
                       consistency_path: Sequence[bytes]) -> None:
    """Check that the tree ``(first_size, first_root)`` is a prefix of ``(second_size, second_root)``.

    The RFC's algorithm (§2.1.4.2) covers ``0 < first_size < second_size``; the other cases are
    settled first, as RFC 9162 §2.1.4.1 defines no proof for them: equal sizes need equal roots
    and an empty proof, and the empty tree (whose root must be SHA-256 of nothing) is a prefix of
    every tree, with an empty proof.
    """
    _require_size(first_size, "first tree size")
    _require_size(second_size, "second tree size")
    _require_hashes([first_root, second_root], "root hash")
    _require_hashes(consistency_path, "consistency path entry")
    if first_size > second_size:
        raise VerificationError(f"the first tree ({first_size}) is larger than the second ({second_size})")
    if first_size == second_size or first_size == 0:
        _verify_trivial_consistency(first_size, second_size, first_root, second_root, consistency_path)
        return
    fr, sr = _roots_from_consistency_path(first_size, second_size, first_root, consistency_path)
    # 7. fr must equal first_hash and sr must equal second_hash (sn == 0 was checked above).
    if not hmac.compare_digest(fr, first_root):
        raise VerificationError(f"the consistency path leads to first root {fr.hex()}, not to {first_root.hex()}")
    if not hmac.compare_digest(sr, second_root):
        raise VerificationError(f"the consistency path leads to second root {sr.hex()}, not to {second_root.hex()}")


def _roots_from_consistency_path(first: int, second: int, first_hash: bytes,
                                 consistency_path: Sequence[bytes]) -> tuple[bytes, bytes]:
    """Steps 1-7 of RFC 9162 §2.1.4.2 up to the final comparisons; returns ``(fr, sr)``."""
    path = list(consistency_path)
    # 1. An empty consistency_path fails.
    if not path:
        raise VerificationError("the consistency path is empty")
    # 2. If first is an exact power of 2, prepend first_hash.
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    # 3. fn = first - 1, sn = second - 1.
    fn, sn = first - 1, second - 1
    # 4. If LSB(fn) is set, right-shift fn and sn equally until LSB(fn) is not set.
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    # 5. fr = sr = the first value of the path.
    fr = sr = path[0]
    # 6. For each subsequent value c:
    for c in path[1:]:
        if sn == 0:
            raise VerificationError("the consistency path is longer than these tree sizes allow")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                fn, sn = _shift_until_lsb_set_or_zero(fn, sn)
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    # 7. (first part) sn must be 0.
    if sn != 0:
        raise VerificationError("the consistency path is shorter than these tree sizes need")
    return fr, sr


def _verify_trivial_consistency(first_size: int, second_size: int, first_root: bytes, second_root: bytes,
                                consistency_path: Sequence[bytes]) -> None:
    if consistency_path:
        raise VerificationError(f"a consistency proof from size {first_size} to {second_size} must be empty")
    if first_size == 0 and not hmac.compare_digest(first_root, EMPTY_ROOT_HASH):
        raise VerificationError("a tree of size 0 must have the empty-tree root (SHA-256 of nothing)")
    if first_size == second_size and not hmac.compare_digest(first_root, second_root):
        raise VerificationError(f"two trees of the same size {first_size} have different roots")


def _shift_until_lsb_set_or_zero(fn: int, sn: int) -> tuple[int, int]:
    while fn and not fn & 1:
        fn, sn = fn >> 1, sn >> 1
    return fn, sn


def _require_size(value: object, what: str) -> None:
    if type(value) is not int or value < 0:
        raise VerificationError(f"the {what} must be a non-negative integer, not {value!r}")


def _require_hashes(values: Sequence[bytes], what: str) -> None:
    for value in values:
        if not is_hash(value):
            raise VerificationError(f"every {what} must be {HASH_SIZE} bytes")
