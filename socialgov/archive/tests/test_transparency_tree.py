"""The Merkle tree over its stores: exhaustive cross-checks with the RFC definitions, history rewrites,
reopening over stored hashes, and the O(log n) cost of roots and proofs."""

from __future__ import annotations

import random

import pytest

from socialgov.archive.transparency import rfc9162
from socialgov.archive.transparency import tree as tree_module
from socialgov.archive.transparency.hashing import EMPTY_ROOT_HASH, leaf_hash
from socialgov.archive.transparency.proofs import VerificationError, verify_consistency, verify_inclusion
from socialgov.archive.transparency.stores import (
    LeafHashStore,
    MemoryLeafHashStore,
    MemorySubtreeHashStore,
    SubtreeHashStore,
)
from socialgov.archive.transparency.tree import MerkleTree

MAX_N = 64
ENTRIES = [f"record version {i}".encode() for i in range(MAX_N)]


def _flip(value: bytes) -> bytes:
    return bytes([value[0] ^ 1]) + value[1:]


def _fails(check, *args) -> bool:
    try:
        check(*args)
    except VerificationError:
        return True
    return False


def _other_sizes(n: int, above: int) -> set[int]:
    """Sizes near ``n`` (and double or half of it) that the 64-entry tree has a root for."""
    return {size for size in (n - 1, n + 1, 2 * n, n // 2) if above < size <= MAX_N and size != n}


@pytest.fixture(scope="module")
def tree64() -> MerkleTree:
    tree = MerkleTree()
    tree.extend(ENTRIES)
    return tree


@pytest.mark.parametrize("n", range(MAX_N + 1))
def test_roots_equal_the_rfc_merkle_tree_hash_for_every_size(tree64, n):
    assert tree64.root(n) == rfc9162.mth(ENTRIES[:n])


@pytest.mark.parametrize("n", range(1, MAX_N + 1))
def test_every_inclusion_proof_is_the_rfc_path_and_verifies_and_no_tampering_does(tree64, n):
    root = tree64.root(n)
    for m in range(n):
        path, hashed = tree64.inclusion_proof(m, n), leaf_hash(ENTRIES[m])
        assert path == rfc9162.path(m, ENTRIES[:n])
        verify_inclusion(hashed, m, n, path, root)
        assert _fails(verify_inclusion, _flip(hashed), m, n, path, root), "flipped leaf"
        assert _fails(verify_inclusion, hashed, m, n, path, _flip(root)), "flipped root"
        assert _fails(verify_inclusion, hashed, m ^ 1, n, path, root) or m ^ 1 >= n, "neighbouring index"
        assert all(_fails(verify_inclusion, hashed, m, other, path, tree64.root(other))
                   for other in _other_sizes(n, above=m)), "another size's signed root"
        assert all(_fails(verify_inclusion, hashed, m, n, [*path[:i], _flip(path[i]), *path[i + 1:]], root)
                   for i in range(len(path))), "flipped proof node"


@pytest.mark.parametrize("n", range(1, MAX_N + 1))
def test_every_consistency_proof_is_the_rfc_proof_and_verifies_and_no_tampering_does(tree64, n):
    root = tree64.root(n)
    for m in range(0, n + 1):
        proof, old_root = tree64.consistency_proof(m, n), tree64.root(m)
        assert proof == (rfc9162.proof(m, ENTRIES[:n]) if 0 < m < n else [])
        verify_consistency(m, n, old_root, root, proof)
        if 0 < m < n:
            assert _fails(verify_consistency, m, n, _flip(old_root), root, proof), "flipped first root"
            assert _fails(verify_consistency, m, n, old_root, _flip(root), proof), "flipped second root"
            assert all(_fails(verify_consistency, m, other, old_root, tree64.root(other), proof)
                       for other in _other_sizes(n, above=m)), "another size's signed root"
            assert all(_fails(verify_consistency, m, n, old_root, root, [*proof[:i], _flip(proof[i]), *proof[i + 1:]])
                       for i in range(len(proof))), "flipped proof node"


def test_random_appends_keep_every_checkpoint_provable():
    rng = random.Random(9162)
    tree, checkpoints = MerkleTree(), []
    for _ in range(25):
        tree.extend(rng.randbytes(rng.randrange(1, 40)) for _ in range(rng.randrange(1, 60)))
        checkpoints.append((tree.size, tree.root()))
    for first_size, first_root in checkpoints:
        for second_size, second_root in checkpoints:
            if first_size <= second_size:
                verify_consistency(first_size, second_size, first_root, second_root,
                                   tree.consistency_proof(first_size, second_size))
        index = rng.randrange(first_size)
        verify_inclusion(tree.leaf_hash(index), index, first_size, tree.inclusion_proof(index, first_size), first_root)


def _tree(entries: list[bytes]) -> MerkleTree:
    tree = MerkleTree()
    tree.extend(entries)
    return tree


@pytest.mark.parametrize("changed", [0, 3, 9])
def test_a_rewritten_entry_breaks_consistency_with_an_earlier_head(changed):
    honest = _tree(ENTRIES[:30])
    rewritten = _tree(ENTRIES[:changed] + [b"rewritten"] + ENTRIES[changed + 1:30])
    old_size, old_root = 10, honest.root(10)
    with pytest.raises(VerificationError):
        verify_consistency(old_size, 30, old_root, rewritten.root(), rewritten.consistency_proof(old_size))
    with pytest.raises(VerificationError):  # nor can the honest proof vouch for the rewritten tree
        verify_consistency(old_size, 30, old_root, rewritten.root(), honest.consistency_proof(old_size))


def test_a_truncated_and_regrown_log_cannot_prove_it_extends_an_earlier_head():
    honest = _tree(ENTRIES[:20])
    regrown = _tree(ENTRIES[:15] + [b"new entry %d" % i for i in range(10)])
    with pytest.raises(VerificationError):
        verify_consistency(20, 25, honest.root(), regrown.root(), regrown.consistency_proof(20))
    with pytest.raises(VerificationError, match="larger"):
        verify_consistency(20, 15, honest.root(), regrown.root(15), [])


def test_a_tree_reopened_over_its_stores_gives_the_same_roots_and_proofs():
    leaves, subtrees = MemoryLeafHashStore(), MemorySubtreeHashStore()
    first = MerkleTree(leaves, subtrees)
    first.extend(ENTRIES[:45])
    reopened = MerkleTree(leaves, subtrees)
    assert reopened.size == 45
    assert reopened.root() == first.root() == rfc9162.mth(ENTRIES[:45])
    assert reopened.inclusion_proof(17, 40) == first.inclusion_proof(17, 40)
    reopened.extend(ENTRIES[45:])
    assert reopened.root() == rfc9162.mth(ENTRIES)


def test_a_tree_over_leaves_with_an_empty_subtree_cache_fills_the_cache_as_needed():
    full = _tree(ENTRIES)
    leaves = MemoryLeafHashStore()
    for index in range(full.size):
        leaves.append(full.leaf_hash(index))
    cold = MerkleTree(leaves, MemorySubtreeHashStore())
    assert cold.root() == full.root()
    assert cold.inclusion_proof(50, 61) == full.inclusion_proof(50, 61)
    assert cold.consistency_proof(13, 59) == full.consistency_proof(13, 59)


def test_appending_stores_each_perfect_subtree_once():
    subtrees = MemorySubtreeHashStore()
    tree = MerkleTree(subtrees=subtrees)
    tree.extend(ENTRIES[:13])
    stored = [(level, index) for level in range(1, 5) for index in range(8) if subtrees.get(level, index)]
    assert stored == [(1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (2, 0), (2, 1), (2, 2), (3, 0)]


class DictLeafStore:
    """A store written the way a database-backed one would be: only the protocol's three methods."""

    def __init__(self) -> None:
        self.rows: dict[int, bytes] = {}

    def count(self) -> int:
        return len(self.rows)

    def get(self, index: int) -> bytes:
        return self.rows[index]

    def append(self, leaf_hash: bytes) -> int:
        self.rows[len(self.rows)] = leaf_hash
        return len(self.rows) - 1


class DictSubtreeStore:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, int], bytes] = {}

    def get(self, level: int, index: int) -> bytes | None:
        return self.rows.get((level, index))

    def put(self, level: int, index: int, node_hash: bytes) -> None:
        self.rows[(level, index)] = node_hash


def test_any_store_that_follows_the_protocols_works():
    leaves, subtrees = DictLeafStore(), DictSubtreeStore()
    assert isinstance(leaves, LeafHashStore) and isinstance(subtrees, SubtreeHashStore)
    tree = MerkleTree(leaves, subtrees)
    tree.extend(ENTRIES)
    assert tree.root(37) == rfc9162.mth(ENTRIES[:37])
    assert len(subtrees.rows) == MAX_N - 1  # a perfect tree of 64 leaves has 63 interior nodes


def test_a_second_writer_on_the_same_leaf_store_is_detected():
    leaves = MemoryLeafHashStore()
    first, second = MerkleTree(leaves), MerkleTree(leaves)
    first.append(b"one")
    with pytest.raises(RuntimeError, match="another writer"):
        second.append(b"two")


@pytest.mark.parametrize(("call", "args"), [
    ("inclusion_proof", (10, None)), ("inclusion_proof", (-1, None)), ("inclusion_proof", (3, 3)),
    ("inclusion_proof", (0, 11)), ("inclusion_proof", (True, None)), ("consistency_proof", (5, 4)),
    ("consistency_proof", (-1, 4)), ("consistency_proof", (1, 11)), ("root", (11,)), ("root", (-1,)),
    ("leaf_hash", (10,)), ("append_leaf_hash", (b"short",)),
])
def test_out_of_range_requests_are_refused(call, args):
    tree = _tree(ENTRIES[:10])
    with pytest.raises(ValueError):
        getattr(tree, call)(*args)


def test_the_empty_tree_has_the_empty_root_and_no_proofs():
    tree = MerkleTree()
    assert tree.size == 0 and tree.root() == EMPTY_ROOT_HASH
    assert tree.consistency_proof(0) == []
    with pytest.raises(ValueError):
        tree.inclusion_proof(0)


# --- cost ----------------------------------------------------------------------------------------

class CountingStores:
    def __init__(self, leaves: MemoryLeafHashStore, subtrees: MemorySubtreeHashStore) -> None:
        self.leaves, self.subtrees, self.reads = leaves, subtrees, 0

    def count(self) -> int:
        return self.leaves.count()

    def get(self, *key: int):
        self.reads += 1
        return self.leaves.get(*key) if len(key) == 1 else self.subtrees.get(*key)


@pytest.fixture(scope="module")
def big_tree() -> tuple[MerkleTree, MemoryLeafHashStore, MemorySubtreeHashStore]:
    leaves, subtrees = MemoryLeafHashStore(), MemorySubtreeHashStore()
    tree = MerkleTree(leaves, subtrees)
    tree.extend(i.to_bytes(4, "big") for i in range(100_003))
    return tree, leaves, subtrees


def test_roots_and_proofs_cost_logarithmic_hashing_and_reads(big_tree, monkeypatch):
    tree, leaves, subtrees = big_tree
    n, log_n = tree.size, tree.size.bit_length()  # 17
    hashes = 0
    real_node_hash = tree_module.node_hash

    def counting_node_hash(left: bytes, right: bytes) -> bytes:
        nonlocal hashes
        hashes += 1
        return real_node_hash(left, right)

    monkeypatch.setattr(tree_module, "node_hash", counting_node_hash)
    store = CountingStores(leaves, subtrees)
    monkeypatch.setattr(tree, "_leaves", store)
    monkeypatch.setattr(tree, "_subtrees", store)
    for operation in (lambda: tree.root(n - 7), lambda: tree.inclusion_proof(54_321),
                      lambda: tree.inclusion_proof(n - 1), lambda: tree.consistency_proof(77_777),
                      lambda: tree.consistency_proof(3, n - 1)):
        hashes, store.reads = 0, 0
        operation()
        assert hashes <= log_n and store.reads <= 2 * log_n, (hashes, store.reads)


def test_appending_hashes_once_per_completed_subtree(monkeypatch):
    hashes = 0
    real_node_hash = tree_module.node_hash

    def counting_node_hash(left: bytes, right: bytes) -> bytes:
        nonlocal hashes
        hashes += 1
        return real_node_hash(left, right)

    monkeypatch.setattr(tree_module, "node_hash", counting_node_hash)
    tree = _tree([b"%d" % i for i in range(5_000)])
    assert hashes == 5_000 - bin(5_000).count("1")  # one per interior node of the perfect subtrees
    hashes = 0
    tree.root()
    assert hashes == bin(5_000).count("1") - 1  # the compact range folds into the root
