"""Inclusion and consistency proofs against the Certificate Transparency vectors, and the tamper probes of
transparency-dev/merkle ``proof/verify_test.go``: every corrupted proof, index, size, leaf or root must fail."""

from __future__ import annotations

import hashlib

import pytest

from socialgov.archive.transparency import rfc9162
from socialgov.archive.transparency.hashing import EMPTY_ROOT_HASH, leaf_hash
from socialgov.archive.transparency.proofs import (
    VerificationError,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from socialgov.archive.transparency.testing import CT_CONSISTENCY_PROOFS, CT_INCLUSION_PROOFS, CT_LEAVES, CT_ROOTS
from socialgov.archive.transparency.tree import MerkleTree

SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def _ids(vectors):
    return [f"{a}-{b}" for a, b, _ in vectors]


@pytest.fixture(scope="module")
def ct_tree() -> MerkleTree:
    tree = MerkleTree()
    tree.extend(CT_LEAVES)
    return tree


def _flip(value: bytes, mask: int) -> bytes:
    return bytes([value[0] ^ mask]) + value[1:]


# --- inclusion ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION_PROOFS, ids=_ids(CT_INCLUSION_PROOFS))
def test_inclusion_proofs_match_the_vectors(ct_tree, index, size, path):
    assert ct_tree.inclusion_proof(index, size) == path
    assert rfc9162.path(index, CT_LEAVES[:size]) == path


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION_PROOFS, ids=_ids(CT_INCLUSION_PROOFS))
def test_inclusion_vectors_verify(index, size, path):
    hashed = leaf_hash(CT_LEAVES[index])
    assert root_from_inclusion_proof(hashed, index, size, path) == CT_ROOTS[size]
    verify_inclusion(hashed, index, size, path, CT_ROOTS[size])


def _inclusion_probes(index: int, size: int, path: list[bytes], root: bytes, hashed: bytes):
    """transparency-dev/merkle corruptInclusionProof, plus 32-byte wrong values so length checks alone can't pass."""
    probes = {
        "index - 1": (index - 1, size, path, root, hashed), "index + 1": (index + 1, size, path, root, hashed),
        "index ^ 2": (index ^ 2, size, path, root, hashed), "size * 2": (index, size * 2, path, root, hashed),
        "size / 2": (index, size // 2, path, root, hashed),
        "wrong leaf": (index, size, path, root, b"WrongLeaf"),
        "wrong 32-byte leaf": (index, size, path, root, leaf_hash(b"WrongLeaf")),
        "flipped leaf bit": (index, size, path, root, _flip(hashed, 1)),
        "empty root": (index, size, path, EMPTY_ROOT_HASH, hashed),
        "random root": (index, size, path, SOME_HASH, hashed),
        "flipped root bit": (index, size, path, _flip(root, 1), hashed),
        "trailing garbage": (index, size, [*path, b""], root, hashed),
        "trailing root": (index, size, [*path, root], root, hashed),
        "preceding garbage": (index, size, [b"", *path], root, hashed),
        "preceding root": (index, size, [root, *path], root, hashed),
    }
    for i in range(len(path)):
        probes[f"proof[{i}] bit 3"] = (index, size, [*path[:i], _flip(path[i], 8), *path[i + 1:]], root, hashed)
    if path:
        probes["removed component"] = (index, size, path[:-1], root, hashed)
    if len(path) > 1:
        probes["inserted component"] = (index, size, [path[0], SOME_HASH, *path[1:]], root, hashed)
    return probes


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION_PROOFS, ids=_ids(CT_INCLUSION_PROOFS))
def test_every_corruption_of_an_inclusion_vector_fails(index, size, path):
    probes = _inclusion_probes(index, size, path, CT_ROOTS[size], leaf_hash(CT_LEAVES[index]))
    accepted = []
    for name, (i, n, p, root, hashed) in probes.items():
        try:
            verify_inclusion(hashed, i, n, p, root)
        except VerificationError:
            continue
        accepted.append(name)
    assert accepted == []


def test_a_single_entry_tree_has_an_empty_inclusion_proof():
    hashed = leaf_hash(b"data")
    verify_inclusion(hashed, 0, 1, [], hashed)
    for leaf, root in [(hashed, b""), (b"", hashed), (b"", b"")]:
        with pytest.raises(VerificationError):
            verify_inclusion(leaf, 0, 1, [], root)


@pytest.mark.parametrize(("index", "size"), [(0, 0), (0, 1), (1, 0), (2, 1)])
def test_an_empty_inclusion_proof_with_mismatched_leaf_and_root_fails(index, size):
    for leaf, root in [(SOME_HASH, b""), (b"", EMPTY_ROOT_HASH), (SOME_HASH, EMPTY_ROOT_HASH)]:
        with pytest.raises(VerificationError):
            verify_inclusion(leaf, index, size, [], root)


@pytest.mark.parametrize(("index", "size"), [(-1, 4), (0, -1), (True, 4), (0, 4.0), ("0", 4)])
def test_inclusion_refuses_sizes_and_indexes_that_are_not_natural_numbers(index, size):
    with pytest.raises(VerificationError, match="non-negative integer"):
        root_from_inclusion_proof(SOME_HASH, index, size, [])


# --- consistency -------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "path"), CT_CONSISTENCY_PROOFS, ids=_ids(CT_CONSISTENCY_PROOFS))
def test_consistency_proofs_match_the_vectors(ct_tree, first, second, path):
    assert ct_tree.consistency_proof(first, second) == path
    if first < second:
        assert rfc9162.proof(first, CT_LEAVES[:second]) == path


@pytest.mark.parametrize(("first", "second", "path"), CT_CONSISTENCY_PROOFS, ids=_ids(CT_CONSISTENCY_PROOFS))
def test_consistency_vectors_verify(first, second, path):
    verify_consistency(first, second, CT_ROOTS[first], CT_ROOTS[second], path)


def _consistency_probes(first: int, second: int, root1: bytes, root2: bytes, path: list[bytes]):
    """transparency-dev/merkle corruptConsistencyProof, plus 32-byte wrong roots."""
    probes = {
        "first - 1": (first - 1, second, root1, root2, path), "first + 1": (first + 1, second, root1, root2, path),
        "first ^ 2": (first ^ 2, second, root1, root2, path), "second * 2": (first, second * 2, root1, root2, path),
        "second / 2": (first, second // 2, root1, root2, path),
        "wrong root1": (first, second, b"WrongRoot", root2, path),
        "wrong root2": (first, second, root1, b"WrongRoot", path),
        "flipped root1 bit": (first, second, _flip(root1, 1), root2, path),
        "flipped root2 bit": (first, second, root1, _flip(root2, 1), path),
        "swapped roots": (first, second, root2, root1, path), "empty proof": (first, second, root1, root2, []),
        "trailing garbage": (first, second, root1, root2, [*path, b""]),
        "trailing root1": (first, second, root1, root2, [*path, root1]),
        "trailing root2": (first, second, root1, root2, [*path, root2]),
        "preceding garbage": (first, second, root1, root2, [b"", *path]),
        "preceding root1": (first, second, root1, root2, [root1, *path]),
        "preceding root2": (first, second, root1, root2, [root2, *path]),
        "preceding proof[0]": (first, second, root1, root2, [path[0], *path]),
        "truncated proof": (first, second, root1, root2, path[:-1]),
    }
    for i in range(len(path)):
        probes[f"proof[{i}] bit 4"] = (first, second, root1, root2, [*path[:i], _flip(path[i], 16), *path[i + 1:]])
    return probes


NON_TRIVIAL = [v for v in CT_CONSISTENCY_PROOFS if v[2]]


@pytest.mark.parametrize(("first", "second", "path"), NON_TRIVIAL, ids=_ids(NON_TRIVIAL))
def test_every_corruption_of_a_consistency_vector_fails(first, second, path):
    accepted = []
    for name, (m, n, root1, root2, p) in _consistency_probes(first, second, CT_ROOTS[first], CT_ROOTS[second],
                                                             path).items():
        try:
            verify_consistency(m, n, root1, root2, p)
        except VerificationError:
            continue
        accepted.append(name)
    assert accepted == []


R1, R2 = hashlib.sha256(b"root 1").digest(), hashlib.sha256(b"root 2").digest()
E = EMPTY_ROOT_HASH


# transparency-dev's TestVerifyConsistency edge table, with 32-byte roots. One deliberate difference:
# we also require a size-0 head to carry the empty-tree root, so (0, 0, R1, R1) fails here.
@pytest.mark.parametrize(("first", "second", "root1", "root2", "path", "holds"), [
    pytest.param(0, 0, E, E, [], True, id="empty trees"),
    pytest.param(0, 1, E, R2, [], True, id="the empty tree precedes every tree"),
    pytest.param(1, 1, R2, R2, [], True, id="same size same root"),
    pytest.param(0, 0, R1, R1, [], False, id="size 0 with a non-empty root"),
    pytest.param(0, 0, R1, R2, [], False, id="size 0 roots differ"),
    pytest.param(1, 1, R1, R2, [], False, id="same size roots differ"),
    pytest.param(1, 0, R1, R2, [], False, id="time travel 1 to 0"),
    pytest.param(2, 1, R1, R2, [], False, id="time travel 2 to 1"),
    pytest.param(1, 2, R1, R2, [], False, id="empty proof"),
    pytest.param(0, 0, E, R2, [], False, id="empty root vs other root"),
    pytest.param(1, 1, E, R2, [], False, id="size 1 roots differ"),
    pytest.param(0, 0, E, E, [E], False, id="roots match, proof not empty, 0-0"),
    pytest.param(0, 1, E, E, [E], False, id="roots match, proof not empty, 0-1"),
    pytest.param(1, 1, E, E, [E], False, id="roots match, proof not empty, 1-1"),
])
def test_consistency_edge_cases(first, second, root1, root2, path, holds):
    if holds:
        verify_consistency(first, second, root1, root2, path)
    else:
        with pytest.raises(VerificationError):
            verify_consistency(first, second, root1, root2, path)
